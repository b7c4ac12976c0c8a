// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Ombudsman Referral", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Learning action"), () => {
				frappe
					.call("jlc_frappe.jlc_learning.learning_sources.new_learning_action", {
						source_doctype: frm.doctype,
						source_name: frm.doc.name,
					})
					.then((r) => {
						const doc = frappe.model.sync(r.message)[0];
						frappe.set_route("Form", doc.doctype, doc.name);
					});
			}, __("Create"));
		}
	},
});
