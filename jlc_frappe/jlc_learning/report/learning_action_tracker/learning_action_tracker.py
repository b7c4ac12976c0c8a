# Copyright (c) 2026, JLC developers. License: MIT.
"""Learning Action Tracker (issue 9): the learning actions due in a period, by owner, service area and theme, what
is open, overdue, done and verified for impact, and the actions themselves (under the reader's row rules).
Everything comes from jlc_frappe.governance.learning; nothing is counted here."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, formatdate, get_first_day, get_last_day, today

from jlc_frappe.governance import layout, learning
from jlc_frappe.rules.rates import rate_colour, rate_text

# Impact verified is judged on its own scale: green from 80%, amber from 50%.
IMPACT_THRESHOLDS = (80, 50)
COLUMNS = (
	("name", _("Learning action"), "Link", "Learning Action", 150),
	("title", _("Title"), "Data", None, 260),
	("action_owner_name", _("Owner"), "Data", None, 150),
	("theme", _("Theme"), "Link", "Learning Theme", 150),
	("service_area_title", _("Service area"), "Data", None, 150),
	("workflow_state", _("State"), "Data", None, 110),
	("due_date", _("Due"), "Date", None, 100),
	("due_status", _("Status"), "Data", None, 100),
	("working_days_left", _("Working days left"), "Int", None, 100),
)
GROUP_LABELS = {
	learning.OWNER: _("Owner"),
	learning.SERVICE_AREA: _("Service area"),
	learning.THEME: _("Theme"),
}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(
		filters, get_first_day(add_months(today(), -6)), get_last_day(add_months(today(), 6))
	)
	group_by = filters.group_by or learning.THEME
	if group_by not in learning.GROUPS:
		frappe.throw(_("Chart the actions by owner, service area or theme."))
	figures = learning.figures(
		start, end, filters.owner or None, filters.service_area or None, filters.theme or None
	)
	rows = layout.translate_values(figures["actions"], "workflow_state", "due_status")
	columns = layout.columns(COLUMNS)
	chart = _chart(figures[f"by_{group_by}"], group_by)
	return columns, rows, _message(figures), chart, _summary(figures["total"])


def _summary(total: dict) -> list[dict]:
	verified = total["impact_verified"]
	return [
		{"label": _("Actions"), "value": total["actions"], "indicator": "Blue"},
		{"label": _("Open"), "value": total["open"], "indicator": "Orange" if total["open"] else "Green"},
		{
			"label": _("Overdue"),
			"value": total["overdue"],
			"indicator": "Red" if total["overdue"] else "Green",
		},
		{"label": _("Done"), "value": total["done"], "indicator": "Green"},
		{
			"label": _("Impact verified"),
			"value": rate_text(verified),
			"indicator": rate_colour(verified, *IMPACT_THRESHOLDS),
		},
		{"label": _("Cancelled"), "value": total["cancelled"], "indicator": "Grey"},
	]


def _label(row: dict) -> str:
	return row["label"] or _("Not recorded")


def _chart(groups: list[dict], group_by: str) -> dict:
	"""Each group's actions: open on track, overdue, done awaiting verification, impact verified (stacked)."""
	series = (
		(_("Open, not overdue"), lambda g: g["open"] - g["overdue"]),
		(_("Overdue"), lambda g: g["overdue"]),
		(_("Done, impact not yet verified"), lambda g: g["done"] - g["impact_verified"]["count"]),
		(_("Impact verified"), lambda g: g["impact_verified"]["count"]),
	)
	return {
		"title": _("Learning actions by {0}").format(GROUP_LABELS[group_by].lower()),
		"data": {
			"labels": [_label(g) for g in groups],
			"datasets": [{"name": name, "values": [value(g) for g in groups]} for name, value in series],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def _message(figures: dict) -> str:
	"""The figures by owner, service area and theme with their definitions: above the table, and in the print."""
	period = _("{0} to {1}").format(formatdate(figures["from_date"]), formatdate(figures["to_date"]))
	parts = [f"<h5>{escape_html(_('Learning actions due {0}').format(period))}</h5>"]
	head = "".join(
		f"<th>{escape_html(h)}</th>"
		for h in (_("Actions"), _("Open"), _("Overdue"), _("Done"), _("Impact verified"), _("Cancelled"))
	)
	for group in learning.GROUPS:
		lines = [(_label(g), g) for g in figures[f"by_{group}"]] + [(_("Total"), figures["total"])]
		body = "".join(
			f"<tr><td>{escape_html(label)}</td>"
			+ "".join(
				f"<td>{escape_html(str(value))}</td>"
				for value in (
					g["actions"],
					g["open"],
					g["overdue"],
					g["done"],
					rate_text(g["impact_verified"]),
					g["cancelled"],
				)
			)
			+ "</tr>"
			for label, g in lines
		)
		parts.append(
			f"<h6>{escape_html(_('By {0}').format(GROUP_LABELS[group].lower()))}</h6>"
			f"<table class='table table-bordered table-sm'><tr><th>{escape_html(GROUP_LABELS[group])}</th>"
			f"{head}</tr>{body}</table>"
		)
	definitions = "".join(f"<li>{escape_html(_(text))}</li>" for text in learning.DEFINITIONS.values())
	parts.append(f"<ul class='text-muted small'>{definitions}</ul>")
	parts.append(f"<h5>{escape_html(_('Actions'))}</h5>")
	return "".join(parts)
