# Copyright (c) 2026, JLC developers. License: MIT.
"""A kind of reminder as the site sets it (JLC Settings > Reminders): sent or not, and its lead time. The kinds
themselves, and what each is about, are jlc_frappe.rules.reminders.KINDS."""

from frappe.model.document import Document


class JLCReminderKind(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		days_before: DF.Int
		enabled: DF.Check
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
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recipients: DF.Data | None
	# end: auto-generated types
	pass
