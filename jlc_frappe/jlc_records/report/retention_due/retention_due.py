# Copyright (c) 2026, JLC developers. License: MIT.
"""Retention Due: a dry run of the weekly retention job. What it would anonymise on a date (the same query,
retention.past_period), and optionally what is past its period but on legal hold or still open, each with why;
and what anonymising clears under each policy. Nothing is changed.

The counts are over every record (they name nobody); the rows are the records the reader may open (row rules)."""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, nowdate

from jlc_frappe.jlc_records import retention
from jlc_frappe.jlc_records.doctype.jlc_retention_policy.jlc_retention_policy import what_is_cleared
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules import retention as rules
from jlc_frappe.translation import translate

DUE, HELD, ALL = "Due", "Held", "All"
ROW_LIMIT = 5000


def columns() -> list[dict]:
	return [
		{"fieldname": "document_type", "label": _("Record type"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "record",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "document_type",
			"width": 160,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "trigger_date", "label": _("Period ran from"), "fieldtype": "Date", "width": 120},
		{"fieldname": "due_on", "label": _("Period ended"), "fieldtype": "Date", "width": 120},
		{"fieldname": "reason", "label": _("Why"), "fieldtype": "Data", "width": 360},
		{
			"fieldname": "policy",
			"label": _("Policy"),
			"fieldtype": "Link",
			"options": retention.POLICY,
			"width": 110,
		},
	]


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	on_date = getdate(filters.get("as_of") or nowdate())
	show = filters.get("show") or DUE
	data, summary, hidden = [], [], 0
	for policy in retention.policies():
		if filters.get("document_type") and policy.document_type != filters.document_type:
			continue
		rows, total, due = _rows(policy, on_date, show)
		hidden += total - len(rows)
		data += rows
		summary.append(
			{
				"label": _(policy.document_type),
				"value": due,
				"indicator": "Red" if due else "Green",
				"datatype": "Int",
			}
		)
	return columns(), data, _message(filters, hidden), None, summary


def _rows(policy, on_date, show: str) -> tuple[list[dict], int, int]:
	"""(rows the reader may open, records past their period, records due) for one policy."""
	query = retention.past_period(policy, on_date, held=show in (HELD, ALL), open_=show == ALL)
	found = query.limit(ROW_LIMIT).run(as_dict=True)
	due = len(retention.past_period(policy, on_date).run(pluck=True)) if show != DUE else len(found)
	readable = set()
	if found and frappe.has_permission(policy.document_type, "read"):
		t = frappe.qb.DocType(policy.document_type)
		names = [row.name for row in found]
		query = frappe.qb.from_(t).select(t.name).where(t.name.isin(names))
		readable = set(apply_rules(query, policy.document_type).run(pluck=True))
	label = _(frappe.get_meta(policy.document_type).get_label(policy.trigger_field))
	rows = []
	for row in found:
		if row.name not in readable:
			continue
		standing = rules.standing(
			getdate(row.trigger_date),
			policy.period_years,
			on_date,
			finished=bool(row.get("finished", 1)),
			legal_hold=bool(row.legal_hold),
			trigger_label=label,
			fmt=formatdate,
		)
		rows.append(
			{
				"document_type": _(policy.document_type),
				"record": row.name,
				"status": _(standing.status),
				"trigger_date": row.trigger_date,
				"due_on": standing.due,
				"reason": translate(standing.reason),
				"policy": policy.name,
			}
		)
	return rows, len(found), due


def _message(filters, hidden: int) -> str:
	"""What anonymising clears under each policy shown, and how many rows the reader may not open."""
	parts = []
	if hidden:
		parts.append(
			"<p>"
			+ _("{0} records past their period are not listed: you may not open them.").format(hidden)
			+ "</p>"
		)
	parts.append(
		"<p>" + _("Nothing is changed by this report. Under each policy, anonymising clears:") + "</p>"
	)
	for policy in retention.policies():
		if filters.get("document_type") and policy.document_type != filters.document_type:
			continue
		tables = what_is_cleared(policy.document_type)
		text = "; ".join(f"{table}: {', '.join(labels)}" for table, labels in tables.items())
		period = _("{0} years from {1}").format(
			policy.period_years, _(frappe.get_meta(policy.document_type).get_label(policy.trigger_field))
		)
		escape = frappe.utils.escape_html
		parts.append(f"<p><b>{escape(_(policy.document_type))}</b> ({escape(period)}): {escape(text)}</p>")
	return "".join(parts)
