// Copyright (c) 2026, JLC developers. License: MIT.
// An answered version keeps its questions: edits are saved as the next version (public/js/question_sets.js).
frappe.ui.form.on("Experience Question Set", {
	refresh(frm) {
		frappe.require("/assets/jlc_frappe/js/question_sets.js", () => jlc.question_sets.offer_new_version(frm));
	},
});
