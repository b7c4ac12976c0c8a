# Copyright (c) 2026, JLC developers. License: MIT.
"""Learning Action Due Change: one change of a learning action's due date (jlc_frappe/date_changes.py)."""

from frappe.model.document import Document


class LearningActionDueChange(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		changed_by: DF.Link | None
		changed_on: DF.Datetime | None
		new_date: DF.Date
		old_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText
	# end: auto-generated types

	pass
