# Copyright (c) 2026, JLC developers. License: MIT.
"""Candour Notification: the duty of candour for one incident or complaint (regulation 20)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe.deadline_status import status_on_save
from jlc_frappe.jlc_safety import candour
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules.candour import candour_contractual_due


class CandourNotification(Document):
	def validate(self):
		self.incident = self.incident or None
		if not (self.incident or self.complaint):
			frappe.throw(_("Link the incident or the complaint this candour record is about."))
		before = self.get_doc_before_save()
		problems = candour.record_problems(self)
		if before and self.workflow_state and before.workflow_state != self.workflow_state:
			problems += candour.move_problems(self, before.workflow_state, self.workflow_state)
		if problems:
			frappe.throw("<br>".join(problems), title=_("Duty of candour"))
		days = jlc_settings.get_settings().candour_contractual_working_days
		self.contractual_due = candour_contractual_due(
			getdate(self.reported_on), days, jlc_settings.get_calendar()
		)
		self.contractual_status = status_on_save(self, "contractual_due", "notified_in_person_on")
