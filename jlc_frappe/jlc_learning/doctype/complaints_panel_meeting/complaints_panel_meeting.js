// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Complaints Panel Meeting", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.workflow_state !== "Minutes Approved") {
			frm.add_custom_button(__("Learning action"), () => jlc_raise_learning_action(frm), __("Create"));
		}
	},
});

function jlc_raise_learning_action(frm) {
	frappe
		.call("jlc_frappe.jlc_learning.learning_sources.new_learning_action", {
			source_doctype: frm.doctype,
			source_name: frm.doc.name,
		})
		.then((r) => {
			const doc = frappe.model.sync(r.message)[0];
			frappe.set_route("Form", doc.doctype, doc.name);
		});
}
