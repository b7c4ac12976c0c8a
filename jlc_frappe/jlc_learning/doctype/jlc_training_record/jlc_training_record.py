# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Training Record: a member of staff's completion of a training module. Staff record their own; it expires
by the module's refresh period (jlc_frappe/rules/training.py)."""

import frappe
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from jlc_frappe.jlc_learning.staff_development import check_keeper, set_employee
from jlc_frappe.rules import training
from jlc_frappe.translation import translate


class JLCTrainingRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completed_on: DF.Date
		evidence: DF.SmallText | None
		expires_on: DF.Date | None
		module: DF.Link
		staff_member: DF.Link
		staff_member_name: DF.Data | None

	# end: auto-generated types
	def validate(self):
		check_keeper(self)
		completed_on = getdate(self.completed_on)
		problems = training.check_completion(completed_on, getdate(today()))
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems))
		refresh = frappe.db.get_value("JLC Training Module", self.module, "refresh_months")
		self.expires_on = training.expires_on(completed_on, cint(refresh))
		set_employee(self)
