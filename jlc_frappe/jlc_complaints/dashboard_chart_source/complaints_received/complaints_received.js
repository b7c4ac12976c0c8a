// Copyright (c) 2026, JLC developers. License: MIT.
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaints Received"] = {
	method: "jlc_frappe.jlc_complaints.dashboard_chart_source.complaints_received.complaints_received.get",
	filters: [],
};
