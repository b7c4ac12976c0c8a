# Copyright (c) 2026, JLC developers. License: MIT.
"""Staff Support Record: support for a member of staff named in a complaint or incident.

The staff member reads their own record and gives their feedback in a Staff Support Feedback record of their
own; the complaint itself stays closed to them (they are staff involved), so the handler writes here what is
shared with them."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today


class StaffSupportRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.staff_support_update.staff_support_update import StaffSupportUpdate

		anonymised_on: DF.Date | None
		complaint: DF.Link | None
		incident: DF.Link | None
		informed_by: DF.Link | None
		informed_on: DF.Date | None
		legal_hold: DF.Check
		occupational_health: DF.Check
		other_support: DF.SmallText | None
		peer_support: DF.Check
		shared_with_staff: DF.Text | None
		staff_member: DF.Link
		staff_member_name: DF.Data | None
		union_or_professional_body: DF.Check
		updates: DF.Table[StaffSupportUpdate]
		wellbeing_support: DF.Check

	# end: auto-generated types
	def validate(self):
		if not (self.complaint or self.incident):
			frappe.throw(_("Link the complaint or the incident the staff member is named in."))
		for row in self.updates:
			row.by_user = row.by_user or frappe.session.user
			row.update_on = row.update_on or today()

	def on_trash(self):
		# the staff member's feedback belongs to this record and goes with it
		frappe.delete_doc(
			"Staff Support Feedback",
			self.name,
			ignore_missing=True,
			ignore_permissions=True,
			delete_permanently=True,
		)
