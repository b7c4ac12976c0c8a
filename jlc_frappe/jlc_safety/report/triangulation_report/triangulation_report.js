// Copyright (c) 2026, JLC developers. License: MIT.
frappe.query_reports["Triangulation Report"] = {
	filters: [
		...jlc.period_filters(11),
		{
			fieldname: "view_by",
			label: __("View by"),
			fieldtype: "Select",
			options: [
				{ value: "Service area", label: __("Service area") },
				{ value: "Theme", label: __("Theme") },
			],
			default: "Service area",
		},
		{
			fieldname: "service_area",
			label: __("Service area"),
			fieldtype: "Link",
			options: "Complaint Service Area",
			depends_on: "eval:doc.view_by !== 'Theme'",
		},
		{
			fieldname: "theme",
			label: __("Theme"),
			fieldtype: "Link",
			options: "Learning Theme",
			depends_on: "eval:doc.view_by === 'Theme'",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "month" && data && data.month) {
			return moment(data.month).format("MMM YYYY");
		}
		if (column.fieldname === "hotspot" && data) {
			return data.hotspot ? `<span class="indicator-pill red">${__("Hotspot")}</span>` : "";
		}
		value = default_formatter(value, row, column, data);
		if (!data) {
			return value;
		}
		// A hotspot's area, rising sources and counts in red; a source rising alone in orange.
		const rising = data.rising_sources || [];
		const flagged = rising.includes(column.fieldname) || (data.hotspot && column.fieldname === "service_area");
		if (flagged) {
			const colour = data.hotspot ? "var(--red-600)" : "var(--orange-600)";
			value = `<span style="color: ${colour}; font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
