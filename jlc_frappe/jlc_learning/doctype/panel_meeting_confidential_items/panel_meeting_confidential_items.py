# Copyright (c) 2026, JLC developers. License: MIT.
"""Panel Meeting Confidential Items: what a panel discussed in confidence, never in the circulated minutes."""

import frappe
from frappe import _
from frappe.model.document import Document


class PanelMeetingConfidentialItems(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		confidential_items: DF.TextEditor | None
		meeting: DF.Link
	# end: auto-generated types

	def validate(self):
		if (
			frappe.db.get_value("Complaints Panel Meeting", self.meeting, "workflow_state")
			== "Minutes Approved"
		):
			before = self.get_doc_before_save()
			if before is None or before.confidential_items != self.confidential_items:
				frappe.throw(
					_("The minutes of this meeting are approved: its confidential items cannot change.")
				)
