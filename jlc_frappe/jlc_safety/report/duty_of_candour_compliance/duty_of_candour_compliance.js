// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Duty of Candour Compliance"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -11)),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
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
