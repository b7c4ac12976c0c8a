// Copyright (c) 2026, JLC developers. License: MIT.
const DEADLINE_STATUSES = ["", "On track", "Due soon", "Overdue", "Met", "Missed"];

frappe.query_reports["Complaint Deadlines"] = {
	filters: [
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
		value = default_formatter(value, row, column, data);
		const colours = { Overdue: "red", Missed: "red", "Due soon": "orange", Met: "green" };
		if (column.fieldname.endsWith("_status") && colours[data[column.fieldname]]) {
			value = `<span class="indicator-pill ${colours[data[column.fieldname]]}">${value}</span>`;
		}
		return value;
	},
};
