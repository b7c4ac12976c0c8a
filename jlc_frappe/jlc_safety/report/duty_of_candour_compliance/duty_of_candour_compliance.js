// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Duty of Candour Compliance"] = {
	filters: [
		...jlc.period_filters(11),
		{
			fieldname: "service_area",
			label: __("Service area"),
			fieldtype: "Link",
			options: "Complaint Service Area",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "contractual_status" && data && data.contractual_status) {
			const colour = { Overdue: "red", Missed: "red", "Due soon": "orange" }[data.contractual_status] || "green";
			return `<span class="indicator-pill ${colour}">${formatted}</span>`;
		}
		return formatted;
	},
};
