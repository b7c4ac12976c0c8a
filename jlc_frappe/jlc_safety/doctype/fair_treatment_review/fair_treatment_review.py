# Copyright (c) 2026, JLC developers. License: MIT.
"""Fair Treatment Review: a recorded, fair decision when a learning response raises a concern about an
individual. The recommendation is worked out from the answers by the question set (jlc_frappe.rules)."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.rules import fair_treatment


class FairTreatmentReview(Document):
	def validate(self):
		question_set = frappe.get_doc("Fair Treatment Question Set", self.question_set)
		if self.is_new() and not question_set.active:
			frappe.throw(
				_("{0} is no longer in use: choose an active question set.").format(question_set.name)
			)
		if self.staff_member in {row.user for row in self.assessors}:
			frappe.throw(_("The member of staff under review cannot be one of its assessors."))
		steps, branches = question_set.as_rules()
		questions = {step.step_id: step.question for step in steps}
		for row in self.answers:
			row.question = questions.get(row.step_id, row.question)
		result = fair_treatment.walk(steps, branches, {row.step_id: row.answer for row in self.answers})
		if result.problems:
			frappe.throw(
				"<br>".join(_(p) for p in result.problems), title=_("Answers do not fit the question set")
			)
		self.recommendation = result.recommendation
		self.next_question = questions.get(result.next_step) if result.next_step else None
