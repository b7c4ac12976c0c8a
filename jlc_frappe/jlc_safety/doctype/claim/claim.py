# Copyright (c) 2026, JLC developers. License: MIT.
"""Claim: a claim notified by NHS Resolution, linked to incidents and complaints for triangulation."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe.identity import HoldsPeople


class Claim(HoldsPeople, Document, doctype="Claim"):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.linked_complaint.linked_complaint import LinkedComplaint
		from jlc_frappe.jlc_safety.doctype.linked_incident.linked_incident import LinkedIncident

		anonymised_on: DF.Date | None
		claim_type: DF.Literal[
			"Clinical negligence", "Employer's liability", "Public liability", "Property", "Other"
		]
		claimant: DF.Link | None
		claimant_name: DF.Data | None
		closed_on: DF.Date | None
		complaints: DF.Table[LinkedComplaint]
		description: DF.Text | None
		external_reference: DF.Data
		incident_date: DF.Date | None
		incidents: DF.Table[LinkedIncident]
		legal_hold: DF.Check
		nhs_number: DF.Data | None
		notified_on: DF.Date
		patient: DF.Link | None
		patient_name: DF.Data | None
		scheme: DF.Literal["CNST", "LTPS", "PES", "ELS", "Existing Liabilities (other)", "Other"]
		service_area: DF.Link | None
		status: DF.Literal["Open", "Litigation", "Settled", "Closed - no payment", "Withdrawn"]

	# end: auto-generated types
	def validate(self):
		if self.incident_date and getdate(self.incident_date) > getdate(self.notified_on):
			frappe.throw(_("A claim cannot be notified before the incident it is about."))

	def on_trash(self):
		# the finances are part of the claim; whoever may delete the claim deletes them with it
		frappe.delete_doc(
			"Claim Finance", self.name, ignore_missing=True, ignore_permissions=True, delete_permanently=True
		)
