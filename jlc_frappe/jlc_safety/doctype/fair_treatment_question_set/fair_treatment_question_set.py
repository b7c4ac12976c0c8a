# Copyright (c) 2026, JLC developers. License: MIT.
"""Fair Treatment Question Set: a decision tool as versioned, editable data."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe import question_sets
from jlc_frappe.rules import fair_treatment
from jlc_frappe.translation import translate


class FairTreatmentQuestionSet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.fair_treatment_branch.fair_treatment_branch import (
			FairTreatmentBranch,
		)
		from jlc_frappe.jlc_safety.doctype.fair_treatment_step.fair_treatment_step import FairTreatmentStep

		active: DF.Check
		branches: DF.Table[FairTreatmentBranch]
		description: DF.SmallText | None
		published: DF.Data | None
		publisher: DF.Data | None
		set_name: DF.Data
		steps: DF.Table[FairTreatmentStep]
		version: DF.Int

	# end: auto-generated types
	def validate(self):
		problems = fair_treatment.question_set_problems(*self.as_rules())
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Question set cannot be used"))
		question_sets.refuse_change_once_answered(self, FairTreatmentQuestionSet.as_rules)

	def onload(self):
		self.set_onload("answered", question_sets.is_answered(self.doctype, self.name))

	def as_rules(self):
		steps = [fair_treatment.Step(r.step_id, r.question, r.help or "") for r in self.steps]
		branches = [
			fair_treatment.Branch(r.step_id, r.answer, r.next_step or "", r.recommendation or "")
			for r in self.branches
		]
		return steps, branches
