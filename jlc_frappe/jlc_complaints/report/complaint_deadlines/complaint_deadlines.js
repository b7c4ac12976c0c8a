// Copyright (c) 2026, JLC developers. License: MIT.
const DEADLINE_STATUSES = ["", "On track", "Due soon", "Overdue", "Met", "Missed"];
const OPEN_STATES = [
	"",
	"Received",
	"Acknowledged",
	"Resolved Early",
	"Under Investigation",
	"Awaiting Sign-off",
	"Signed Off",
	"Response Sent",
];

frappe.query_reports["Complaint Deadlines"] = {
	filters: [
		{
			fieldname: "responses",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Awaiting response", label: __("Awaiting response") },
				{ value: "Response sent", label: __("Response sent, not closed") },
				{ value: "All", label: __("All open complaints") },
			],
			default: "Awaiting response",
		},
		{
			fieldname: "workflow_state",
			label: __("Status"),
			fieldtype: "Select",
			options: OPEN_STATES,
		},
		{
			fieldname: "route",
			label: __("Route"),
			fieldtype: "Select",
			options: ["", "Early Resolution", "Investigation"],
		},
		{ fieldname: "handler", label: __("Handler"), fieldtype: "Link", options: "User" },
		{
			fieldname: "severity",
			label: __("Severity"),
			fieldtype: "Select",
			options: ["", "Low", "Moderate", "High", "Extreme"],
		},
		{
			fieldname: "acknowledgement_status",
			label: __("Acknowledgement"),
			fieldtype: "Select",
			options: DEADLINE_STATUSES,
		},
		{
			fieldname: "response_status",
			label: __("Response"),
			fieldtype: "Select",
			options: DEADLINE_STATUSES,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "working_days_left" && data) {
			return jlc.working_days_left(data.working_days_left, data);
		}
		value = default_formatter(value, row, column, data);
		const colours = { Overdue: "red", Missed: "red", "Due soon": "orange", Met: "green" };
		if (column.fieldname.endsWith("_status") && colours[data[column.fieldname]]) {
			value = `<span class="indicator-pill ${colours[data[column.fieldname]]}">${value}</span>`;
		}
		return value;
	},
};
