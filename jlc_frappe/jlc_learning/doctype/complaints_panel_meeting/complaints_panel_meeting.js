// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Complaints Panel Meeting", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.workflow_state !== "Minutes Approved") {
			jlc.add_learning_action_button(frm);
		}
	},
});
