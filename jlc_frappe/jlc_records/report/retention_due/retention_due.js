// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Retention Due"] = {
	filters: [
		{
			fieldname: "as_of",
			label: __("As of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "document_type",
			label: __("Record type"),
			fieldtype: "Select",
			options: ["", ...(frappe.boot.jlc_retained_doctypes || [])],
		},
		{
			fieldname: "show",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Due", label: __("Due: the weekly job anonymises these") },
				{ value: "Held", label: __("Due, and past their period on legal hold") },
				{ value: "All", label: __("Past their period, open ones too") },
			],
			default: "Due",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const colours = { Due: "red", "On legal hold": "orange", Open: "blue" };
		if (column.fieldname === "status" && data && colours[data.status]) {
			value = `<span class="indicator-pill ${colours[data.status]}">${value}</span>`;
		}
		return value;
	},
};
