# Copyright (c) 2026, JLC developers. License: MIT.
"""Dashboard chart source: Triangulation Hotspots (jlc_frappe.governance.triangulation.hotspots): per service
area, the months in which two or more sources rose (hotspots) and those in which one did, over the last year.

Not cached by chart (frappe.utils.dashboard.cache_source would hand the figures to anyone naming the chart)."""

import frappe
from frappe import _

from jlc_frappe.governance.charts import chart_period
from jlc_frappe.governance.service_areas import titles as service_area_titles
from jlc_frappe.governance.triangulation import hotspots


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, from_date=None, to_date=None, **kwargs):
	start, end = chart_period(chart_name, from_date, to_date)
	rows = hotspots(start, end)
	areas = sorted({row["service_area"] for row in rows if row["rising"]})
	count = lambda area, test: sum(1 for r in rows if r["service_area"] == area and test(r))  # noqa: E731
	names = service_area_titles(areas)
	return {
		"labels": [names.get(area) or area for area in areas],
		"datasets": [
			{"name": _("Hotspot months"), "values": [count(a, lambda r: r["hotspot"]) for a in areas]},
			{
				"name": _("One source rising"),
				"values": [count(a, lambda r: r["rising"] and not r["hotspot"]) for a in areas],
			},
		],
	}
