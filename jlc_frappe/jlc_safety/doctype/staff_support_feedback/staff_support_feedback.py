# Copyright (c) 2026, JLC developers. License: MIT.
"""Staff Support Feedback: the staff member's own words on the support they were given.

Only the staff member of the support record writes it; those who support them read it (permissions.py)."""

import frappe
from frappe import _
from frappe.model.document import Document


class StaffSupportFeedback(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		feedback: DF.Text
		staff_member: DF.Link | None
		support_record: DF.Link
	# end: auto-generated types

	def validate(self):
		self.staff_member = frappe.db.get_value("Staff Support Record", self.support_record, "staff_member")
		if frappe.session.user != self.staff_member:
			frappe.throw(
				_("Only the member of staff this support record is about gives feedback on it."),
				frappe.PermissionError,
			)
