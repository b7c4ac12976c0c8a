// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Learning Action Tracker"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Due from"),
			fieldtype: "Date",
			default: jlc.month_edge(-6),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Due to"),
			fieldtype: "Date",
			default: jlc.month_edge(6, "end"),
			reqd: 1,
		},
		{
			fieldname: "owner",
			label: __("Owner"),
			fieldtype: "Link",
			options: "User",
		},
		{
			fieldname: "service_area",
			label: __("Service area"),
			fieldtype: "Link",
			options: "Complaint Service Area",
		},
		{
			fieldname: "theme",
			label: __("Theme"),
			fieldtype: "Link",
			options: "Learning Theme",
		},
		{
			fieldname: "group_by",
			label: __("Chart by"),
			fieldtype: "Select",
			options: [
				{ value: "owner", label: __("Owner") },
				{ value: "service_area", label: __("Service area") },
				{ value: "theme", label: __("Theme") },
			],
			default: "theme",
			reqd: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "due_status" && data && data.due_status) {
			const colour = { Overdue: "red", Missed: "red", "Due soon": "orange" }[data.due_status] || "green";
			return `<span class="indicator-pill ${colour}">${formatted}</span>`;
		}
		return formatted;
	},
};
