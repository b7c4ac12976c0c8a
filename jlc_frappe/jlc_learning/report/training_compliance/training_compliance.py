# Copyright (c) 2026, JLC developers. License: MIT.
"""Training Compliance (seed 2.1 and 3.5): who has completed the training their roles require, and who is due,
overdue or expired, on a given day, for each person and module or by module, role or department. Everything
comes from jlc_frappe.governance.training (staff who may not read everyone's records see their own)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from jlc_frappe.governance import layout, training
from jlc_frappe.rules import training as rules
from jlc_frappe.rules.rates import rate_colour, rate_text

PEOPLE_COLUMNS = (
	("staff_member", _("Staff member"), "Link", "User", 200),
	("full_name", _("Name"), "Data", None, 160),
	("department", _("Department"), "Data", None, 140),
	("roles", _("Roles requiring it"), "Data", None, 200),
	("module", _("Module"), "Link", "JLC Training Module", 200),
	("status_label", _("Status"), "Data", None, 100),
	("due_on", _("Due by"), "Date", None, 100),
	("completed_on", _("Completed on"), "Date", None, 110),
	("expires_on", _("Expires on"), "Date", None, 100),
)
GROUPS = {"module": _("Module"), "role": _("Role"), "department": _("Department")}
INDICATORS = {rules.COMPLETE: "Green", rules.DUE: "Blue", rules.OVERDUE: "Red", rules.EXPIRED: "Orange"}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	as_of = getdate(filters.as_of or today())
	group = filters.group_by or ""
	if group and group not in GROUPS:
		frappe.throw(_("Show the figures by module, role or department."))
	rows = training.staff_modules(as_of, filters)
	counts = rules.tally(row["status"] for row in rows)
	if group:
		columns, data = _group_columns(group), training.by_group(rows, group)
		for row in data:
			row["group"] = row["group"] or _("Not recorded")
	else:
		columns, data = layout.columns(PEOPLE_COLUMNS), [_person_row(row) for row in rows]
	return columns, data, None, _chart(counts), _summary(counts)


def _person_row(row: dict) -> dict:
	return {**row, "roles": ", ".join(_(r) for r in row["roles"]), "status_label": _(row["status"])}


def _group_columns(group: str) -> list[dict]:
	spec = [("group", GROUPS[group], "Data", None, 220), ("required", _("Required"), "Int", None, 100)]
	spec += [(frappe.scrub(s), _(s), "Int", None, 100) for s in rules.STATUSES]
	spec.append(("percent", _("Complete %"), "Percent", None, 110))
	return layout.columns(spec)


def _summary(counts: dict) -> list[dict]:
	rate = rules.complete_rate(counts)
	return [
		{"label": _("Training complete"), "value": rate_text(rate), "indicator": rate_colour(rate)},
		*(
			{"label": _(status), "value": counts[status], "indicator": INDICATORS[status]}
			for status in rules.STATUSES
		),
	]


def _chart(counts: dict) -> dict:
	return {
		"title": _("Required training by status"),
		"data": {
			"labels": [_(s) for s in rules.STATUSES],
			"datasets": [{"name": _("Person by module"), "values": [counts[s] for s in rules.STATUSES]}],
		},
		"type": "donut",
		"colors": ["#29cd42", "#5e64ff", "#e24c4c", "#ffa00a"],
	}
