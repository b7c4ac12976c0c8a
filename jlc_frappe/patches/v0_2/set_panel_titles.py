"""Panel meetings are titled by their date and chair (the title is worked out on save)."""

import frappe
from frappe import _
from frappe.utils import formatdate, get_fullname


def execute():
	for meeting in frappe.get_all("Complaints Panel Meeting", fields=["name", "meeting_date", "chair"]):
		title = _("Panel {0}, chaired by {1}").format(
			formatdate(meeting.meeting_date), get_fullname(meeting.chair)
		)
		frappe.db.set_value("Complaints Panel Meeting", meeting.name, "title", title, update_modified=False)
