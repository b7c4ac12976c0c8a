// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Ombudsman Referral", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Learning action"),
				() =>
					frappe.model.open_mapped_doc({
						method: "jlc_frappe.jlc_learning.learning_sources.make_learning_action",
						frm,
						args: { source_doctype: frm.doctype },
					}),
				__("Create")
			);
		}
	},
});
