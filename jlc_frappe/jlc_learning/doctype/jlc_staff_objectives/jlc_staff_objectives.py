# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Staff Objectives: a member of staff's objectives for a just and learning culture, started from the
templates of their level (JLC Role Objective), with the practical examples that show each one, reviewed every
year by their reviewer (jlc_frappe/rules/training.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe.jlc_learning.staff_development import KEEPERS, check_keeper, set_employee
from jlc_frappe.permissions import has_role
from jlc_frappe.rules import training


class JLCStaffObjectives(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_learning.doctype.jlc_staff_objective.jlc_staff_objective import JLCStaffObjective

		level: DF.Literal["Board", "Senior Leader", "Manager", "Front-line Staff"]
		objectives: DF.Table[JLCStaffObjective]
		review_due_on: DF.Date | None
		review_notes: DF.SmallText | None
		reviewed_on: DF.Date | None
		reviewer: DF.Link | None
		set_on: DF.Date
		staff_member: DF.Link
		staff_member_name: DF.Data | None

	# end: auto-generated types
	def validate(self):
		check_keeper(self, reviewer_field="reviewer")
		if self.reviewer and self.reviewer == self.staff_member:
			frappe.throw(_("Objectives are reviewed by someone other than the staff member."))
		self.check_review()
		if not self.objectives:
			self.start_from_templates()
		self.review_due_on = training.review_due_on(
			getdate(self.set_on) if self.set_on else None,
			getdate(self.reviewed_on) if self.reviewed_on else None,
		)
		set_employee(self)

	def check_review(self):
		"""A review is recorded by the reviewer (or a Complaints Manager), never by the staff member."""
		before = self.get_doc_before_save()
		changed = (
			str(before.reviewed_on or "") != str(self.reviewed_on or "") if before else bool(self.reviewed_on)
		)
		if changed and frappe.session.user == self.staff_member and not has_role(*KEEPERS):
			frappe.throw(_("Your reviewer records the review of your objectives."), frappe.PermissionError)

	def start_from_templates(self):
		"""The active objectives of the staff member's level, as the objectives to evidence."""
		for template in frappe.get_all(
			"JLC Role Objective",
			filters={"level": self.level, "active": 1},
			fields=["name", "objective"],
			order_by="name asc",
		):
			self.append("objectives", {"role_objective": template.name, "objective": template.objective})
