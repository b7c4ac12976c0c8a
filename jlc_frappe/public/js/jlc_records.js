// Copyright (c) 2026, JLC developers. License: MIT.
// Records management on the forms of retained records (hooks.py doctype_js): the legal hold, and a subject access
// request from a complainant or patient (jlc_frappe/jlc_records).
(() => {
	const RETAINED = frappe.boot.jlc_retained_doctypes || []; // rules.retention.RETAINED_DOCTYPES
	const RECORDS = __("Records");

	function add_legal_hold_button(frm) {
		if (frm.is_new() || frm.doc.anonymised_on || !(frm.perm[0] && frm.perm[0].write)) return;
		const hold = frm.doc.legal_hold ? 0 : 1;
		frm.add_custom_button(
			hold ? __("Place legal hold") : __("Lift legal hold"),
			() =>
				frappe.prompt(
					[
						{
							fieldname: "reason",
							fieldtype: "Small Text",
							reqd: 1,
							label: hold
								? __("Why it must be kept (the claim, inquiry or investigation)")
								: __("Why the hold has ended"),
						},
					],
					({ reason }) =>
						frappe
							.call({
								method: "jlc_frappe.jlc_records.record_keeping.set_legal_hold",
								args: { doctype: frm.doctype, name: frm.doc.name, hold, reason },
							})
							.then(() => frm.reload_doc()),
					hold ? __("Place legal hold") : __("Lift legal hold")
				),
			RECORDS
		);
	}

	function add_subject_access_button(frm, person) {
		if (frm.is_new() || !person || !frappe.model.can_create("Subject Access Request")) return;
		frm.add_custom_button(
			__("Subject access request"),
			() => frappe.new_doc("Subject Access Request", { person }),
			RECORDS
		);
	}

	const handlers = {};
	for (const doctype of RETAINED) {
		handlers[doctype] = {
			refresh(frm) {
				add_legal_hold_button(frm);
				if (doctype === "Complaint") add_subject_access_button(frm, frm.doc.complainant);
			},
		};
	}
	handlers["JLC Person"] = {
		refresh(frm) {
			add_subject_access_button(frm, frm.doc.name);
		},
	};
	for (const [doctype, events] of Object.entries(handlers)) frappe.ui.form.on(doctype, events);
})();
