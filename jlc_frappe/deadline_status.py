"""Deadline statuses (On track, Due soon, Overdue, Met, Missed): worked out on save by the controllers and
kept true daily by one UPDATE per doctype, however many records there are."""

import frappe
from frappe.query_builder import Case
from frappe.utils import getdate, nowdate

from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines

# doctype: (states in which pending deadlines no longer run, [(due field, done-on field, status field)])
TRACKED = {
	"Complaint": (
		("Closed", "Withdrawn"),
		[
			("acknowledgement_due", "acknowledged_on", "acknowledgement_status"),
			("response_due", "response_sent_on", "response_status"),
		],
	),
	"Learning Action": (("Cancelled",), [("due_date", "completed_on", "due_status")]),
	"Candour Notification": (
		("Not Notifiable", "Unable To Contact", "Declined", "Closed"),
		[("contractual_due", "notified_in_person_on", "contractual_status")],
	),
}


def _date(value):
	return getdate(value) if value else None


def status_on_save(doc, due_field: str, done_field: str) -> str:
	"""The status of one deadline of `doc` today; empty when it stopped running undone."""
	stopped_states = TRACKED[doc.doctype][0]
	done_on = _date(doc.get(done_field))
	if not done_on and doc.get("workflow_state") in stopped_states:
		return ""
	soon = jlc_settings.get_settings().due_soon_working_days or 0
	return deadlines.deadline_status(
		_date(doc.get(due_field)), done_on, getdate(nowdate()), soon, jlc_settings.get_calendar()
	)


def refresh_statuses(doctype: str, on_date=None) -> None:
	"""One UPDATE re-states the pending deadline statuses of every running `doctype` record."""
	stopped_states, tracked = TRACKED[doctype]
	today, soon_limit = deadlines.pending_status_thresholds(
		getdate(on_date or nowdate()),
		jlc_settings.get_settings().due_soon_working_days or 0,
		jlc_settings.get_calendar(),
	)
	table = frappe.qb.DocType(doctype)
	update = frappe.qb.update(table).where(table.workflow_state.notin(stopped_states))
	for due_field, done_field, status_field in tracked:
		due, done_on, status = table[due_field], table[done_field], table[status_field]
		pending = (
			Case()
			.when(done_on.isnotnull() | due.isnull(), status)
			.when(due < today, deadlines.OVERDUE)
			.when(due <= soon_limit, deadlines.DUE_SOON)
			.else_(deadlines.ON_TRACK)
		)
		update = update.set(status, pending)
	update.run()


def refresh_all_deadline_statuses(on_date=None) -> None:
	"""Daily job."""
	for doctype in TRACKED:
		refresh_statuses(doctype, on_date)
