// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("CQC Request", {
	refresh(frm) {
		if (frm.is_new() || !(frm.perm[0] && frm.perm[0].write)) return;
		frm.add_custom_button(__("Build pack"), () => {
			const build = () =>
				frappe
					.call({
						method: "jlc_frappe.jlc_learning.doctype.cqc_request.cqc_request.build_pack",
						args: { name: frm.doc.name },
						freeze: true,
					})
					.then((r) => frappe.show_alert({ message: r.message, indicator: "blue" }));
			frm.is_dirty() ? frm.save().then(build) : build();
		});
	},
});
