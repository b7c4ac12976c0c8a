# Copyright (c) 2026, JLC developers. License: MIT.
"""Ombudsman Referral: a complaint the PHSO is looking at, its decision and its recommendations."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, getdate, today

from jlc_frappe.permissions import check_statutory_delete

STAGES = ("Enquiry", "Assessment", "Investigation", "Decision")
DECISION = "Decision"
SERVICE_IMPROVEMENT = "Service improvement"


class OmbudsmanReferral(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_complaints.doctype.ombudsman_recommendation.ombudsman_recommendation import (
			OmbudsmanRecommendation,
		)

		complaint: DF.Link
		decision_on: DF.Date | None
		notes: DF.Text | None
		outcome: DF.Literal["", "Upheld", "Partly Upheld", "Not Upheld", "Not Investigated"]
		phso_reference: DF.Data | None
		recommendations: DF.Table[OmbudsmanRecommendation]
		referred_on: DF.Date
		stage: DF.Literal["Enquiry", "Assessment", "Investigation", "Decision"]

	# end: auto-generated types
	def validate(self):
		before = self.get_doc_before_save()
		if before and STAGES.index(self.stage) < STAGES.index(before.stage):
			frappe.throw(
				_("The referral cannot go back from {0} to {1}.").format(_(before.stage), _(self.stage))
			)
		if self.stage != DECISION and (self.outcome or self.decision_on):
			frappe.throw(_("The outcome and decision date are recorded only at the Decision stage."))
		if self.stage == DECISION and not (self.outcome and self.decision_on):
			frappe.throw(_("At the Decision stage, record the outcome and the decision date."))
		if self.decision_on and getdate(self.decision_on) < getdate(self.referred_on):
			frappe.throw(_("The decision cannot come before the referral."))
		for row in self.recommendations:
			if row.status == "Completed":
				if not (row.evidence or "").strip():
					frappe.throw(_("Recommendation {0}: give the evidence it was done.").format(row.idx))
				row.completed_on = row.completed_on or today()

	def on_update(self):
		self.make_learning_actions()
		self.show_on_complaint()

	def on_trash(self):
		check_statutory_delete(self)

	def make_learning_actions(self):
		"""Each service-improvement recommendation becomes a learning action with this referral as source."""
		owner = frappe.db.get_value("Complaint", self.complaint, "handler") or frappe.session.user
		for row in self.recommendations:
			if row.kind != SERVICE_IMPROVEMENT or row.learning_action:
				continue
			action = frappe.get_doc(
				{
					"doctype": "Learning Action",
					"title": _("Ombudsman recommendation: {0}").format(row.recommendation[:100]),
					"description": row.recommendation,
					"action_owner": owner,
					"due_date": row.due_date or add_months(today(), 3),
					"sources": [{"source_doctype": self.doctype, "source_name": self.name}],
				}
			).insert(ignore_permissions=True)  # made by the system for whoever records the recommendation
			row.db_set("learning_action", action.name)

	def show_on_complaint(self):
		latest = frappe.get_all(
			"Ombudsman Referral",
			filters={"complaint": self.complaint},
			fields=["name", "stage", "outcome"],
			order_by="referred_on desc, creation desc",
			limit=1,
		)[0]
		frappe.db.set_value(
			"Complaint",
			self.complaint,
			{
				"ombudsman_referral": latest.name,
				"ombudsman_stage": _(latest.stage),
				"ombudsman_outcome": _(latest.outcome) if latest.outcome else None,
			},
			update_modified=False,
		)
