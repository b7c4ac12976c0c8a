# Copyright (c) 2026, JLC developers. License: MIT.
"""Patient Safety Incident: an incident from the local risk management system or LFPSE."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from jlc_frappe.identity import HoldsPeople
from jlc_frappe.jlc_safety import candour
from jlc_frappe.rules.candour import harm_suggests_candour


class PatientSafetyIncident(HoldsPeople, Document, doctype="Patient Safety Incident"):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.linked_complaint.linked_complaint import LinkedComplaint

		anonymised_on: DF.Date | None
		candour_notification: DF.Link | None
		category: DF.Data | None
		closed_on: DF.Date | None
		complaints: DF.Table[LinkedComplaint]
		date_of_birth: DF.Date | None
		description: DF.Text
		external_reference: DF.Data
		learning_response: DF.Literal[
			"", "PSII", "After Action Review", "SWARM", "MDT review", "Thematic review", "None"
		]
		legal_hold: DF.Check
		location: DF.Data | None
		nhs_number: DF.Data | None
		occurred_on: DF.Date
		patient: DF.Link | None
		patient_deceased: DF.Check
		patient_name: DF.Data | None
		physical_harm: DF.Literal["", "None", "Low", "Moderate", "Severe", "Fatal"]
		psychological_harm: DF.Literal["", "None", "Low", "Moderate", "Severe"]
		reported_on: DF.Date
		service_area: DF.Link | None
		status: DF.Literal["Reported", "Under Review", "Learning Response", "Closed"]

	# end: auto-generated types
	def validate(self):
		if getdate(self.occurred_on) > getdate(self.reported_on):
			frappe.throw(_("An incident cannot be reported before it occurred."))
		if getdate(self.reported_on) > getdate(today()):
			frappe.throw(_("The reported date cannot be in the future."))

	def on_update(self):
		if harm_suggests_candour(self.physical_harm, self.psychological_harm):
			candour.ensure_assessment(incident=self)
