# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class JLCStaffObjective(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		objective: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		practical_examples: DF.Text | None
		progress: DF.Literal["", "Not yet shown", "Partly shown", "Shown"]
		role_objective: DF.Link | None
	# end: auto-generated types
	pass
