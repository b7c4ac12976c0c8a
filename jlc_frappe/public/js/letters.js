// Copyright (c) 2026, JLC developers. License: MIT.
// "Send letter" on complaints and candour records (jlc_frappe/letters/send.py): the letter that fits the record
// now, filled from it for the sender to read and edit, then emailed or made into a PDF for post. Either way it is
// kept on the record and recorded (acknowledged, response sent, written notification). Loaded on demand by the
// forms (frappe.require), so it needs no build.
frappe.provide("jlc.letters");

jlc.letters.METHOD = "jlc_frappe.letters.send.";

// What sending each letter records on the record (the server records it; the workflow's rules decide).
jlc.letters.RECORDS = {
	"Complaint Acknowledgement": __(
		"Sending it records the complaint as acknowledged in writing today, with the offer to discuss."
	),
	"Complaint Holding Letter": __(
		"It gives the latest agreed response date and its reason; the letter is kept on the complaint."
	),
	"Complaint Final Response": __(
		"Sending it records the response as sent today, with the Ombudsman's details, and moves the complaint to Response Sent. Send it as the Responsible Person signed it off."
	),
	"Complaint Exclusion Letter": __(
		"Sending it records today as the day the complainant was told why the complaint is outside the Regulations."
	),
	"Candour Written Notification": __(
		"Sending it records the written notification, with its apology, as sent today."
	),
};

jlc.letters.open = async function (frm) {
	const options = await frappe.xcall(jlc.letters.METHOD + "letter_options", {
		doctype: frm.doctype,
		name: frm.docname,
	});
	const sendable = options.letters.filter((l) => !l.problems.length).map((l) => l.letter);
	const dialog = new frappe.ui.Dialog({
		title: __("Send a letter"),
		size: "extra-large",
		fields: [
			{
				fieldname: "letter",
				label: __("Letter"),
				fieldtype: "Select",
				options: sendable.map((letter) => ({ value: letter, label: __(letter) })),
				default: options.fitting,
				reqd: 1,
				hidden: !sendable.length,
				onchange: () => jlc.letters.fill(dialog, frm),
			},
			{ fieldname: "not_now", fieldtype: "HTML", options: jlc.letters.not_now(options.letters) },
			{ fieldname: "cb_how", fieldtype: "Column Break" },
			{
				fieldname: "send_by",
				label: __("Send by"),
				fieldtype: "Select",
				options: [
					{ value: "Email", label: __("Email") },
					{ value: "Post", label: __("Post (download the PDF to print)") },
				],
				default: options.email ? "Email" : "Post",
				reqd: 1,
				hidden: !sendable.length,
			},
			{
				fieldname: "recipients",
				label: __("To"),
				fieldtype: "Data",
				options: "Email",
				default: options.email,
				depends_on: "eval:doc.send_by === 'Email'",
				mandatory_depends_on: "eval:doc.send_by === 'Email'",
			},
			{ fieldname: "sb_letter", fieldtype: "Section Break", hidden: !sendable.length },
			{ fieldname: "subject", label: __("Subject"), fieldtype: "Data", reqd: 1 },
			{ fieldname: "body", label: __("Letter"), fieldtype: "Text Editor", reqd: 1 },
			{ fieldname: "sb_sent", fieldtype: "Section Break", label: __("Letters sent") },
			{ fieldname: "sent", fieldtype: "HTML", options: jlc.letters.sent(options.sent) },
		],
		primary_action_label: __("Send"),
		async primary_action(values) {
			// unedited, the letter goes as filled (the editor turns its line breaks into paragraphs)
			const filled = dialog.jlc_filled;
			if (filled && filled.letter === values.letter && values.body === filled.as_shown) {
				values.body = filled.body;
			}
			const { message: result } = await frappe.call({
				method: jlc.letters.METHOD + "send_letter",
				args: { doctype: frm.doctype, name: frm.docname, ...values },
				freeze: true,
				freeze_message: __("Sending the letter..."),
			});
			dialog.hide();
			if (values.send_by === "Post") {
				window.open(result.pdf_url);
			} else {
				frappe.show_alert({ message: __("The letter is on its way by email."), indicator: "green" });
			}
			frm.reload_doc();
		},
	});
	if (!sendable.length) dialog.get_primary_btn().hide();
	dialog.show();
	if (options.fitting) jlc.letters.fill(dialog, frm);
};

jlc.letters.fill = async function (dialog, frm) {
	const letter = dialog.get_value("letter");
	if (!letter) return;
	dialog.set_df_property("letter", "description", jlc.letters.RECORDS[letter] || "");
	const filled = await frappe.xcall(jlc.letters.METHOD + "fill_letter", {
		doctype: frm.doctype,
		name: frm.docname,
		letter,
	});
	dialog.set_value("subject", filled.subject);
	await dialog.set_value("body", filled.body);
	await frappe.timeout(0.6); // the editor settles its own version of the letter
	dialog.jlc_filled = { letter, body: filled.body, as_shown: dialog.get_value("body") };
};

// Why the other letters cannot be sent now, in the server's words.
jlc.letters.not_now = function (letters) {
	const blocked = letters.filter((l) => l.problems.length);
	if (!blocked.length) return "";
	const items = blocked
		.map(
			(l) =>
				`<li><b>${frappe.utils.escape_html(__(l.letter))}</b>: ${l.problems
					.map((p) => frappe.utils.escape_html(p))
					.join(" ")}</li>`
		)
		.join("");
	return `<div class="text-muted small"><p>${__("Not now:")}</p><ul>${items}</ul></div>`;
};

// The letters already sent from the record, each with its PDF.
jlc.letters.sent = function (sent) {
	if (!sent.length) return `<p class="text-muted small">${__("None yet.")}</p>`;
	const rows = sent
		.map((s) => {
			const how = s.communication_medium === "Email" ? __("email") : __("post");
			const when = frappe.datetime.str_to_user(s.communication_date);
			const url = "/api/method/jlc_frappe.letters.send.letter_pdf?communication=" + encodeURIComponent(s.name);
			return `<li><a href="${url}" target="_blank">${frappe.utils.escape_html(__(s.letter))}</a>, ${when}, ${how}</li>`;
		})
		.join("");
	return `<ul class="small">${rows}</ul>`;
};
