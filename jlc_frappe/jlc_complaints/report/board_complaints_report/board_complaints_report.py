# Copyright (c) 2026, JLC developers. License: MIT.
"""Board Complaints Report (seed 3.8 and 3.9): the period's figures, the closed cases with their findings and
learning, and the Ombudsman's cases. Everything comes from jlc_frappe.governance.board; nothing is counted here."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, formatdate, get_first_day, getdate, today

from jlc_frappe.governance import board, experience, layout
from jlc_frappe.governance.charts import month_text, pivot
from jlc_frappe.rules.rates import rate_colour, rate_text

COLUMNS = (
	("name", _("Complaint"), "Link", "Complaint", 150),
	("summary", _("Summary"), "Data", None, 220),
	("closed_on", _("Closed on"), "Date", None, 105),
	("route", _("Route"), "Data", None, 125),
	("outcome", _("Outcome"), "Data", None, 125),
	("findings", _("Findings"), "Data", None, 240),
	("learning_summary", _("Learning"), "Data", None, 260),
	("learning_actions", _("Learning actions"), "Data", None, 260),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(filters, get_first_day(add_months(today(), -3)), getdate(today()))
	figures = board.figures(start, end)
	rows = [_row(case) for case in figures["closed_cases"]]
	columns = layout.columns(COLUMNS)
	return columns, rows, _message(figures), _chart(start, end), _summary(figures)


def _row(case: dict) -> dict:
	findings = "; ".join(
		f"{f['subject_area'] or _('Not coded')}: {_(f['outcome'] or 'No outcome')}" for f in case["findings"]
	)
	actions = "; ".join(f"{a['title']} ({_(a['state'])})" for a in case["learning_actions"])
	return {
		**case,
		"outcome": _(case["outcome"] or ""),
		"route": _(case["route"] or ""),
		"findings": findings,
		"learning_actions": actions,
	}


def _summary(figures: dict) -> list[dict]:
	ack, response = figures["acknowledged_on_time"], figures["responded_on_time"]
	return [
		{"label": _("Received"), "value": figures["received"], "indicator": "Blue"},
		{"label": _("Resolved early"), "value": figures["resolved_early"], "indicator": "Green"},
		{"label": _("Under investigation"), "value": figures["under_investigation"], "indicator": "Orange"},
		{"label": _("Closed"), "value": figures["closed"]["total"], "indicator": "Green"},
		{"label": _("Acknowledged on time"), "value": rate_text(ack), "indicator": rate_colour(ack)},
		{
			"label": _("Responded by the agreed date"),
			"value": rate_text(response),
			"indicator": rate_colour(response),
		},
		{"label": _("With the Ombudsman"), "value": len(figures["ombudsman"]), "indicator": "Grey"},
		{
			"label": _("Staff training complete"),
			"value": rate_text(figures["training"]),
			"indicator": rate_colour(figures["training"]),
		},
	]


def _chart(start, end) -> dict:
	rows = board.outcome_counts_by_month(start, end)
	return {
		"title": _("Complaints closed by outcome"),
		"data": pivot(rows, "month", "outcome", board.OUTCOMES, label_text=month_text),
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def _message(figures: dict) -> str:
	"""The figures with their definitions, and the Ombudsman's cases: above the table, and in the print."""
	period = _("{0} to {1}").format(formatdate(figures["from_date"]), formatdate(figures["to_date"]))
	table = "".join(
		f"<tr><td>{escape_html(label)}</td><td><b>{escape_html(str(value))}</b></td>"
		f"<td class='text-muted small'>{escape_html(definition)}</td></tr>"
		for label, value, definition in [*board.figure_lines(figures), board.training_line(figures)]
	)
	return (
		f"<h5>{escape_html(_('Figures for {0}').format(period))}</h5>"
		f"<table class='table table-bordered table-sm'>{table}</table>"
		f"<h5>{escape_html(_('Experience of complaints handling'))}</h5>{_experience(figures['experience'])}"
		f"<h5>{escape_html(_('The Parliamentary and Health Service Ombudsman'))}</h5>{_ombudsman(figures['ombudsman'])}"
		f"<h5>{escape_html(_('Closed complaints and what was learned'))}</h5>{_listed(figures)}"
	)


def _experience(found: dict) -> str:
	"""Feedback from complainants and staff involved (governance/experience.py), and the statements furthest
	below the trust's target."""
	rows = "".join(
		f"<tr><td>{escape_html(label)}</td><td><b>{escape_html(value)}</b></td>"
		f"<td class='text-muted small'>{escape_html(definition)}</td></tr>"
		for label, value, definition in experience.summary_lines(found)
	)
	return f"<table class='table table-bordered table-sm'>{rows}</table>"


def _listed(figures: dict) -> str:
	"""Says so when the period closed more cases than the report lists."""
	listed, closed = len(figures["closed_cases"]), figures["closed"]["total"]
	if listed >= board.CASES_LISTED and closed > listed:
		note = _(
			"The latest {0} of the {1} complaints closed in the period; the Complaint list has them all."
		)
		return f"<p class='text-muted'>{escape_html(note.format(listed, closed))}</p>"
	return ""


def _ombudsman(referrals: list[dict]) -> str:
	if not referrals:
		return f"<p>{escape_html(_('No complaint was with the Ombudsman in the period.'))}</p>"
	rows = "".join(
		"<tr>"
		+ "".join(
			f"<td>{escape_html(str(value or ''))}</td>"
			for value in (
				ref["complaint"],
				ref["phso_reference"],
				formatdate(ref["referred_on"]),
				_(ref["stage"] or ""),
				_(ref["outcome"] or "") or _("Not yet decided"),
				"; ".join(f"{_(r['kind'] or '')}: {_(r['status'] or '')}" for r in ref["recommendations"]),
			)
		)
		+ "</tr>"
		for ref in referrals
	)
	head = "".join(
		f"<th>{escape_html(h)}</th>"
		for h in (
			_("Complaint"),
			_("PHSO reference"),
			_("Referred on"),
			_("Stage"),
			_("Outcome"),
			_("Recommendations"),
		)
	)
	return f"<table class='table table-bordered table-sm'><tr>{head}</tr>{rows}</table>"
