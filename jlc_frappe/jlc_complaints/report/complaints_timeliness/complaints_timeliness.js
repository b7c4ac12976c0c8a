// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Complaints Timeliness"] = {
	filters: [
		...jlc.period_filters(11),
		{
			fieldname: "service_area",
			label: __("Service area"),
			fieldtype: "Link",
			options: "Complaint Service Area",
		},
		{
			fieldname: "group_by",
			label: __("Group by"),
			fieldtype: "Select",
			options: [
				{ value: "month", label: __("Month received") },
				{ value: "service_area", label: __("Service area") },
			],
			default: "month",
			reqd: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "label" && data && data.group_by === "month" && data.label) {
			return moment(data.label, "YYYY-MM").format("MMM YYYY");
		}
		return default_formatter(value, row, column, data);
	},
};
