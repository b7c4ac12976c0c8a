// Copyright (c) 2026, JLC developers. License: MIT.
// A question set version that was answered keeps its questions: changes are saved as the next version
// (jlc_frappe/question_sets.py), for Experience and Fair Treatment Question Sets alike. Loaded on demand by their
// forms (frappe.require), so it needs no build.
frappe.provide("jlc.question_sets");

jlc.question_sets.offer_new_version = function (frm) {
	if (frm.is_new() || !(frm.doc.__onload || {}).answered) return;
	frm.set_intro(
		__(
			"Answers were given to this version. To change its questions, edit them here and press Save as new version: the answers given stay with the questions they answered."
		),
		"blue"
	);
	frm.add_custom_button(__("Save as new version"), () =>
		frappe
			.xcall("jlc_frappe.question_sets.save_as_new_version", { doctype: frm.doctype, doc: frm.doc })
			.then((name) => {
				frm.dirty = false;
				frappe.set_route("Form", frm.doctype, name);
			})
	);
};
