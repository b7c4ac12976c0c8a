"""Desk charts of governance figures: rows of counts pivoted into Frappe chart data, and the chart sources'
common entry (who may read them, and the period they cover)."""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate, today


def pivot(rows: list[dict], label: str, series: str, series_order=None, label_text=str) -> dict:
	"""{"labels", "datasets"}: one dataset per value of `series`, one point per value of `label` (rows have "n"),
	the labels written by `label_text`."""
	labels = sorted({row[label] for row in rows})
	names = list(series_order or sorted({row[series] or "" for row in rows}))
	counts = {(row[label], row[series] or ""): row["n"] for row in rows}
	return {
		"labels": [label_text(x) for x in labels],
		"datasets": [
			{"name": _(name), "values": [counts.get((x, name), 0) for x in labels]} for name in names
		],
	}


def month_text(month: str) -> str:
	""" "2026-04" as "Apr 26": short enough for a year of bars on half a screen."""
	return getdate(f"{month}-01").strftime("%b %y")


def chart_period(chart_name: str | None, from_date=None, to_date=None, months: int = 12) -> tuple:
	"""The period a desk chart covers: the last `months` whole months and this one, unless given; only for those
	who may read the chart (its roles, as the workspace shows it), even when its source is called directly."""
	if not chart_name or not frappe.has_permission("Dashboard Chart", "read", chart_name):
		frappe.throw(_("You may not see this chart."), frappe.PermissionError)
	end = getdate(to_date or today())
	return getdate(from_date or get_first_day(add_months(end, -months))), end
