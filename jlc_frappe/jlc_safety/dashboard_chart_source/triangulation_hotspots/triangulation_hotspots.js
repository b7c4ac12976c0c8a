// Copyright (c) 2026, JLC developers. License: MIT.
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Triangulation Hotspots"] = {
	method: "jlc_frappe.jlc_safety.dashboard_chart_source.triangulation_hotspots.triangulation_hotspots.get",
	filters: [],
};
