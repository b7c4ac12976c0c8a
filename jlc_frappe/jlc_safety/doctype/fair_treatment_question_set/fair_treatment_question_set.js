// Copyright (c) 2026, JLC developers. License: MIT.
// A version that was answered keeps its questions: changes are saved as the next version (question_sets.py;
// Experience Question Set has the same button).
frappe.ui.form.on("Fair Treatment Question Set", {
	refresh(frm) {
		if (frm.is_new() || !(frm.doc.__onload || {}).answered) return;
		frm.set_intro(
			__(
				"Answers were given to this version. To change its questions, edit them here and press Save as new version: the answers given stay with the questions they answered."
			),
			"blue"
		);
		frm.add_custom_button(__("Save as new version"), () =>
			frappe
				.xcall("jlc_frappe.question_sets.save_as_new_version", {
					doctype: frm.doctype,
					doc: frm.doc,
				})
				.then((name) => {
					frm.dirty = false;
					frappe.set_route("Form", frm.doctype, name);
				})
		);
	},
});
