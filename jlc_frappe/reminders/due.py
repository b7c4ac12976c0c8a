"""What each kind of reminder is about, and the records whose deadline is in its window today: one query per
kind over the whole table (rules.reminders.due_window), never a loop over every record."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.utils import formatdate
from frappe.utils.user import get_users_with_role

from jlc_frappe.deadline_status import TRACKED
from jlc_frappe.jlc_complaints.complaint_lifecycle import TERMINAL_STATES
from jlc_frappe.jlc_safety.candour import ASSESSMENT
from jlc_frappe.permissions import COMPLAINTS_MANAGER, PATIENT_SAFETY_LEAD
from jlc_frappe.rules import reminders as r
from jlc_frappe.rules.calendar import WorkingCalendar


class Audience:
	"""The users who hold a role, looked up once per run."""

	def __init__(self):
		self._by_role: dict[str, list[str]] = {}

	def role(self, role: str) -> list[str]:
		if role not in self._by_role:
			self._by_role[role] = sorted(get_users_with_role(role))
		return self._by_role[role]


@dataclass(frozen=True)
class Source:
	"""Where a kind's deadlines are: the record's doctype, its deadline and the field that says it was met, the
	states in which it runs, who is told and what they are told."""

	doctype: str
	due_field: str
	done_field: str
	message: Callable[[str, str], str]  # (reference, deadline as text) -> what the notice says
	recipients: Callable[[dict, Audience], list[str]]
	fields: tuple[str, ...] = ()  # columns the recipients and the detail need
	detail_field: str | None = None  # the record's summary or title (never a person's details)
	stopped: tuple[str, ...] = ()  # states in which the deadline no longer runs
	only_in: tuple[str, ...] = ()  # states the kind is about (empty: any running state)


def _handler(row: dict, audience: Audience) -> list[str]:
	return [row.handler] if row.handler else audience.role(COMPLAINTS_MANAGER)


def _handler_and_managers(row: dict, audience: Audience) -> list[str]:
	return [*([row.handler] if row.handler else []), *audience.role(COMPLAINTS_MANAGER)]


def _safety_leads(row: dict, audience: Audience) -> list[str]:
	return audience.role(PATIENT_SAFETY_LEAD)


def _field(fieldname: str) -> Callable[[dict, Audience], list[str]]:
	return lambda row, audience: [row[fieldname]] if row.get(fieldname) else []


def _cqc_owner(row: dict, audience: Audience) -> list[str]:
	return [row.owner_user or row.owner]


_COMPLAINT = {"fields": ("handler",), "detail_field": "summary", "stopped": TERMINAL_STATES}
_ACTION = {
	"fields": ("action_owner",),
	"detail_field": "title",
	"stopped": TRACKED["Learning Action"][0],
	"recipients": _field("action_owner"),
}
_CANDOUR = {"recipients": _safety_leads, "stopped": TRACKED["Candour Notification"][0]}
_CANDOUR_DEADLINE = ("Candour Notification", "contractual_due", "notified_in_person_on")
_CQC = {"fields": ("owner_user", "owner"), "detail_field": "regulation", "recipients": _cqc_owner}
_CQC_DEADLINE = ("CQC Request", "due_on", "sent_on")

SOURCES = {
	r.ACKNOWLEDGEMENT_DUE: Source(
		"Complaint",
		"acknowledgement_due",
		"acknowledged_on",
		lambda ref, due: _("Acknowledge complaint {0} by {1}").format(ref, due),
		_handler,
		**_COMPLAINT,
	),
	r.RESPONSE_DUE_SOON: Source(
		"Complaint",
		"response_due",
		"response_sent_on",
		lambda ref, due: _("The response to complaint {0} is due on {1}").format(ref, due),
		_handler,
		**_COMPLAINT,
	),
	r.ACKNOWLEDGEMENT_OVERDUE: Source(
		"Complaint",
		"acknowledgement_due",
		"acknowledged_on",
		lambda ref, due: _("Complaint {0}: the acknowledgement was due on {1} and is not recorded").format(
			ref, due
		),
		_handler_and_managers,
		**_COMPLAINT,
	),
	r.RESPONSE_OVERDUE: Source(
		"Complaint",
		"response_due",
		"response_sent_on",
		lambda ref, due: _("Complaint {0}: the response was due on {1} and has not been sent").format(
			ref, due
		),
		_handler_and_managers,
		**_COMPLAINT,
	),
	r.ACTION_DUE_SOON: Source(
		"Learning Action",
		"due_date",
		"completed_on",
		lambda ref, due: _("Learning action {0} is due on {1}").format(ref, due),
		**_ACTION,
	),
	r.ACTION_OVERDUE: Source(
		"Learning Action",
		"due_date",
		"completed_on",
		lambda ref, due: _("Learning action {0} was due on {1} and is not completed").format(ref, due),
		**_ACTION,
	),
	r.CANDOUR_ASSESSMENT_OPEN: Source(
		*_CANDOUR_DEADLINE,
		lambda ref, due: _(
			"Candour record {0}: decide whether the incident is notifiable (the notification is due on {1})"
		).format(ref, due),
		only_in=(ASSESSMENT,),
		**_CANDOUR,
	),
	r.CANDOUR_DUE_SOON: Source(
		*_CANDOUR_DEADLINE,
		lambda ref, due: _("Candour record {0}: notify the relevant person in person by {1}").format(
			ref, due
		),
		recipients=_safety_leads,
		stopped=(*TRACKED["Candour Notification"][0], ASSESSMENT),
	),
	r.CANDOUR_OVERDUE: Source(
		*_CANDOUR_DEADLINE,
		lambda ref, due: _(
			"Candour record {0}: the notification in person was due on {1} (the contractual date) and is not "
			"recorded"
		).format(ref, due),
		**_CANDOUR,
	),
	r.CQC_REQUEST_DUE: Source(
		*_CQC_DEADLINE,
		lambda ref, due: _("CQC request {0}: the reply is due on {1}").format(ref, due),
		**_CQC,
	),
	r.CQC_REQUEST_OVERDUE: Source(
		*_CQC_DEADLINE,
		lambda ref, due: _("CQC request {0}: the reply was due on {1} and has not been sent").format(
			ref, due
		),
		**_CQC,
	),
}


def records_in_window(
	source: Source, setting: r.KindSetting, today: date, cal: WorkingCalendar
) -> list[dict]:
	"""The records (name, deadline and `source.fields`) whose pending deadline is in the kind's window today."""
	window = r.due_window(setting.kind.timing, today, setting.days_before, cal)
	if window is None or not setting.enabled:
		return []
	first, last = window
	table = frappe.qb.DocType(source.doctype)
	due = table[source.due_field]
	columns = {*source.fields, *([source.detail_field] if source.detail_field else [])}
	query = (
		frappe.qb.from_(table)
		.select(table.name, due.as_("deadline"), *(table[f] for f in sorted(columns)))
		.where(due.isnotnull() & table[source.done_field].isnull() & (due <= last))
	)
	if first is not None:
		query = query.where(due >= first)
	if source.stopped:
		query = query.where(table.workflow_state.notin(source.stopped))
	if source.only_in:
		query = query.where(table.workflow_state.isin(source.only_in))
	return query.orderby(due).orderby(table.name).run(as_dict=True)


def notice_text(source: Source, row: dict) -> tuple[str, str]:
	"""(subject, detail) of a reminder about `row`: its reference, deadline and summary or title."""
	detail = row.get(source.detail_field) if source.detail_field else ""
	if source.detail_field == "regulation" and detail:
		detail = _(detail)
	return source.message(row.name, formatdate(row.deadline)), detail or ""
