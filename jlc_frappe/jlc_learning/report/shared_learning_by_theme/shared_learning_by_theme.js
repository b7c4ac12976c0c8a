// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Shared Learning by Theme"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Shared from"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Shared to"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "theme", label: __("Theme"), fieldtype: "Data" },
		{ fieldname: "source_organisation", label: __("Organisation"), fieldtype: "Data" },
	],
};
