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

	after_workflow_action(frm) {
		frm.reload_doc(); // the headline and the fields the move recorded
	},

	before_workflow_action(frm) {
		return jlc.ask_before_action(frm, ACTION_DIALOGS[frm.selected_workflow_action]);
	},

	refresh(frm) {
		const warnings = [];
		if (frm.doc.persistent_contact_policy) {
			warnings.push(__("The unreasonably persistent contact policy applies to this complainant."));
		}
		jlc.show_headline(frm, warnings);
		const open = !["Closed", "Withdrawn"].includes(frm.doc.workflow_state);
		const editor = frappe.user.has_role(["Complaints Manager", "Complaints Handler"]);
		if (frm.is_new() && !editor) {
			show_short_form(frm);
		} else if (!frm.is_new() && (!editor || frm.doc.workflow_state === "Closed")) {
			show_read_only(frm); // as the server treats it: complaint_lifecycle.py, Complaint.check_content_change
		}
		if (!frm.is_new() && open && editor) {
			frm.add_custom_button(__("Change response date"), () => change_response_due(frm));
			if ((frm.doc.__onload || {}).jlc_reads_identity !== false) {
				// letters to the complainant (jlc_frappe/letters/, public/js/letters.js)
				frm.add_custom_button(__("Send letter"), () =>
					frappe.require("/assets/jlc_frappe/js/letters.js", () => jlc.letters.open(frm))
				);
			}
		}
		if (!frm.is_new()) {
			jlc.add_learning_action_button(frm);
		}
	},
});

// Front-line staff log a complaint on a short form: who is complaining, about whom, what happened, when and
// what they want. The complaints team picks it up from its queue.
const SHORT_FORM = [
	"summary",
	"received_on",
	"received_via",
	"description",
	"outcome_sought",
	"event_date",
	"possible_significant_harm",
	"complainant_name",
	"complainant_email",
	"complainant_phone",
	"complainant_address",
	"complainant_is_patient",
	"representative_basis",
	"patient_name",
	"nhs_number",
	"date_of_birth",
	"staff_involved",
];

function show_short_form(frm) {
	const others = frm.meta.fields
		.filter((df) => !frappe.model.layout_fields.includes(df.fieldtype))
		.map((df) => df.fieldname)
		.filter((fieldname) => !SHORT_FORM.includes(fieldname));
	frm.toggle_display(others, false);
	frm.set_df_property("sb_time_limit", "label", __("When it happened"));
	frm.set_intro(
		__(
			"Record what the person told you here, and who is complaining and about whom on the People tab. The complaints team will acknowledge it within 3 working days."
		),
		"blue"
	);
}

// Users who act on a complaint only through its workflow, and everyone once it is closed, see it read-only.
function show_read_only(frm) {
	frm.set_read_only();
	frm.refresh_fields();
	frm.disable_save();
}

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

// What each workflow action asks for before it runs (the server requires the same: complaint_lifecycle.py).
const ACTION_DIALOGS = {
	Acknowledge: {
		title: __("Acknowledge the complaint"),
		fields: (frm) => [
			{
				fieldname: "acknowledged_on",
				label: __("Acknowledged on"),
				fieldtype: "Date",
				reqd: 1,
				default: frm.doc.acknowledged_on || frappe.datetime.get_today(),
			},
			{
				fieldname: "acknowledgement_method",
				label: __("How"),
				fieldtype: "Select",
				options: ["", "Written", "Oral"],
				reqd: 1,
				default: frm.doc.acknowledgement_method,
			},
			{
				fieldname: "discussion_offered",
				label: __("Offered to discuss how it will be handled and when the response is likely"),
				fieldtype: "Check",
				default: 1,
			},
		],
		save: true,
	},
	Withdraw: {
		title: __("Withdraw the complaint"),
		fields: (frm) => [
			{ fieldname: "withdrawal_reason", label: __("Why"), fieldtype: "Small Text", reqd: 1 },
		],
		save: true,
	},
	"Submit for Sign-off": {
		title: __("Submit the draft response for sign-off"),
		fields: (frm) => [
			{
				fieldname: "draft_response",
				label: __("Draft response"),
				fieldtype: "Text Editor",
				default: frm.doc.draft_response,
				description: __("Or attach the draft to the complaint and leave this empty."),
			},
		],
		save: true,
	},
	"Sign Off": {
		title: __("Sign off the response"),
		fields: (frm) => [
			{
				fieldname: "draft",
				fieldtype: "HTML",
				options: `<div class="jlc-draft">${
					frm.doc.draft_response || __("The draft is attached to the complaint.")
				}</div>`,
			},
			{
				fieldname: "read",
				label: __("I have read the draft response and sign it off"),
				fieldtype: "Check",
				reqd: 1,
			},
		],
	},
	"Return for Changes": {
		title: __("Return the response for changes"),
		fields: (frm) => [
			{ fieldname: "why", label: __("What needs to change"), fieldtype: "Small Text", reqd: 1 },
		],
		comment: (values) => __("Returned for changes: {0}", [values.why]),
	},
};
