// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Ombudsman Referral", {
	refresh(frm) {
		if (!frm.is_new()) {
			jlc.add_learning_action_button(frm);
		}
	},
});
