# Copyright (c) 2026, JLC developers. License: MIT.
"""Fair Treatment Review: a recorded, fair decision when a learning response raises a concern about an
individual. The recommendation is worked out from the answers by the question set (jlc_frappe.rules)."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.rules import fair_treatment
from jlc_frappe.translation import translate


class FairTreatmentReview(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.fair_treatment_answer.fair_treatment_answer import (
			FairTreatmentAnswer,
		)
		from jlc_frappe.jlc_safety.doctype.fair_treatment_assessor.fair_treatment_assessor import (
			FairTreatmentAssessor,
		)

		anonymised_on: DF.Date | None
		answers: DF.Table[FairTreatmentAnswer]
		assessors: DF.Table[FairTreatmentAssessor]
		complaint: DF.Link | None
		hr_advice: DF.SmallText | None
		hr_advice_sought: DF.Check
		incident: DF.Link | None
		individual_process_considered: DF.Check
		individual_process_reason: DF.SmallText | None
		learning_response_summary: DF.SmallText | None
		legal_hold: DF.Check
		next_question: DF.SmallText | None
		question_set: DF.Link
		question_set_version: DF.Int
		rationale: DF.Text
		recommendation: DF.SmallText | None
		regulator_referral: DF.Check
		regulator_referral_reason: DF.SmallText | None
		restorative_actions: DF.Text | None
		review_date: DF.Date
		staff_member: DF.Link
		staff_member_name: DF.Data | None
		support_offered: DF.SmallText | None
		suspended: DF.Check
		suspension_reason: DF.SmallText | None

	# end: auto-generated types
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
				"<br>".join(translate(p) for p in result.problems),
				title=_("Answers do not fit the question set"),
			)
		self.recommendation = result.recommendation
		self.next_question = questions.get(result.next_step) if result.next_step else None
