# Copyright (c) 2026, JLC developers. License: MIT.
"""Candour Notification: the duty of candour for one incident or complaint (regulation 20)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from jlc_frappe import deadline_status
from jlc_frappe.deadline_status import set_deadline_fields
from jlc_frappe.identity import HoldsPeople
from jlc_frappe.jlc_safety import candour
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules.candour import candour_contractual_due


class CandourNotification(HoldsPeople, Document, doctype="Candour Notification"):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_safety.doctype.candour_contact_attempt.candour_contact_attempt import (
			CandourContactAttempt,
		)

		acting_basis: DF.Literal[
			"", "Patient died", "Under 16 and not competent", "16 or over and lacks capacity"
		]
		anonymised_on: DF.Date | None
		apology_given: DF.Check
		assessed_by: DF.Link | None
		assessed_on: DF.Date | None
		assessment_rationale: DF.Text | None
		closed_on: DF.Date | None
		complaint: DF.Link | None
		contact_attempts: DF.Table[CandourContactAttempt]
		contractual_due: DF.Date | None
		contractual_status: DF.Literal["", "On track", "Due soon", "Overdue", "Met", "Missed"]
		date_of_birth: DF.Date | None
		declined_reason: DF.SmallText | None
		facts_account: DF.Text | None
		facts_account_given: DF.Check
		findings_shared_on: DF.Date | None
		further_enquiries: DF.Text | None
		further_enquiries_explained: DF.Check
		harm_category: DF.Literal["", "Death", "Severe Harm", "Moderate Harm", "Prolonged Psychological Harm"]
		incident: DF.Link | None
		legal_hold: DF.Check
		notifiable: DF.Literal["", "Yes", "No"]
		notified_by: DF.Link | None
		notified_in_person_on: DF.Date | None
		patient: DF.Link | None
		patient_deceased: DF.Check
		patient_name: DF.Data | None
		relevant_person: DF.Link | None
		relevant_person_contact: DF.SmallText | None
		relevant_person_name: DF.Data | None
		reported_on: DF.Date
		support_offered: DF.SmallText | None
		workflow_state: DF.Link | None
		written_apology_given: DF.Check
		written_notification_on: DF.Date | None

	# end: auto-generated types
	def onload(self):
		super().onload()
		self.set_onload("jlc_headline", deadline_status.headline(self))

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
		set_deadline_fields(self)
