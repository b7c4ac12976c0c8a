# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Response: one person's answers to an experience survey, stored apart from the complaint and the
person (no link to either; the invitation alone links them, and withdrawing the answers deletes this record).
Made by jlc_frappe/jlc_complaints/experience_survey.py; read by the Complaint Experience Report in aggregate."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.rules import experience
from jlc_frappe.translation import translate


class ExperienceResponse(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_complaints.doctype.experience_answer.experience_answer import ExperienceAnswer
		from jlc_frappe.jlc_complaints.doctype.experience_response_area.experience_response_area import (
			ExperienceResponseArea,
		)

		answers: DF.Table[ExperienceAnswer]
		audience: DF.Literal["Complainant", "Staff involved"]
		period: DF.Date
		question_set: DF.Link
		service_areas: DF.Table[ExperienceResponseArea]

	# end: auto-generated types
	def validate(self):
		question_set = frappe.get_doc("Experience Question Set", self.question_set)
		self.audience = question_set.audience
		answers = {row.question_id: row.answer for row in self.answers}
		if len(answers) < len(self.answers):
			frappe.throw(_("Each question is answered once."))
		problems = experience.answer_problems(answers, [q.question_id for q in question_set.questions])
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems))
