# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaints Panel Meeting: senior review of complaints, the figures and the learning, with minutes."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, get_fullname, getdate, now_datetime, today

from jlc_frappe.doc_changes import changed_fields
from jlc_frappe.jlc_learning.panel_figures import figures
from jlc_frappe.permissions import SENIOR_LEADER, has_role

SCHEDULED, HELD, MINUTES_APPROVED = "Scheduled", "Held", "Minutes Approved"
CONFIDENTIAL = "Panel Meeting Confidential Items"
ALLOWED_MOVES = {(SCHEDULED, HELD), (HELD, MINUTES_APPROVED)}


class ComplaintsPanelMeeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_learning.doctype.panel_meeting_action_review.panel_meeting_action_review import (
			PanelMeetingActionReview,
		)
		from jlc_frappe.jlc_learning.doctype.panel_meeting_attendee.panel_meeting_attendee import (
			PanelMeetingAttendee,
		)
		from jlc_frappe.jlc_learning.doctype.panel_meeting_case.panel_meeting_case import PanelMeetingCase

		actions_reviewed: DF.Table[PanelMeetingActionReview]
		attendees: DF.Table[PanelMeetingAttendee]
		cases: DF.Table[PanelMeetingCase]
		chair: DF.Link
		meeting_date: DF.Date
		minutes: DF.TextEditor | None
		minutes_approved_by: DF.Link | None
		minutes_approved_on: DF.Date | None
		period_from: DF.Date
		period_to: DF.Date
		snap_closed_not_upheld: DF.Int
		snap_closed_partially_upheld: DF.Int
		snap_closed_upheld: DF.Int
		snap_open_learning_actions: DF.Int
		snap_overdue_acknowledgements: DF.Int
		snap_overdue_learning_actions: DF.Int
		snap_overdue_responses: DF.Int
		snap_received: DF.Int
		snap_resolved_early: DF.Int
		snap_under_investigation: DF.Int
		snapshot_taken_on: DF.Datetime | None
		title: DF.Data | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state == MINUTES_APPROVED and changed_fields(self, before):
			frappe.throw(_("The minutes are approved: the meeting record cannot change."))
		if getdate(self.period_from) > getdate(self.period_to):
			frappe.throw(_("The review period must start before it ends."))
		self.title = _("Panel {0}, chaired by {1}").format(
			formatdate(self.meeting_date), get_fullname(self.chair)
		)
		if not has_role(SENIOR_LEADER, user=self.chair):
			frappe.throw(_("The chair must be a Senior Leader."))
		users = [row.user for row in self.attendees]
		if len(users) != len(set(users)):
			frappe.throw(_("An attendee is listed twice."))
		if before and self.workflow_state and before.workflow_state != self.workflow_state:
			self.apply_move(before.workflow_state, self.workflow_state)
		if self.workflow_state == HELD:
			self.record_action_statuses()

	def on_trash(self):
		# the confidential items belong to this meeting and go with it
		frappe.delete_doc(
			CONFIDENTIAL, self.name, ignore_missing=True, ignore_permissions=True, delete_permanently=True
		)

	def apply_move(self, old_state, new_state):
		if (old_state, new_state) not in ALLOWED_MOVES:
			frappe.throw(_("A panel meeting cannot move from {0} to {1}.").format(_(old_state), _(new_state)))
		if new_state == HELD:
			self.take_snapshot()
		if new_state == MINUTES_APPROVED:
			if frappe.session.user != self.chair:
				frappe.throw(_("Only the chair of the meeting approves its minutes."))
			self.minutes_approved_by, self.minutes_approved_on = frappe.session.user, today()

	def take_snapshot(self):
		"""Freeze the figures the panel reviews; they are never worked out again for this meeting."""
		for key, value in figures(self.period_from, self.period_to).items():
			self.set("snap_" + key, value)
		self.snapshot_taken_on = now_datetime()

	def record_action_statuses(self):
		names = [row.learning_action for row in self.actions_reviewed if not row.status_at_meeting]
		states = (
			dict(
				frappe.get_all(
					"Learning Action",
					filters={"name": ("in", names)},
					fields=["name", "workflow_state"],
					as_list=True,
				)
			)
			if names
			else {}
		)
		for row in self.actions_reviewed:
			row.status_at_meeting = row.status_at_meeting or states.get(row.learning_action)
