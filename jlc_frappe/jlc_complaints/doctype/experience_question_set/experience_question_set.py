# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Question Set: the statements a closed complaint's survey asks (My Expectations), as versioned,
editable data. Answers point at the version they answered (jlc_frappe/question_sets.py)."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe import question_sets
from jlc_frappe.rules import experience
from jlc_frappe.translation import translate


class ExperienceQuestionSet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_complaints.doctype.experience_question.experience_question import (
			ExperienceQuestion,
		)

		active: DF.Check
		audience: DF.Literal["Complainant", "Staff involved"]
		description: DF.SmallText | None
		introduction: DF.SmallText | None
		published: DF.Data | None
		publisher: DF.Data | None
		questions: DF.Table[ExperienceQuestion]
		set_name: DF.Data
		version: DF.Int

	# end: auto-generated types
	def validate(self):
		for row in self.questions:
			row.question_id = (row.question_id or "").strip().lower()
		problems = experience.question_set_problems(
			[row.question_id for row in self.questions], [row.statement for row in self.questions]
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Question set cannot be used"))
		question_sets.refuse_change_once_answered(self, ExperienceQuestionSet.content)

	def on_update(self):
		if self.active:  # one survey per audience is sent when a complaint closes
			table = frappe.qb.DocType(self.doctype)
			(
				frappe.qb.update(table)
				.set(table.active, 0)
				.where((table.audience == self.audience) & (table.name != self.name) & (table.active == 1))
			).run()

	def onload(self):
		self.set_onload("answered", question_sets.is_answered(self.doctype, self.name))

	def content(self):
		"""What answers were given to: who answers, and each question's id, section and statement."""
		rows = tuple((r.question_id, r.section or "", (r.statement or "").strip()) for r in self.questions)
		return self.audience, rows


def active_set(audience: str) -> str | None:
	"""The question set sent to `audience` when a complaint closes: the active one (the latest if several)."""
	found = frappe.get_all(
		"Experience Question Set",
		filters={"audience": audience, "active": 1},
		pluck="name",
		order_by="version desc, modified desc",
		limit=1,
	)
	return found[0] if found else None


SEED = "jlc_complaints/data/experience_question_sets.json"


def seed_experience_question_sets() -> None:
	"""The My Expectations surveys (for complainants and for staff involved), version 1, where not already there
	(install and a patch for existing sites): active unless the site already has an active set for that audience."""
	import json
	import os

	with open(os.path.join(frappe.get_app_path("jlc_frappe"), SEED)) as f:
		sets = json.load(f)["question_sets"]
	for values in sets:
		if frappe.db.exists("Experience Question Set", f"{values['set_name']} v{values['version']}"):
			continue
		active = not frappe.db.exists(
			"Experience Question Set", {"audience": values["audience"], "active": 1}
		)
		frappe.get_doc({"doctype": "Experience Question Set", **values, "active": int(active)}).insert(
			ignore_permissions=True
		)
