// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Learning Action", {
	setup(frm) {
		frm.set_query("source_doctype", "sources", () => ({
			query: "jlc_frappe.jlc_learning.learning_sources.source_doctype_query",
		}));
		frm.set_query("theme", () => ({ filters: { active: 1 } }));
	},

	refresh(frm) {
		if (!frm.is_new() && frm.doc.public_summary) {
			frm.add_custom_button(__("Check public summary"), () =>
				frm.call("check_public_summary").then((r) => {
					const found = r.message || [];
					frappe.msgprint({
						title: found.length ? __("Identifiable data found") : __("No identifiable data found"),
						message: found.length ? found.join("<br>") : __("The summary can be shared."),
						indicator: found.length ? "red" : "green",
					});
				})
			);
		}
	},
});
