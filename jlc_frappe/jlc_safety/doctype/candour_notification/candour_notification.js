// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Candour Notification", {
	refresh(frm) {
		// the written notification to the relevant person (jlc_frappe/letters/, public/js/letters.js)
		const writer = frm.perm[0] && frm.perm[0].write;
		if (frm.is_new() || !writer || (frm.doc.__onload || {}).jlc_reads_identity === false) return;
		frm.add_custom_button(__("Send letter"), () =>
			frappe.require("/assets/jlc_frappe/js/letters.js", () => jlc.letters.open(frm))
		);
	},
});
