"""Deadline statuses (On track, Due soon, Overdue, Met, Missed), the next deadline and the working days left to it:
worked out on save by the controllers and kept true daily by a few set-based UPDATEs per doctype, however many
records there are. Lists colour their rows by the statuses and sort by `deadline_order`: the next deadline, and
after every record with one those without (SQL sorts empty dates first)."""

import json

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce
from frappe.utils import formatdate, getdate, nowdate

from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines
from jlc_frappe.rules.headline import record_headline
from jlc_frappe.translation import translate

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


# Worked out from the deadlines (and the day, daily): not history, so kept out of the records' versions.
DERIVED_FIELDS = ("next_deadline", "working_days_left", "deadline_order")
NO_DEADLINE = "9999-12-31"  # the deadline order of a record with none to meet: last

# The headline of each doctype other than Complaint (complaint_deadlines.headline): its kind in rules.headline.
HEADLINE_KINDS = {"Learning Action": "action", "Candour Notification": "candour"}


def _date(value):
	return getdate(value) if value else None


def set_deadline_fields(doc) -> None:
	"""On save: every tracked status of `doc`, its next deadline and the working days left to it."""
	stopped_states, tracked = TRACKED[doc.doctype]
	for due_field, done_field, status_field in tracked:
		doc.set(status_field, status_on_save(doc, due_field, done_field))
	running = doc.get("workflow_state") not in stopped_states
	pending = [(_date(doc.get(due)), _date(doc.get(done))) for due, done, _status in tracked]
	doc.next_deadline = deadlines.next_deadline(pending) if running else None
	doc.deadline_order = doc.next_deadline or NO_DEADLINE
	left = deadlines.working_days_left(
		_date(doc.next_deadline), getdate(nowdate()), jlc_settings.get_calendar()
	)
	doc.working_days_left = (
		left or 0
	)  # an Int column: 0 without a deadline too (next_deadline tells them apart)


def headline(doc) -> dict:
	"""Where the record stands against its deadline and what is next, for the top of its form."""
	due_field, done_field, _status = TRACKED[doc.doctype][1][0]
	text, colour = record_headline(
		HEADLINE_KINDS[doc.doctype],
		doc.workflow_state,
		(_date(doc.get(due_field)), _date(doc.get(done_field))),
		getdate(nowdate()),
		jlc_settings.get_settings().due_soon_working_days or 0,
		jlc_settings.get_calendar(),
		formatdate,
	)
	return {"text": translate(text), "colour": colour}


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
	refresh_next_deadlines(doctype)
	refresh_working_days_left(doctype, today)


def refresh_answer_statuses(
	doctype: str, answered_field: str, answered: str, on_date=None, where=None
) -> None:
	"""One UPDATE: rules.deadlines.answer_status for every `doctype` request (`where`: those still kept), from
	its `due_on` and the day it was answered (`answered_field`)."""
	today = getdate(on_date or nowdate())
	table = frappe.qb.DocType(doctype)
	status = (
		Case()
		.when(table[answered_field].isnotnull(), answered)
		.when(table.due_on < today, deadlines.OVERDUE)
		.else_(deadlines.OPEN)
	)
	update = frappe.qb.update(table).set(table.status, status)
	(update if where is None else update.where(where(table))).run()


def refresh_next_deadlines(doctype: str) -> None:
	"""One UPDATE: what set_deadline_fields works out on save, for every record (rules.deadlines.next_deadline)."""
	stopped_states, tracked = TRACKED[doctype]
	table = frappe.qb.DocType(doctype)
	next_due = Case().when(table.workflow_state.isin(stopped_states), None)
	for due_field, done_field, _status in tracked:
		next_due = next_due.when(table[due_field].isnotnull() & table[done_field].isnull(), table[due_field])
	frappe.qb.update(table).set(table.next_deadline, next_due.else_(None)).run()
	frappe.qb.update(table).set(table.deadline_order, Coalesce(table.next_deadline, NO_DEADLINE)).run()
	frappe.qb.update(table).set(table.working_days_left, 0).where(table.next_deadline.isnull()).run()


def refresh_working_days_left(doctype: str, today) -> None:
	"""One UPDATE with a CASE over the distinct next deadlines (a few hundred at most, whatever the rows)."""
	table, cal = frappe.qb.DocType(doctype), jlc_settings.get_calendar()
	due_dates = (
		frappe.qb.from_(table).select(table.next_deadline).distinct().where(table.next_deadline.isnotnull())
	).run(pluck=True)
	if not due_dates:
		return
	left = Case()
	for due in due_dates:
		left = left.when(table.next_deadline == due, deadlines.working_days_left(getdate(due), today, cal))
	frappe.qb.update(table).set(table.working_days_left, left).where(table.next_deadline.isnotnull()).run()


def refresh_all_deadline_statuses(on_date=None) -> None:
	"""Daily job."""
	for doctype in TRACKED:
		refresh_statuses(doctype, on_date)


def keep_derived_fields_out_of_history(version, method=None) -> None:
	"""Version before_insert: the timeline says what people changed, not that a day went by."""
	if version.ref_doctype not in TRACKED:
		return
	data = json.loads(version.data or "{}")
	changed = data.get("changed") or []
	kept = [change for change in changed if change[0] not in DERIVED_FIELDS]
	if len(kept) != len(changed):
		data["changed"] = kept
		version.data = json.dumps(data)
