# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaint Deadlines: open complaints with their acknowledgement and response deadlines.

Rows and counts are two SQL queries; both carry the same row rule as the Complaint list."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from jlc_frappe.jlc_complaints.complaint_lifecycle import TERMINAL_STATES
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules.deadlines import DEADLINE_STATUSES, DUE_SOON, OVERDUE

COLUMNS = (
	("name", _("Complaint"), "Link", "Complaint", 140),
	("summary", _("Summary"), "Data", None, 220),
	("workflow_state", _("Status"), "Data", None, 130),
	("handler", _("Handler"), "Link", "User", 160),
	("severity", _("Severity"), "Data", None, 90),
	("received_on", _("Received"), "Date", None, 100),
	("acknowledgement_due", _("Acknowledgement due"), "Date", None, 120),
	("acknowledgement_status", _("Acknowledgement"), "Data", None, 110),
	("response_due", _("Response due"), "Date", None, 110),
	("response_status", _("Response"), "Data", None, 100),
	("statutory_response_limit", _("Statutory limit"), "Date", None, 110),
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	complaint = frappe.qb.DocType("Complaint")
	rows = _filtered(frappe.qb.from_(complaint), complaint, filters)
	rows = (
		rows.select(*(complaint[c[0]] for c in COLUMNS))
		.orderby(complaint.response_due)
		.orderby(complaint.name)
	)
	data = rows.limit(filters.get("limit") or 5000).run(as_dict=True)
	counts = _status_counts(complaint, filters)
	return _columns(), data, None, _chart(counts), _summary(counts)


def _filtered(query, complaint, filters):
	query = apply_rules(query.where(complaint.workflow_state.notin(TERMINAL_STATES)), "Complaint")
	for field in ("handler", "severity", "response_status", "acknowledgement_status", "workflow_state"):
		if filters.get(field):
			query = query.where(complaint[field] == filters.get(field))
	return query


def _status_counts(complaint, filters) -> dict[str, dict[str, int]]:
	"""{deadline: {status: count}} from one GROUP BY query."""
	query = _filtered(frappe.qb.from_(complaint), complaint, filters)
	rows = (
		query.select(complaint.acknowledgement_status, complaint.response_status, Count("*").as_("n"))
		.groupby(complaint.acknowledgement_status, complaint.response_status)
		.run(as_dict=True)
	)
	counts = {"acknowledgement_status": {}, "response_status": {}}
	for row in rows:
		for deadline, per_status in counts.items():
			per_status[row[deadline] or ""] = per_status.get(row[deadline] or "", 0) + row.n
	return counts


def _columns():
	return [
		{"fieldname": f, "label": label, "fieldtype": t, "options": o, "width": w}
		for f, label, t, o, w in COLUMNS
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
	]
