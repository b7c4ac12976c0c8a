// Copyright (c) 2026, JLC developers. License: MIT.
frappe.listview_settings["CQC Request"] = {
	add_fields: ["status", "due_on"],
	get_indicator(doc) {
		const colour = { Open: "orange", Overdue: "red", Sent: "green" }[doc.status] || "grey";
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
};
