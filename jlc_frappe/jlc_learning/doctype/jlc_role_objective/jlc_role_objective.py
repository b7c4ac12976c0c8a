# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Role Objective: what staff at one level (board, senior leader, manager, front-line staff) are expected to
show of a just and learning culture, with examples of the evidence. Staff objectives start from these templates;
the seeded ones (jlc_learning/data/role_objectives.json) are data a trust edits."""

from frappe.model.document import Document


class JLCRoleObjective(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active: DF.Check
		examples: DF.SmallText | None
		expectation: DF.Literal[
			"",
			"Promoting a just and learning culture",
			"Welcoming complaints in a positive way",
			"Being thorough and fair",
			"Giving fair and accountable responses",
		]
		level: DF.Literal["Board", "Senior Leader", "Manager", "Front-line Staff"]
		objective: DF.SmallText
		title: DF.Data
	# end: auto-generated types
	pass
