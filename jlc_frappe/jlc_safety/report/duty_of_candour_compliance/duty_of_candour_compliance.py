# Copyright (c) 2026, JLC developers. License: MIT.
"""Duty of Candour Compliance (issue 9, regulation 20): notifiable incidents, notified in person on time, with an
apology and in writing, open and overdue, by month of the incident's report, and the notifications themselves
(never the patient or the relevant person). Everything comes from jlc_frappe.governance.candour; nothing is
counted here."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, get_first_day, getdate, today

from jlc_frappe.governance import candour, layout
from jlc_frappe.rules.rates import rate_colour, rate_text

# The incident is plain data, not a link: Frappe checks a report's link columns against the reader's rights on
# the linked doctype, and a Responsible Person may read candour records but not incidents.
COLUMNS = (
	("name", _("Candour notification"), "Link", "Candour Notification", 160),
	("incident", _("Incident"), "Data", None, 150),
	("workflow_state", _("State"), "Data", None, 170),
	("contractual_status", _("Status"), "Data", None, 100),
	("reported_on", _("Reported on"), "Date", None, 105),
	("contractual_due", _("Notify in person by"), "Date", None, 120),
	("notified_in_person_on", _("Notified in person"), "Date", None, 120),
	("written_notification_on", _("Written notification"), "Date", None, 120),
	("findings_shared_on", _("Findings shared"), "Date", None, 115),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(filters, get_first_day(add_months(today(), -11)), getdate(today()))
	figures = candour.figures(start, end, filters.service_area or None)
	rows = layout.translate_values(figures["notifications"], "workflow_state", "contractual_status")
	columns = layout.columns(COLUMNS)
	return columns, rows, _message(figures), _chart(figures["by_month"]), _summary(figures["total"])


def _summary(total: dict) -> list[dict]:
	on_time = total["notified_on_time"]
	return [
		{"label": _("Notifiable incidents"), "value": total["notifiable"], "indicator": "Blue"},
		{
			"label": _("Notified in person on time"),
			"value": rate_text(on_time),
			"indicator": rate_colour(on_time),
		},
		{
			"label": _("Apology in person"),
			"value": rate_text(total["apology_in_person"]),
			"indicator": rate_colour(total["apology_in_person"]),
		},
		{
			"label": _("Written notification with apology"),
			"value": rate_text(total["written_with_apology"]),
			"indicator": "Grey",
		},
		{"label": _("Open"), "value": total["open"], "indicator": "Orange" if total["open"] else "Green"},
		{
			"label": _("Overdue"),
			"value": total["overdue"],
			"indicator": "Red" if total["overdue"] else "Green",
		},
	]


def _chart(by_month: list[dict]) -> dict:
	return {
		"title": _("Notifiable incidents by month reported"),
		"data": {
			"labels": [row["month"] for row in by_month],
			"datasets": [
				{"name": _("Notifiable"), "values": [row["notifiable"] for row in by_month]},
				{
					"name": _("Notified in person on time"),
					"values": [row["notified_on_time"]["count"] for row in by_month],
				},
				{"name": _("Overdue"), "values": [row["overdue"] for row in by_month]},
			],
		},
		"type": "bar",
	}


def _message(figures: dict) -> str:
	"""The figures by month with their definitions: above the table, and in the print."""
	title = layout.title(figures, _("Duty of candour, incidents reported {0}"))
	head = (
		_("Month"),
		_("Notifiable"),
		_("Notified in person on time"),
		_("Apology in person"),
		_("Written notification with apology"),
		_("Open"),
		_("Overdue"),
	)
	lines = [
		(
			getdate(f"{row['month']}-01").strftime("%b %Y"),
			row["notifiable"],
			rate_text(row["notified_on_time"]),
			rate_text(row["apology_in_person"]),
			rate_text(row["written_with_apology"]),
			row["open"],
			row["overdue"],
		)
		for row in figures["by_month"]
	]
	total = figures["total"]
	lines.append(
		(
			_("Total"),
			total["notifiable"],
			rate_text(total["notified_on_time"]),
			rate_text(total["apology_in_person"]),
			rate_text(total["written_with_apology"]),
			total["open"],
			total["overdue"],
		)
	)
	table = "".join(
		"<tr>" + "".join(f"<td>{escape_html(str(value))}</td>" for value in line) + "</tr>" for line in lines
	)
	header = "".join(f"<th>{escape_html(h)}</th>" for h in head)
	definitions = "".join(f"<li>{escape_html(_(text))}</li>" for text in candour.DEFINITIONS.values())
	return (
		f"<h5>{escape_html(title)}</h5>"
		f"<table class='table table-bordered table-sm'><tr>{header}</tr>{table}</table>"
		f"<ul class='text-muted small'>{definitions}</ul>"
		f"<h5>{escape_html(_('Notifications'))}</h5>"
	)
