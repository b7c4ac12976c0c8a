# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaint Experience Report (seed 3.22-3.23: My Expectations): per statement, the response rate and the share
agreeing against the trust's target, by month closed or service area, lowest first. Everything comes from
jlc_frappe.governance.experience; nothing is counted here."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, get_first_day, getdate, today

from jlc_frappe.governance import experience, layout
from jlc_frappe.rules.rates import rate_colour, rate_text

LABELS = {
	experience.QUESTION: None,
	experience.MONTH: _("Month closed"),
	experience.SERVICE_AREA: _("Service area"),
}
# a statement's chart shows at most this many bars (the lowest)
CHART_BARS = 15


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(filters, get_first_day(add_months(today(), -11)), getdate(today()))
	group_by = filters.group_by or experience.QUESTION
	figures = experience.figures(start, end, filters.service_area or None, filters.audience or None, group_by)
	rows = [_row(row, group_by) for row in figures["rows"]]
	return _columns(group_by), rows, _message(figures), _chart(figures), _summary(figures)


def _columns(group_by: str) -> list[dict]:
	spec = [
		("statement", _("Statement"), "Data", None, 360),
		("audience", _("Who answered"), "Data", None, 120),
	]
	if LABELS[group_by]:
		spec.append(("label", LABELS[group_by], "Data", None, 150))
	spec += [
		("agree_percent", _("% agreeing"), "Percent", None, 100),
		("agreeing", _("Agreeing"), "Int", None, 90),
		("answered", _("Answered"), "Int", None, 90),
		("target", _("Target %"), "Percent", None, 90),
		("responded", _("Responses"), "Int", None, 95),
		("invited", _("People asked"), "Int", None, 105),
		("response_percent", _("Response rate %"), "Percent", None, 115),
		("section", _("Stage"), "Data", None, 170),
	]
	return layout.columns(spec)


def _row(row: dict, group_by: str) -> dict:
	label = row["label"]
	if group_by == experience.SERVICE_AREA and not row["key"]:
		label = _("No service area recorded")
	return {
		"group_by": group_by,
		"statement": row["statement"],
		"audience": _(row["audience"]),
		"section": row["section"],
		"key": row["key"],
		"label": label,
		"agree_percent": row["agreeing"]["percent"],
		"agreeing": row["agreeing"]["count"],
		"answered": row["answered"],
		"target": row["target"],
		"below_target": row["below_target"],
		"responded": row["responded"],
		"invited": row["invited"],
		"response_percent": row["response_rate"]["percent"],
	}


def _summary(figures: dict) -> list[dict]:
	aim = figures["target"]
	cards = []
	for total in figures["totals"]:
		who = experience.who(total["audience"])
		agreeing = total["agreeing"]
		cards += [
			{"label": _("{0} asked").format(who), "value": total["invited"], "indicator": "Blue"},
			{
				"label": _("{0}: response rate").format(who),
				"value": rate_text(total["response_rate"]),
				"indicator": "Grey" if total["response_rate"]["percent"] is None else "Blue",
			},
			{
				"label": _("{0}: agreeing").format(who),
				"value": rate_text(agreeing),
				"indicator": rate_colour(agreeing, aim, aim * 0.8),
			},
		]
	below = sum(1 for row in figures["rows"] if row["below_target"])
	cards.append({"label": _("Target agreeing"), "value": f"{aim:g}%", "indicator": "Grey"})
	cards.append({"label": _("Below target"), "value": below, "indicator": "Red" if below else "Green"})
	return cards


def _chart(figures: dict) -> dict:
	"""The share agreeing in each row of the table (a statement, in its month or service area when grouped),
	the lowest first, against the target."""
	rows = [row for row in figures["rows"] if row["agreeing"]["percent"] is not None][:CHART_BARS]
	labels = [_short(row) for row in rows]
	return {
		"title": _("Share agreeing with each statement (lowest first) against the target"),
		"data": {
			"labels": labels,
			"datasets": [
				{
					"name": _("% agreeing"),
					"chartType": "bar",
					"values": [row["agreeing"]["percent"] for row in rows],
				},
				{"name": _("Target %"), "chartType": "line", "values": [figures["target"]] * len(rows)},
			],
		},
		"type": "axis-mixed",
		"colors": ["#005eb8", "#d5281b"],
	}


def _short(row: dict) -> str:
	words = row["statement"] if len(row["statement"]) <= 40 else row["statement"][:39] + "…"
	return f"{words} ({row['label']})" if row["label"] else words


def _message(figures: dict) -> str:
	"""The period and what each figure means: above the table, and in the print."""
	title = layout.title(figures, _("Experience of complaints handling, complaints closed {0}"))
	definitions = "".join(f"<li>{escape_html(_(text))}</li>" for text in experience.DEFINITIONS.values())
	return f"<h5>{escape_html(title)}</h5><ul class='text-muted small'>{definitions}</ul>"
