// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Learning Action", {
	setup(frm) {
		frm.set_query("source_doctype", "sources", () => ({
			query: "jlc_frappe.jlc_learning.learning_sources.source_doctype_query",
		}));
		frm.set_query("theme", () => ({ filters: { active: 1 } }));
	},

	refresh(frm) {
		const open = !["Completed", "Impact Verified", "Cancelled"].includes(frm.doc.workflow_state);
		if (!frm.is_new() && open && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Change due date"), () => change_due_date(frm));
		}
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

function change_due_date(frm) {
	jlc.change_date(frm, "change_due_date", __("Change the due date"), [
		{ fieldname: "new_date", label: __("New due date"), fieldtype: "Date", reqd: 1 },
		{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
	]);
}
