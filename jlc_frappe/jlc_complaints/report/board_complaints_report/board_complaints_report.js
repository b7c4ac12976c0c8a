// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Board Complaints Report"] = {
	filters: jlc.period_filters(3),
};
