// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Training Compliance"] = {
	filters: [
		{
			fieldname: "as_of",
			label: __("On"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "module",
			label: __("Module"),
			fieldtype: "Link",
			options: "JLC Training Module",
		},
		{
			fieldname: "role",
			label: __("Role"),
			fieldtype: "Link",
			options: "Role",
		},
		{
			fieldname: "department",
			label: __("Department"),
			fieldtype: "Data",
			description: __("From the Employee record, where ERPNext is installed"),
		},
		{
			fieldname: "staff_member",
			label: __("Staff member"),
			fieldtype: "Link",
			options: "User",
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Complete", label: __("Complete") },
				{ value: "Due", label: __("Due") },
				{ value: "Overdue", label: __("Overdue") },
				{ value: "Expired", label: __("Expired") },
			],
		},
		{
			fieldname: "group_by",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Each person and module") },
				{ value: "module", label: __("By module") },
				{ value: "role", label: __("By role") },
				{ value: "department", label: __("By department") },
			],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "status_label" && data && data.status) {
			const colour = { Complete: "green", Due: "blue", Overdue: "red", Expired: "orange" }[data.status];
			return `<span class="indicator-pill ${colour}">${formatted}</span>`;
		}
		return formatted;
	},
};
