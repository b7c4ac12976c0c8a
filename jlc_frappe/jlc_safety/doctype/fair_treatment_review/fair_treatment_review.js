// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("Fair Treatment Review", {
	setup(frm) {
		frm.set_query("question_set", () => ({ filters: { active: 1 } }));
	},

	refresh(frm) {
		if (frm.doc.recommendation) {
			frm.set_intro(__("Recommendation: {0}", [frm.doc.recommendation]), "green");
		} else if (frm.doc.question_set) {
			frm.set_intro(__("Next question: {0}", [frm.doc.next_question || __("save to see it")]), "blue");
			if (!frm.is_dirty()) {
				frm.add_custom_button(__("Answer the next question"), () => answer_next(frm));
			}
		}
	},
});

async function answer_next(frm) {
	const set = await frappe.db.get_doc("Fair Treatment Question Set", frm.doc.question_set);
	const step = set.steps.find((s) => s.question === frm.doc.next_question) || set.steps[0];
	const answers = set.branches.filter((b) => b.step_id === step.step_id).map((b) => b.answer);
	const dialog = new frappe.ui.Dialog({
		title: step.question,
		fields: [
			{ fieldname: "help", fieldtype: "HTML", options: `<p class="text-muted">${step.help || ""}</p>` },
			{ fieldname: "answer", label: __("Answer"), fieldtype: "Select", options: answers, reqd: 1 },
			{ fieldname: "notes", label: __("Notes"), fieldtype: "Small Text" },
		],
		primary_action_label: __("Record answer"),
		primary_action(values) {
			frm.add_child("answers", { step_id: step.step_id, answer: values.answer, notes: values.notes });
			frm.save().then(() => dialog.hide());
		},
	});
	dialog.show();
}
