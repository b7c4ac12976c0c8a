// Copyright (c) 2026, JLC developers. License: MIT.
frappe.listview_settings["Learning Action"] = jlc.deadline_list({
	status_fields: ["due_status"],
	finished_states: ["Completed", "Impact Verified", "Cancelled"],
});
