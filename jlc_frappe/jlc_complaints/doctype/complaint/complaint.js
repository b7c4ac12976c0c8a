// Copyright (c) 2026, JLC developers. License: MIT.
const ACTIVE_ONLY = () => ({ filters: { active: 1 } });

frappe.ui.form.on("Complaint", {
	setup(frm) {
		for (const field of ["subject_area", "service_area", "staff_group"]) {
			frm.set_query(field, "aspects", ACTIVE_ONLY);
		}
		frm.set_query("handler", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	onload(frm) {
		frappe
			.call("jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings.get_timescale_presets")
			.then((r) => frm.set_df_property("timescale_preset", "options", [""].concat(r.message || [])));
	},

	refresh(frm) {
		const headline = !frm.is_new() && (frm.doc.__onload || {}).jlc_headline;
		const lines = headline ? [frappe.utils.escape_html(headline.text)] : [];
		if (frm.doc.persistent_contact_policy) {
			lines.push(__("The unreasonably persistent contact policy applies to this complainant."));
		}
		frm.dashboard.set_headline_alert(lines.join("<br>"), headline ? headline.colour : "orange");
		const open = !["Closed", "Withdrawn"].includes(frm.doc.workflow_state);
		const editor = frappe.user.has_role(["Complaints Manager", "Complaints Handler"]);
		if (!frm.is_new() && open && editor) {
			frm.add_custom_button(__("Change response date"), () => change_response_due(frm));
		}
		if (!frm.is_new()) {
			jlc.add_learning_action_button(frm);
		}
	},
});

function change_response_due(frm) {
	jlc.change_date(frm, "change_response_due", __("Change the agreed response date"), [
		{ fieldname: "new_date", label: __("New response date"), fieldtype: "Date", reqd: 1 },
		{
			fieldname: "agreed_on",
			label: __("Agreed with the complainant on"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
	]);
}
