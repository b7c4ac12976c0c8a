// Copyright (c) 2026, JLC developers. License: MIT.
// Desk helpers shared by JLC forms (loaded on every desk page through app_include_js).
frappe.provide("jlc");

// A "Create > Learning action" button answering the form's record.
jlc.add_learning_action_button = function (frm) {
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
};
