// Copyright (c) 2026, JLC developers. License: MIT.
// Desk helpers shared by JLC forms (loaded on every desk page through app_include_js).
frappe.provide("jlc");

// A "Create > Learning action" button answering the form's record.
jlc.add_learning_action_button = function (frm) {
	if (!frappe.model.can_create("Learning Action")) return; // offered only to those who may create one
	frm.add_custom_button(
		__("Learning action"),
		() =>
			frappe.model.open_mapped_doc({
				method: "jlc_frappe.jlc_learning.learning_sources.make_learning_action",
				frm,
				args: { source_doctype: frm.doctype },
			}),
		__("Create")
	);
};

// A date that moves only with its history (jlc_frappe/date_changes.py): ask for the new date and what goes with
// it, then call the record's method.
jlc.change_date = function (frm, method, title, fields) {
	const dialog = new frappe.ui.Dialog({
		title,
		fields,
		primary_action_label: __("Record change"),
		primary_action(values) {
			frm.call(method, values).then(() => {
				dialog.hide();
				frm.reload_doc();
			});
		},
	});
	dialog.show();
};

// A workflow action that needs data: ask for it in a dialog, save it (or record it as a comment), then let the
// action run. Frappe freezes the page while before_workflow_action runs: the dialog lifts the freeze.
jlc.ask_before_action = function (frm, ask) {
	if (!ask) return;
	frappe.dom.unfreeze();
	return new Promise((resolve) => {
		const dialog = new frappe.ui.Dialog({
			title: ask.title,
			fields: ask.fields(frm),
			primary_action_label: __(frm.selected_workflow_action),
			async primary_action(values) {
				dialog.hide();
				if (ask.save) {
					for (const [field, value] of Object.entries(values)) await frm.set_value(field, value);
					await frm.save();
				}
				if (ask.comment) {
					await frappe.xcall("frappe.desk.form.utils.add_comment", {
						reference_doctype: frm.doctype,
						reference_name: frm.docname,
						content: frappe.utils.escape_html(ask.comment(values)),
						comment_email: frappe.session.user,
						comment_by: frappe.session.user_fullname,
					});
				}
				frappe.dom.freeze();
				resolve();
			},
		});
		dialog.show();
	});
};

// Records about people (identity.py): their details are kept in JLC Person and shown as virtual fields, only to
// those who may read them. For them the fields are editable (the server writes them through to the person; the
// desk would otherwise show a virtual field read-only) and the link to the person record is shown read-only; for
// anyone else the form hides both instead of showing them empty.
jlc.show_people = function (frm) {
	const readable = frm.is_new() || (frm.doc.__onload || {}).jlc_reads_identity !== false;
	for (const df of frm.meta.fields) {
		const link = df.fieldtype === "Link" && df.options === "JLC Person";
		if (!df.is_virtual && !link) continue;
		frm.toggle_display(df.fieldname, readable);
		if (link) {
			frm.set_df_property(df.fieldname, "read_only", 1);
			frm.toggle_display(df.fieldname, readable && !frm.is_new() && !!frm.doc[df.fieldname]);
		} else if (readable && !df.read_only) {
			frm.set_df_property(df.fieldname, "is_virtual", 0);
		}
	}
};
for (const doctype of ["Complaint", "Patient Safety Incident", "Claim", "Candour Notification"]) {
	frappe.ui.form.on(doctype, { refresh: jlc.show_people });
}

// The headline at the top of a saved record with deadlines (its onload's jlc_headline): where it stands against
// its deadline and what is next, coloured by the deadline status; `lines` adds warnings below it.
jlc.show_headline = function (frm, lines = []) {
	const headline = !frm.is_new() && (frm.doc.__onload || {}).jlc_headline;
	const all = (headline ? [frappe.utils.escape_html(headline.text)] : []).concat(lines);
	frm.dashboard.clear_headline(); // Frappe appends to the headline on every refresh
	if (all.length) frm.dashboard.set_headline_alert(all.join("<br>"), headline ? headline.colour : "orange");
};
for (const doctype of ["Learning Action", "Candour Notification"]) {
	frappe.ui.form.on(doctype, {
		refresh: (frm) => jlc.show_headline(frm),
		after_workflow_action: (frm) => frm.reload_doc(), // the headline follows the move
	});
}

// People shown by name: under each field naming a user, their full name (the field itself holds the login).
jlc.show_user_names = function (frm) {
	for (const df of frm.meta.fields) {
		if (df.fieldtype !== "Link" || df.options !== "User") continue;
		const value = frm.doc[df.fieldname];
		const name = value && frappe.user_info(value).fullname;
		frm.set_df_property(df.fieldname, "description", name && name !== value ? name : df.description);
	}
};
const NAMES_USERS = [
	"Complaint",
	"Learning Action",
	"Candour Notification",
	"Patient Safety Incident",
	"Claim",
	"Ombudsman Referral",
	"Complaints Panel Meeting",
	"Staff Support Record",
	"Fair Treatment Review",
];
for (const doctype of NAMES_USERS) {
	frappe.ui.form.on(doctype, { refresh: jlc.show_user_names });
}

// Lists of records with deadlines (jlc_frappe/deadline_status.py): the status column is the workflow state,
// coloured by the deadline that matters now (red overdue or missed, orange due soon, green on track or met), and
// the working days left read in words. Open records first, soonest deadline first (the doctype's sort field).
const DEADLINE_COLOURS = {
	Overdue: "red",
	Missed: "red",
	"Due soon": "orange",
	"On track": "green",
	Met: "green",
};
const PENDING = ["Overdue", "Due soon", "On track"];

jlc.deadline_colour = function (doc, status_fields) {
	const statuses = status_fields.map((f) => doc[f]).filter(Boolean);
	const status = statuses.find((s) => PENDING.includes(s)) || statuses[statuses.length - 1];
	return DEADLINE_COLOURS[status] || "gray";
};

jlc.working_days_left = function (value, doc) {
	if (!doc || !doc.next_deadline) return ""; // nothing left to meet
	const days = cint(value);
	if (days < 0) {
		const text = days === -1 ? __("1 day overdue") : __("{0} days overdue", [-days]);
		return `<span class="text-danger">${text}</span>`;
	}
	if (days === 0) return `<span class="text-warning">${__("Due today")}</span>`;
	return days === 1 ? __("1 day") : __("{0} days", [days]);
};

jlc.deadline_list = function ({ status_fields, finished_states, extra = {} }) {
	return {
		add_fields: ["workflow_state", "next_deadline", ...status_fields],
		hide_name_column: true, // the summary says what it is; the reference is in the form and the search bar
		hide_name_filter: true, // filters that fit on a phone
		filters: [["workflow_state", "not in", finished_states]],
		get_indicator(doc) {
			const colour = jlc.deadline_colour(doc, status_fields);
			return [__(doc.workflow_state), colour, `workflow_state,=,${doc.workflow_state}`];
		},
		formatters: { working_days_left: (value, df, doc) => jlc.working_days_left(value, doc) },
		...extra,
	};
};

// The first or last day of the month `months` from today (frappe.datetime.month_start ignores its argument:
// it is always this month's).
jlc.month_edge = function (months, edge = "start") {
	const day = moment(frappe.datetime.add_months(frappe.datetime.get_today(), months));
	return (edge === "start" ? day.startOf("month") : day.endOf("month")).format("YYYY-MM-DD");
};

// A governance report's period filters: from the first day of the month `months_back` months ago, to today
// (jlc_frappe/governance/layout.py reads them, with the same defaults).
jlc.period_filters = function (months_back) {
	const today = frappe.datetime.get_today();
	return [
		{
			fieldname: "from_date",
			label: __("From"),
			fieldtype: "Date",
			default: jlc.month_edge(-months_back),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: today, reqd: 1 },
	];
};
