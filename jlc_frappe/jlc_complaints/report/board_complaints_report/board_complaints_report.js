// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Board Complaints Report"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -3)),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],
};
