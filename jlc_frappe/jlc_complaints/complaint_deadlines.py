"""Complaint deadlines: worked out on save from the rules, and kept true daily by one UPDATE."""

import frappe
from frappe.query_builder import Case
from frappe.utils import getdate, nowdate

from jlc_frappe.jlc_complaints.complaint_lifecycle import RECEIVED, TERMINAL_STATES, WITHDRAWN
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines, people, time_limit


def _date(value):
	return getdate(value) if value else None


def set_time_limit(doc) -> None:
	"""Reg 12: 12 months from the events or from when the complainant learned of them, if later."""
	event, aware = _date(doc.event_date), _date(doc.became_aware_on)
	doc.time_limit_expires_on = time_limit.time_limit_expires(event, aware)
	doc.time_limit_status = time_limit.time_limit_status(
		getdate(doc.received_on), event, aware, bool(doc.time_limit_waived)
	)


def set_age_band(doc) -> None:
	doc.age_band = people.age_band(
		_date(doc.date_of_birth), getdate(doc.received_on), jlc_settings.age_bands()
	)


def default_response_due(doc):
	days = jlc_settings.preset_working_days().get(doc.timescale_preset)
	if days is None:
		return None
	return deadlines.response_due_from_preset(getdate(doc.received_on), days, jlc_settings.get_calendar())


def response_due_follows_preset(doc) -> bool:
	"""Before acknowledgement, and until a date is agreed, the response date follows the timescale preset."""
	return doc.workflow_state in (None, "", RECEIVED) and not doc.response_due_changes


def set_deadlines(doc) -> None:
	cal, received = jlc_settings.get_calendar(), getdate(doc.received_on)
	doc.acknowledgement_due = deadlines.acknowledgement_due(received, cal)
	doc.statutory_response_limit = deadlines.statutory_response_limit(received)
	if not doc.response_due:
		doc.response_due = default_response_due(doc)
	doc.acknowledgement_status = _status(doc, doc.acknowledgement_due, doc.acknowledged_on, cal)
	doc.response_status = _status(doc, doc.response_due, doc.response_sent_on, cal)


def _status(doc, due, done_on, cal) -> str:
	if not done_on and doc.workflow_state == WITHDRAWN:
		return ""
	soon = jlc_settings.get_settings().due_soon_working_days or 0
	return deadlines.deadline_status(_date(due), _date(done_on), getdate(nowdate()), soon, cal)


def refresh_deadline_statuses(on_date=None) -> None:
	"""Daily job: one UPDATE re-states every open complaint's pending deadline statuses."""
	settings, cal = jlc_settings.get_settings(), jlc_settings.get_calendar()
	today, soon_limit = deadlines.pending_status_thresholds(
		getdate(on_date or nowdate()), settings.due_soon_working_days or 0, cal
	)
	complaint = frappe.qb.DocType("Complaint")

	def pending(due, done_on, status):
		return (
			Case()
			.when(done_on.isnotnull() | due.isnull(), status)
			.when(due < today, deadlines.OVERDUE)
			.when(due <= soon_limit, deadlines.DUE_SOON)
			.else_(deadlines.ON_TRACK)
		)

	(
		frappe.qb.update(complaint)
		.set(
			complaint.acknowledgement_status,
			pending(
				complaint.acknowledgement_due, complaint.acknowledged_on, complaint.acknowledgement_status
			),
		)
		.set(
			complaint.response_status,
			pending(complaint.response_due, complaint.response_sent_on, complaint.response_status),
		)
		.where(complaint.workflow_state.notin(TERMINAL_STATES))
	).run()
