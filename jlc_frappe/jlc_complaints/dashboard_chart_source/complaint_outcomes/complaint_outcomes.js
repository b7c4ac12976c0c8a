// Copyright (c) 2026, JLC developers. License: MIT.
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaint Outcomes"] = {
	method: "jlc_frappe.jlc_complaints.dashboard_chart_source.complaint_outcomes.complaint_outcomes.get",
	filters: [],
};
