// Copyright (c) 2026, JLC developers. License: MIT.
function annual_report_last_complete_year() {
	// a reporting year runs 1 April to 31 March; the last complete one ended on the latest 31 March
	const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
	const start = (today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1) - 1;
	return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

frappe.query_reports["Annual Complaints Report"] = {
	filters: [
		{
			fieldname: "reporting_year",
			label: __("Reporting year"),
			fieldtype: "Data",
			description: __("Like 2025-26: 1 April 2025 to 31 March 2026"),
			default: annual_report_last_complete_year(),
			reqd: 1,
		},
	],
};
