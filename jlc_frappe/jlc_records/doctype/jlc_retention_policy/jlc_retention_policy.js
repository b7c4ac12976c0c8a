// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("JLC Retention Policy", {
	setup(frm) {
		const retained = frappe.boot.jlc_retained_doctypes || [];
		frm.set_query("document_type", () => ({ filters: { name: ["in", retained] } }));
	},
	refresh(frm) {
		frm.trigger("document_type");
		const cleared = (frm.doc.__onload || {}).jlc_what_is_cleared;
		if (!cleared) {
			frm.get_field("what_is_cleared").$wrapper.empty();
			return;
		}
		const tables = Object.entries(cleared).map(
			([table, labels]) =>
				`<p><b>${frappe.utils.escape_html(table)}</b>: ${labels
					.map((l) => frappe.utils.escape_html(l))
					.join(", ")}</p>`
		);
		frm.get_field("what_is_cleared").$wrapper.html(
			`<p class="text-muted">${__(
				"Anonymising clears these fields (or replaces them when required), removes the people no other record names, and deletes the record's attachments, letters and emails, comments, assignments, shares, tags and history. Dates, statuses, outcomes and codes stay, so past figures never change."
			)}</p>${tables.join("")}`
		);
	},
	document_type(frm) {
		if (!frm.doc.document_type) return;
		frappe
			.call({
				method: "jlc_frappe.jlc_records.doctype.jlc_retention_policy.jlc_retention_policy.trigger_choices",
				args: { doctype: frm.doc.document_type },
				type: "GET",
			})
			.then((r) => {
				const choices = Object.entries(r.message || {}).map(([value, label]) => ({
					value,
					label: `${__(label)} (${value})`,
				}));
				frm.set_df_property("trigger_field", "options", choices);
			});
	},
});
