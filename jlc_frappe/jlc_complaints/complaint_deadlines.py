"""Complaint deadlines and time limit, worked out on save from the rules.

jlc_frappe.deadline_status keeps the statuses true daily."""

import frappe
from frappe.query_builder import Case
from frappe.utils import formatdate, getdate, today

from jlc_frappe import identity
from jlc_frappe.deadline_status import set_deadline_fields
from jlc_frappe.jlc_complaints.complaint_lifecycle import RECEIVED
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines, people, time_limit
from jlc_frappe.rules.headline import complaint_headline
from jlc_frappe.translation import translate


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
		_date(identity.value(doc, "date_of_birth")), getdate(doc.received_on), jlc_settings.age_bands()
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
	set_deadline_fields(doc)
	doc.response_working_days = (
		deadlines.working_days_to_respond(received, _date(doc.response_sent_on), cal) or 0
	)


def headline(doc) -> dict:
	"""Where the complaint stands against its deadline and what is next, for the top of its form."""
	text, colour = complaint_headline(
		doc.workflow_state,
		(_date(doc.acknowledgement_due), _date(doc.acknowledged_on)),
		(_date(doc.response_due), _date(doc.response_sent_on)),
		getdate(today()),
		jlc_settings.get_settings().due_soon_working_days,
		jlc_settings.get_calendar(),
		formatdate,
	)
	return {"text": translate(text), "colour": colour}


def refresh_response_working_days() -> None:
	"""Every sent response's working days to respond, again (the calendar's closure days changed, or the field is
	new): per distinct date received (indexed), one UPDATE with a CASE over the dates sent. Runs on the long
	queue. Unsent responses keep 0 (an Int column): readers test response_sent_on."""
	complaint, cal = frappe.qb.DocType("Complaint"), jlc_settings.get_calendar()
	pairs = (
		frappe.qb.from_(complaint)
		.select(complaint.received_on, complaint.response_sent_on)
		.distinct()
		.where(complaint.response_sent_on.isnotnull() & complaint.received_on.isnotnull())
	).run()
	by_received: dict = {}
	for received, sent in pairs:
		by_received.setdefault(received, []).append(sent)
	for received, sent_dates in by_received.items():
		days = Case()
		for sent in sent_dates:
			days = days.when(
				complaint.response_sent_on == sent,
				deadlines.working_days_to_respond(getdate(received), getdate(sent), cal),
			)
		frappe.qb.update(complaint).set(complaint.response_working_days, days.else_(0)).where(
			complaint.received_on == received
		).run()
