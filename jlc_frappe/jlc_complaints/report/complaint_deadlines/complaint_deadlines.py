# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaint Deadlines: open complaints with their acknowledgement and response deadlines, soonest first.

Complaints still awaiting their response are listed apart from those whose response has been sent but which
are not yet closed. Rows and counts are two SQL queries; both carry the same row rule as the Complaint list."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from jlc_frappe.jlc_complaints.complaint_lifecycle import TERMINAL_STATES
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules.deadlines import DEADLINE_STATUSES, DUE_SOON, OVERDUE

AWAITING, SENT, ALL = "Awaiting response", "Response sent", "All"
# (fieldname, label, type, options, width, the views showing it): each of the awaiting and sent views fits a
# 1280-pixel screen without scrolling; "All" shows every column.
COLUMNS = (
	("name", _("Complaint"), "Link", "Complaint", 150, {AWAITING, SENT, ALL}),
	("summary", _("Summary"), "Data", None, 175, {AWAITING, SENT, ALL}),
	("workflow_state", _("Status"), "Data", None, 130, {AWAITING, SENT, ALL}),
	("handler_name", _("Handler"), "Data", None, 125, {AWAITING, SENT, ALL}),
	("received_on", _("Received"), "Date", None, 115, {SENT, ALL}),
	("acknowledgement_due", _("Acknowledge by"), "Date", None, 115, {AWAITING, ALL}),
	("acknowledgement_status", _("Acknowledgement"), "Data", None, 110, {AWAITING, ALL}),
	("response_due", _("Response due"), "Date", None, 115, {AWAITING, SENT, ALL}),
	("response_status", _("Response"), "Data", None, 100, {AWAITING, SENT, ALL}),
	("working_days_left", _("Days left"), "Int", None, 135, {AWAITING, ALL}),
	("response_sent_on", _("Response sent"), "Date", None, 115, {SENT, ALL}),
	("statutory_response_limit", _("Statutory limit"), "Date", None, 115, {ALL}),
)
FILTER_FIELDS = (
	"handler",
	"severity",
	"route",
	"workflow_state",
	"response_status",
	"acknowledgement_status",
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	complaint = frappe.qb.DocType("Complaint")
	query = _filtered(frappe.qb.from_(complaint), complaint, filters)
	if filters.get("responses", AWAITING) == SENT:
		query = query.where(complaint.response_sent_on.isnotnull()).orderby(complaint.response_sent_on)
	elif filters.get("responses", AWAITING) == AWAITING:
		query = query.where(complaint.response_sent_on.isnull())
	query = query.orderby(complaint.deadline_order).orderby(complaint.name)
	data = query.select(*(complaint[c[0]] for c in COLUMNS), complaint.next_deadline, complaint.severity)
	data = data.limit(filters.get("limit") or 5000)
	counts = _status_counts(complaint, filters)
	return _columns(filters), data.run(as_dict=True), None, _chart(counts), _summary(counts)


def _filtered(query, complaint, filters):
	query = apply_rules(query.where(complaint.workflow_state.notin(TERMINAL_STATES)), "Complaint")
	for field in FILTER_FIELDS:
		if filters.get(field):
			query = query.where(complaint[field] == filters.get(field))
	return query


def _status_counts(complaint, filters) -> dict[str, dict[str, int]]:
	"""{deadline: {status: count}} and the responses sent but not closed, from one GROUP BY query."""
	query = _filtered(frappe.qb.from_(complaint), complaint, filters)
	sent = complaint.response_sent_on.isnotnull()
	rows = (
		query.select(
			complaint.acknowledgement_status, complaint.response_status, sent.as_("sent"), Count("*").as_("n")
		)
		.groupby(complaint.acknowledgement_status, complaint.response_status, sent)
		.run(as_dict=True)
	)
	counts = {"acknowledgement_status": {}, "response_status": {}, "sent": {}}
	for row in rows:
		for deadline in ("acknowledgement_status", "response_status"):
			if deadline == "response_status" and row.sent:
				continue  # a response sent is no longer a deadline to chase
			counts[deadline][row[deadline] or ""] = counts[deadline].get(row[deadline] or "", 0) + row.n
		if row.sent:
			counts["sent"][SENT] = counts["sent"].get(SENT, 0) + row.n
	return counts


def _columns(filters):
	shown = filters.get("responses") if filters.get("responses") in (SENT, ALL) else AWAITING
	return [
		{"fieldname": f, "label": label, "fieldtype": t, "options": o, "width": w}
		for f, label, t, o, w, modes in COLUMNS
		if shown in modes
	]


def _chart(counts):
	labels = list(DEADLINE_STATUSES)
	return {
		"data": {
			"labels": [_(s) for s in labels],
			"datasets": [
				{
					"name": _("Acknowledgements"),
					"values": [counts["acknowledgement_status"].get(s, 0) for s in labels],
				},
				{"name": _("Responses"), "values": [counts["response_status"].get(s, 0) for s in labels]},
			],
		},
		"type": "bar",
	}


def _summary(counts):
	ack, resp = counts["acknowledgement_status"], counts["response_status"]
	return [
		{"label": _("Acknowledgements overdue"), "value": ack.get(OVERDUE, 0), "indicator": "Red"},
		{"label": _("Responses overdue"), "value": resp.get(OVERDUE, 0), "indicator": "Red"},
		{"label": _("Responses due soon"), "value": resp.get(DUE_SOON, 0), "indicator": "Orange"},
		{"label": _("Responses sent, not closed"), "value": counts["sent"].get(SENT, 0), "indicator": "Blue"},
	]
