"""Desk charts of governance figures: rows of counts pivoted into Frappe chart data, and the chart sources'
common entry (who may read them, and the period they cover)."""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate, today

# The roles that read complaint figures (as the Board Complaints Report).
FIGURES_READERS = ("Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member")


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


def chart_period(from_date=None, to_date=None, months: int = 12, also: tuple = ()) -> tuple:
	"""The period a desk chart covers: the last `months` whole months and this one, unless given; only for the
	roles that read complaint figures (and `also`)."""
	if not set(frappe.get_roles()) & {
		*FIGURES_READERS,
		*also,
		"System Manager",
	}:  # frappe.only_for skips tests
		frappe.throw(_("Only those who read complaint figures may see this chart."), frappe.PermissionError)
	end = getdate(to_date or today())
	return getdate(from_date or get_first_day(add_months(end, -months))), end
