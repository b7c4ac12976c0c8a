# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaints Timeliness (issue 9): acknowledgements on time, responses by the agreed date and the median working
days to a response, by month received or by service area. Everything comes from jlc_frappe.governance.timeliness;
nothing is counted here."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, get_first_day, getdate, today

from jlc_frappe.governance import layout, timeliness
from jlc_frappe.rules.rates import rate_colour, rate_text

LABELS = {timeliness.MONTH: _("Month received"), timeliness.SERVICE_AREA: _("Service area")}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(filters, get_first_day(add_months(today(), -11)), getdate(today()))
	group_by = filters.group_by or timeliness.MONTH
	figures = timeliness.figures(start, end, filters.service_area or None, group_by)
	rows = [_row(row, group_by) for row in figures["rows"]]
	return _columns(group_by), rows, _message(figures), _chart(rows, group_by), _summary(figures["total"])


def _columns(group_by: str) -> list[dict]:
	columns = (
		("label", LABELS[group_by], "Data", None, 180),
		("received", _("Received"), "Int", None, 95),
		("ack_on_time", _("Acknowledged on time"), "Int", None, 110),
		("ack_due", _("Acknowledgements due"), "Int", None, 110),
		("ack_percent", _("% acknowledged on time"), "Percent", None, 110),
		("responses_on_time", _("Responses by agreed date"), "Int", None, 120),
		("responses_sent", _("Responses sent"), "Int", None, 100),
		("response_percent", _("% responses by agreed date"), "Percent", None, 120),
		("response_overdue", _("Responses overdue"), "Int", None, 100),
		("median_working_days", _("Median working days to response"), "Float", None, 120),
	)
	return layout.columns(columns)


def _row(row: dict, group_by: str) -> dict:
	ack, response = row["acknowledged_on_time"], row["responded_on_time"]
	label = row["label"] if row["key"] or group_by == timeliness.MONTH else _("No service area recorded")
	return {
		"group_by": group_by,
		"key": row["key"],
		"label": label,
		"received": row["received"],
		"ack_on_time": ack["count"],
		"ack_due": ack["of"],
		"ack_percent": ack["percent"],
		"responses_on_time": response["count"],
		"responses_sent": response["of"],
		"response_percent": response["percent"],
		"response_overdue": row["response_overdue"],
		"median_working_days": row["median_working_days"],
	}


def _summary(total: dict) -> list[dict]:
	ack, response = total["acknowledged_on_time"], total["responded_on_time"]
	median = total["median_working_days"]
	return [
		{"label": _("Received"), "value": total["received"], "indicator": "Blue"},
		{"label": _("Acknowledged on time"), "value": rate_text(ack), "indicator": rate_colour(ack)},
		{
			"label": _("Responded by the agreed date"),
			"value": rate_text(response),
			"indicator": rate_colour(response),
		},
		{
			"label": _("Responses overdue"),
			"value": total["response_overdue"],
			"indicator": "Red" if total["response_overdue"] else "Green",
		},
		{
			"label": _("Median working days to response"),
			"value": "-" if median is None else median,
			"indicator": "Grey",
		},
	]


def _chart(rows: list[dict], group_by: str) -> dict:
	labels = [row["label"] for row in rows]
	return {
		"title": _("Acknowledged on time and responded by the agreed date (%) by {0}").format(
			LABELS[group_by].lower()
		),
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("% acknowledged on time"), "values": [row["ack_percent"] or 0 for row in rows]},
				{
					"name": _("% responses by agreed date"),
					"values": [row["response_percent"] or 0 for row in rows],
				},
			],
		},
		"type": "bar",
	}


def _message(figures: dict) -> str:
	"""The period and what each figure means: above the table, and in the print."""
	title = layout.title(figures, _("Complaints timeliness, {0}"))
	definitions = "".join(f"<li>{escape_html(_(text))}</li>" for text in timeliness.DEFINITIONS.values())
	return f"<h5>{escape_html(title)}</h5><ul class='text-muted small'>{definitions}</ul>"
