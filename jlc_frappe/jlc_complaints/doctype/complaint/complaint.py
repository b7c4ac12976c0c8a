# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaint: an NHS complaint from receipt to closed response (SI 2009/309)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from jlc_frappe import identity, permissions
from jlc_frappe.date_changes import apply_date_change
from jlc_frappe.doc_changes import changed_fields
from jlc_frappe.jlc_complaints import complaint_deadlines as deadlines
from jlc_frappe.jlc_complaints import complaint_lifecycle as lifecycle
from jlc_frappe.jlc_complaints import complaint_people as people
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines as deadline_rules
from jlc_frappe.rules import time_limit
from jlc_frappe.translation import translate

SERIOUS_SEVERITIES = ("High", "Extreme")


class Complaint(identity.HoldsPeople, Document, doctype="Complaint"):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_complaints.doctype.complaint_aspect.complaint_aspect import ComplaintAspect
		from jlc_frappe.jlc_complaints.doctype.complaint_response_due_change.complaint_response_due_change import (
			ComplaintResponseDueChange,
		)
		from jlc_frappe.jlc_complaints.doctype.complaint_staff_involved.complaint_staff_involved import (
			ComplaintStaffInvolved,
		)

		acknowledged_on: DF.Date | None
		acknowledgement_due: DF.Date | None
		acknowledgement_method: DF.Literal["", "Written", "Oral"]
		acknowledgement_status: DF.Literal["", "On track", "Due soon", "Overdue", "Met", "Missed"]
		age_band: DF.Data | None
		anonymised_on: DF.Date | None
		aspects: DF.Table[ComplaintAspect]
		became_aware_on: DF.Date | None
		best_interests_confirmed: DF.Check
		best_interests_explanation: DF.SmallText | None
		closed_on: DF.Date | None
		complainant: DF.Link | None
		complainant_address: DF.SmallText | None
		complainant_email: DF.Data | None
		complainant_is_patient: DF.Check
		complainant_name: DF.Data
		complainant_phone: DF.Data | None
		consent_status: DF.Literal["Not Required", "Pending", "Obtained", "Refused"]
		date_of_birth: DF.Date | None
		delay_good_reason: DF.SmallText | None
		description: DF.Text
		discussion_offered: DF.Check
		draft_response: DF.TextEditor | None
		escalated_on: DF.Datetime | None
		escalated_to: DF.SmallText | None
		event_date: DF.Date | None
		exclusion_explained_on: DF.Date | None
		fair_investigation_reason: DF.SmallText | None
		handler: DF.Link | None
		learning_summary: DF.Text | None
		legal_hold: DF.Check
		multi_organisation: DF.Check
		nhs_number: DF.Data | None
		not_under_regulations_reason: DF.Literal[
			"",
			"Oral complaint resolved by the next working day",
			"Employee complaint about their employment",
			"Already investigated",
			"Freedom of Information request",
			"Complaint from another responsible body",
		]
		ombudsman_outcome: DF.Data | None
		ombudsman_referral: DF.Link | None
		ombudsman_rights_given: DF.Check
		ombudsman_stage: DF.Data | None
		other_organisations: DF.SmallText | None
		outcome: DF.Literal["", "Upheld", "Partially Upheld", "Not Upheld"]
		outcome_sought: DF.SmallText | None
		patient: DF.Link | None
		patient_deceased: DF.Check
		patient_name: DF.Data | None
		persistent_contact_policy: DF.Check
		possible_significant_harm: DF.Check
		received_on: DF.Date
		received_via: DF.Literal[
			"Letter", "Email", "Phone", "In Person", "Web Form", "MP", "Solicitor", "Other"
		]
		reopened_count: DF.Int
		representative_basis: DF.Literal[
			"", "Patient Died", "Child", "Lacks Capacity", "Physically Unable", "Asked To Act"
		]
		response_due: DF.Date | None
		response_due_changes: DF.Table[ComplaintResponseDueChange]
		response_sent_on: DF.Date | None
		response_status: DF.Literal["", "On track", "Due soon", "Overdue", "Met", "Missed"]
		route: DF.Literal["Early Resolution", "Investigation"]
		severity: DF.Literal["", "Low", "Moderate", "High", "Extreme"]
		signed_off_by: DF.Link | None
		signed_off_on: DF.Date | None
		signed_off_response: DF.TextEditor | None
		staff_involved: DF.Table[ComplaintStaffInvolved]
		statutory_response_limit: DF.Date | None
		summary: DF.Data
		time_limit_expires_on: DF.Date | None
		time_limit_status: DF.Literal["", "In time", "Late", "Late - waived", "Not known"]
		time_limit_waived: DF.Check
		timescale_preset: DF.Literal[None]
		withdrawal_reason: DF.SmallText | None
		withdrawn_on: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		self.check_content_change(before)
		self.validate_dates(before)
		self.validate_patient()
		self.validate_representative()
		self.validate_handler()
		self.validate_time_limit_waiver()
		self.set_timescale_preset(before)
		self.check_response_due_change(before)
		deadlines.set_time_limit(self)
		deadlines.set_age_band(self)
		self.apply_workflow_move(before)
		if deadlines.response_due_follows_preset(self) and self.preset_inputs_changed(before):
			self.response_due = deadlines.default_response_due(self)
		deadlines.set_deadlines(self)
		self.escalate_if_serious()

	def onload(self):
		super().onload()
		self.set_onload("jlc_headline", deadlines.headline(self))

	def on_update(self):
		people.notify_escalation(self)
		people.assign_handler(self)

	def on_trash(self):
		permissions.check_statutory_delete(self)

	# --- who may change what -------------------------------------------------------------------------------

	def check_content_change(self, before):
		changed = changed_fields(self, before)
		if not changed:
			return
		if before.workflow_state == lifecycle.CLOSED and self.workflow_state == lifecycle.CLOSED:
			frappe.throw(
				_("This complaint is closed and read-only. A Complaints Manager can reopen it."),
				title=_("Closed complaint"),
			)
		if not permissions.can_edit_complaint_content():
			frappe.throw(
				_("You can act on this complaint through its workflow, but not change its details."),
				frappe.PermissionError,
			)

	def apply_workflow_move(self, before):
		old_state = before.workflow_state if before else None
		if old_state and self.workflow_state and old_state != self.workflow_state:
			lifecycle.apply_move(self, old_state, self.workflow_state)

	# --- field rules ---------------------------------------------------------------------------------------

	def validate_dates(self, before):
		received = getdate(self.received_on)
		if received > getdate(today()):
			frappe.throw(_("The date received cannot be in the future."))
		if before and getdate(before.received_on) != received and before.workflow_state != lifecycle.RECEIVED:
			frappe.throw(
				_(
					"The date received starts the statutory clock: it cannot change once the complaint "
					"has been acknowledged."
				)
			)
		for fieldname in ("acknowledged_on", "response_sent_on", "event_date", "became_aware_on"):
			value = self.get(fieldname)
			if value and getdate(value) > getdate(today()):
				frappe.throw(_("{0} cannot be in the future.").format(_(self.meta.get_label(fieldname))))
		for fieldname in ("acknowledged_on", "response_sent_on"):
			value = self.get(fieldname)
			if value and getdate(value) < received:
				frappe.throw(
					_("{0} cannot be before the complaint was received.").format(
						_(self.meta.get_label(fieldname))
					)
				)

	def validate_patient(self):
		if not self.complainant:
			frappe.throw(_("Give the complainant's name."))
		birth = identity.value(self, "date_of_birth")
		if birth and getdate(birth) > getdate(self.received_on):
			frappe.throw(_("The patient's date of birth cannot be after the complaint was received."))

	def may_change_people(self) -> bool:
		"""Who a complaint is about changes with its content: by its editors, while it is open."""
		closed = frappe.db.get_value("Complaint", self.name, "workflow_state") == lifecycle.CLOSED
		return not closed and permissions.can_edit_complaint_content() and permissions.reads_identity(self)

	def validate_handler(self):
		if self.handler and self.handler in {row.user for row in self.staff_involved}:
			frappe.throw(
				_("{0} is named as staff involved in this complaint, so cannot handle it.").format(
					frappe.utils.get_fullname(self.handler)
				)
			)

	def validate_representative(self):
		if self.complainant_is_patient:
			self.representative_basis = None
			return
		if (
			self.representative_basis in ("Asked To Act", "Physically Unable")
			and self.consent_status == "Not Required"
		):
			self.consent_status = "Pending"
			frappe.msgprint(
				_(
					"Consent status set to Pending: the patient's consent is needed before their "
					"information is shared with a representative."
				),
				alert=True,
			)

	def validate_time_limit_waiver(self):
		for problem in time_limit.became_aware_problems(
			getdate(self.event_date) if self.event_date else None,
			getdate(self.became_aware_on) if self.became_aware_on else None,
		):
			frappe.throw(translate(problem))
		problems = time_limit.waiver_problems(
			bool(self.time_limit_waived), self.delay_good_reason, self.fair_investigation_reason
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Time limit waiver"))

	# --- response timescale and agreed date ----------------------------------------------------------------

	def set_timescale_preset(self, before):
		presets = jlc_settings.preset_working_days()
		chosen_now = before and self.timescale_preset != before.timescale_preset
		inputs_changed = not before or (self.severity, self.multi_organisation) != (
			before.severity,
			before.multi_organisation,
		)
		if not self.timescale_preset or (inputs_changed and not chosen_now):
			self.timescale_preset = jlc_settings.preset_for(self.severity, bool(self.multi_organisation))
		if self.timescale_preset not in presets:
			frappe.throw(_("{0} is not a timescale preset in JLC Settings.").format(self.timescale_preset))

	def preset_inputs_changed(self, before) -> bool:
		return bool(before) and (self.timescale_preset, str(self.received_on)) != (
			before.timescale_preset,
			str(before.received_on),
		)

	def check_response_due_change(self, before):
		"""Reg 14: every change of the agreed date is kept, with when it was agreed and why."""
		if not before and self.response_due and getdate(self.response_due) < getdate(self.received_on):
			frappe.throw(_("The response date cannot be before the complaint was received."))
		how = _(
			"Use 'Change response date' to change the agreed response date, with the date it "
			"was agreed with the complainant and the reason."
		)
		apply_date_change(self, before, "response_due", "response_due_changes", how, self.check_agreed_change)

	def check_agreed_change(self, row, old_due):
		problems = deadline_rules.validate_response_due_change(
			getdate(self.received_on),
			old_due,
			getdate(row.new_date),
			getdate(row.agreed_with_complainant_on) if row.agreed_with_complainant_on else None,
			getdate(today()),
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Response date change"))

	@frappe.whitelist()
	def change_response_due(self, new_date: str, agreed_on: str, reason: str):
		"""Record a change of the agreed response date (from the form's button or the REST API)."""
		self.check_permission("write")
		self.append(
			"response_due_changes",
			{"new_date": new_date, "agreed_with_complainant_on": agreed_on, "reason": reason},
		)
		self.save()

	# --- escalation ----------------------------------------------------------------------------------------

	def escalate_if_serious(self):
		if self.severity in SERIOUS_SEVERITIES and not self.escalated_on:
			leaders = people.senior_leaders_to_notify(self)
			self.escalated_on = now_datetime()
			self.escalated_to = "\n".join(leaders)
			self.flags.escalate_to = leaders
