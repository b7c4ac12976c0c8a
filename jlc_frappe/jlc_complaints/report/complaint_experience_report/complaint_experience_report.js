// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Complaint Experience Report"] = {
	filters: [
		...jlc.period_filters(11),
		{
			fieldname: "service_area",
			label: __("Service area"),
			fieldtype: "Link",
			options: "Complaint Service Area",
		},
		{
			fieldname: "audience",
			label: __("Who answered"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Complainants and staff") },
				{ value: "Complainant", label: __("Complainants") },
				{ value: "Staff involved", label: __("Staff involved") },
			],
		},
		{
			fieldname: "group_by",
			label: __("Group by"),
			fieldtype: "Select",
			options: [
				{ value: "question", label: __("Statement") },
				{ value: "month", label: __("Month closed") },
				{ value: "service_area", label: __("Service area") },
			],
			default: "question",
			reqd: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "label" && data && data.group_by === "month" && data.label) {
			return moment(data.label, "YYYY-MM").format("MMM YYYY");
		}
		const shown = default_formatter(value, row, column, data);
		if (column.fieldname === "agree_percent" && data && data.below_target) {
			return `<span class="text-danger" title="${__("Below target")}">${shown}</span>`;
		}
		return shown;
	},
};
