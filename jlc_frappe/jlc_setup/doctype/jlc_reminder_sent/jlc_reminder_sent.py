# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Reminder Sent: a reminder the daily job sent (jlc_frappe/reminders). One row per record, kind, deadline and
recipient, unique in the database, so a rerun or a retried job sends nothing twice; a moved deadline is a new row.
Rows name records, not people's details: read by Complaints Managers, and by System Managers about the records
they may read (permissions.py)."""

import frappe
from frappe.model.document import Document

KEY_FIELDS = ("reference_doctype", "reference_name", "kind", "deadline", "recipient")


class JLCReminderSent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		deadline: DF.Date
		kind: DF.Literal[
			"Acknowledgement due",
			"Response due soon",
			"Acknowledgement overdue",
			"Response overdue",
			"Learning action due soon",
			"Learning action overdue",
			"Candour assessment open",
			"Candour notification due soon",
			"Candour notification overdue",
			"CQC request due",
			"CQC request overdue",
		]
		recipient: DF.Link
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		sent_on: DF.Datetime
	# end: auto-generated types
	pass


def on_doctype_update():
	"""The once-only rule, kept by the database: one row per key, whatever runs at the same time."""
	frappe.db.add_unique("JLC Reminder Sent", KEY_FIELDS, constraint_name="unique_reminder")
