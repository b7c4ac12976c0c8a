// Copyright (c) 2026, JLC developers. License: MIT.
const KO41A_METHOD = "/api/method/jlc_frappe.governance.ko41a.download_return";

function ko41a_last_complete_year() {
	// a reporting year runs 1 April to 31 March; the last complete one ended on the latest 31 March
	const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
	const start = (today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1) - 1;
	return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

frappe.query_reports["KO41a Return"] = {
	filters: [
		{
			fieldname: "reporting_year",
			label: __("Reporting year"),
			fieldtype: "Data",
			description: __("Like 2025-26: 1 April 2025 to 31 March 2026"),
			default: ko41a_last_complete_year(),
			reqd: 1,
		},
	],
	onload(report) {
		const download = (file_format) =>
			open_url_post(KO41A_METHOD, {
				reporting_year: report.get_filter_value("reporting_year"),
				file_format: file_format,
			});
		report.page.add_inner_button(__("CSV"), () => download("CSV"), __("Download return"));
		report.page.add_inner_button(__("Excel"), () => download("Excel"), __("Download return"));
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.code && ["resolved", "carried_forward", "open_at_end"].includes(data.code)) {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
