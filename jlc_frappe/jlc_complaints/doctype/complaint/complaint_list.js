// Copyright (c) 2026, JLC developers. License: MIT.
frappe.listview_settings["Complaint"] = jlc.deadline_list({
	status_fields: ["acknowledgement_status", "response_status"],
	finished_states: ["Closed", "Withdrawn"],
});
