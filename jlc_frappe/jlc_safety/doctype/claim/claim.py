# Copyright (c) 2026, JLC developers. License: MIT.
"""Claim: a claim notified by NHS Resolution, linked to incidents and complaints for triangulation."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe.field_checks import validate_nhs_number


class Claim(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.linked_complaint.linked_complaint import LinkedComplaint
		from jlc_frappe.jlc_safety.doctype.linked_incident.linked_incident import LinkedIncident

		claim_type: DF.Literal[
			"Clinical negligence", "Employer's liability", "Public liability", "Property", "Other"
		]
		claimant_costs_paid: DF.Currency
		claimant_name: DF.Data | None
		complaints: DF.Table[LinkedComplaint]
		damages_paid: DF.Currency
		damages_reserve: DF.Currency
		defence_costs_paid: DF.Currency
		description: DF.Text | None
		external_reference: DF.Data
		incident_date: DF.Date | None
		incidents: DF.Table[LinkedIncident]
		nhs_number: DF.Data | None
		notified_on: DF.Date
		patient_name: DF.Data | None
		scheme: DF.Literal["CNST", "LTPS", "PES", "ELS", "Existing Liabilities (other)", "Other"]
		service_area: DF.Link | None
		status: DF.Literal["Open", "Litigation", "Settled", "Closed - no payment", "Withdrawn"]

	# end: auto-generated types
	def validate(self):
		if self.incident_date and getdate(self.incident_date) > getdate(self.notified_on):
			frappe.throw(_("A claim cannot be notified before the incident it is about."))
		validate_nhs_number(self)
