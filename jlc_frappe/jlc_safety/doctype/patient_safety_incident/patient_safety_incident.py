# Copyright (c) 2026, JLC developers. License: MIT.
"""Patient Safety Incident: an incident from the local risk management system or LFPSE."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from jlc_frappe.field_checks import validate_nhs_number
from jlc_frappe.jlc_safety import candour
from jlc_frappe.rules.candour import harm_suggests_candour


class PatientSafetyIncident(Document):
	def validate(self):
		if getdate(self.occurred_on) > getdate(self.reported_on):
			frappe.throw(_("An incident cannot be reported before it occurred."))
		if getdate(self.reported_on) > getdate(today()):
			frappe.throw(_("The reported date cannot be in the future."))
		validate_nhs_number(self)

	def on_update(self):
		if harm_suggests_candour(self.physical_harm, self.psychological_harm):
			candour.ensure_assessment(incident=self)
