# Copyright (c) 2026, JLC developers. License: MIT.
"""Dashboard chart source: Complaints Received (jlc_frappe.governance.board.received_by_month_and_route).

Not cached by chart (frappe.utils.dashboard.cache_source would hand the figures to anyone naming the chart):
one GROUP BY query, for those who may read the chart."""

import frappe

from jlc_frappe.governance import board
from jlc_frappe.governance.charts import chart_period, month_text, pivot


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, from_date=None, to_date=None, **kwargs):
	start, end = chart_period(chart_name, from_date, to_date)
	return pivot(board.received_by_month_and_route(start, end), "month", "route", label_text=month_text)
