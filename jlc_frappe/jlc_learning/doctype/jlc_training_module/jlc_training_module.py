# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Training Module: training that staff in given roles must complete within so many days of joining, and
refresh every so many months (jlc_frappe/rules/training.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from jlc_frappe.rules import training
from jlc_frappe.translation import translate


class JLCTrainingModule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_learning.doctype.jlc_training_module_role.jlc_training_module_role import (
			JLCTrainingModuleRole,
		)

		active: DF.Check
		complete_within_days: DF.Int
		description: DF.SmallText | None
		module_name: DF.Data
		refresh_months: DF.Int
		required_from: DF.Date | None
		roles: DF.Table[JLCTrainingModuleRole]
		source: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		problems = training.check_module(self.complete_within_days, self.refresh_months)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems))
		seen = set()
		for row in self.roles:
			if row.role in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.role))
			seen.add(row.role)

	def on_update(self):
		before = self.get_doc_before_save()
		if before and cint(before.refresh_months) != cint(self.refresh_months):
			self.refresh_expiry_dates()

	def refresh_expiry_dates(self):
		"""The completions of this module expire by its new refresh period: one update per completion date."""
		r = frappe.qb.DocType("JLC Training Record")
		completed = (frappe.qb.from_(r).select(r.completed_on).distinct().where(r.module == self.name)).run(
			pluck=True
		)
		for day in completed:
			(
				frappe.qb.update(r)
				.set(r.expires_on, training.expires_on(day, cint(self.refresh_months)))
				.where((r.module == self.name) & (r.completed_on == day))
			).run()
