// Copyright (c) 2026, JLC developers. License: MIT.
frappe.listview_settings["Candour Notification"] = jlc.deadline_list({
	status_fields: ["contractual_status"],
	finished_states: ["Not Notifiable", "Unable To Contact", "Declined", "Closed"],
});
