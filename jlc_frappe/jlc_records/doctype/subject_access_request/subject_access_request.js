// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Subject Access Request", {
	nhs_number(frm) {
		if (!frm.is_new() || !frm.doc.nhs_number) return;
		frappe
			.call({
				method: "jlc_frappe.jlc_records.doctype.subject_access_request.subject_access_request.person_for_nhs_number",
				args: { nhs_number: frm.doc.nhs_number },
			})
			.then((r) => frm.set_value("person", r.message));
	},
	refresh(frm) {
		frm.set_df_property("nhs_number", "read_only", frm.is_new() ? 0 : 1);
		if (frm.is_new() || frm.doc.anonymised_on || !(frm.perm[0] && frm.perm[0].write)) return;
		frm.add_custom_button(frm.doc.export_file ? __("Rebuild export") : __("Build export"), () => {
			const build = () =>
				frappe
					.call({
						method: "jlc_frappe.jlc_records.doctype.subject_access_request.subject_access_request.build_export",
						args: { name: frm.doc.name },
						freeze: true,
					})
					.then((r) => frappe.show_alert({ message: r.message, indicator: "blue" }));
			frm.is_dirty() ? frm.save().then(build) : build();
		});
	},
});
