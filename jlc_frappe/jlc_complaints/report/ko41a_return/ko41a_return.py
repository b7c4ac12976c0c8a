# Copyright (c) 2026, JLC developers. License: MIT.
"""KO41a Return: the national complaints return of a reporting year, one line per section line, the summary
first, with what to put right or explain before filing above the figures.

Every figure comes from jlc_frappe.governance.ko41a.build_return (no query of its own); the buttons download
the same return as CSV or Excel (governance.ko41a.download_return)."""

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, today

from jlc_frappe.governance.ko41a import return_lines
from jlc_frappe.rules import ko41a
from jlc_frappe.translation import translate

COLUMNS = (
	("section", _("Section"), "Data", 170),
	("code", _("Code"), "Data", 140),
	("title", _("Title"), "Data", 380),
	("count", _("Count"), "Int", 100),
)
# the summary figures the chart shows, in the return's order
CHART_FIGURES = {
	"brought_forward": _("Brought forward"),
	"new": _("New"),
	"resolved": _("Resolved"),
	"withdrawn": _("Withdrawn"),
	"carried_forward": _("Carried forward"),
	"open_at_end": _("Open at year end"),
}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = filters.get("reporting_year") or ko41a.last_complete_year(getdate(today()))
	figures, lines = return_lines(year)
	problems = [translate(problem) for problem in figures["problems"]]
	return _columns(), lines, _message(problems), _chart(figures["summary"]), _summary(figures, problems)


def _columns():
	return [{"fieldname": f, "label": label, "fieldtype": t, "width": w} for f, label, t, w in COLUMNS]


def _message(problems: list[str]) -> str | None:
	if not problems:
		return None
	items = "".join(f"<li>{escape_html(problem)}</li>" for problem in problems)
	title = escape_html(_("Put right or explain before filing"))
	return f'<div class="text-danger"><b>{title}</b><ul>{items}</ul></div>'


def _chart(summary: dict) -> dict:
	return {
		"data": {
			"labels": list(CHART_FIGURES.values()),
			"datasets": [{"name": _("Complaints"), "values": [summary[key] for key in CHART_FIGURES]}],
		},
		"type": "bar",
	}


def _summary(figures: dict, problems: list[str]) -> list[dict]:
	summary = figures["summary"]
	return [
		{"label": _("New complaints"), "value": summary["new"], "indicator": "Blue"},
		{"label": _("Resolved"), "value": summary["resolved"], "indicator": "Green"},
		{"label": _("Carried forward"), "value": summary["carried_forward"], "indicator": "Blue"},
		{"label": _("Open at year end"), "value": summary["open_at_end"], "indicator": "Blue"},
		{"label": _("Problems"), "value": len(problems), "indicator": "Red" if problems else "Green"},
	]
