# Copyright (c) 2026, JLC developers. License: MIT.
"""Claim: a claim notified by NHS Resolution, linked to incidents and complaints for triangulation."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe.field_checks import validate_nhs_number


class Claim(Document):
	def validate(self):
		if self.incident_date and getdate(self.incident_date) > getdate(self.notified_on):
			frappe.throw(_("A claim cannot be notified before the incident it is about."))
		validate_nhs_number(self)
