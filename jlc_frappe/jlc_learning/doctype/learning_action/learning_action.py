# Copyright (c) 2026, JLC developers. License: MIT.
"""Learning Action: a change made because of what complaints (and later incidents and claims) taught us."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from jlc_frappe import deadline_status
from jlc_frappe.date_changes import apply_date_change
from jlc_frappe.deadline_status import set_deadline_fields
from jlc_frappe.doc_changes import changed_fields
from jlc_frappe.jlc_learning import learning_lifecycle as lifecycle
from jlc_frappe.jlc_learning.learning_sources import all_sources_readable, people_named, validate_sources
from jlc_frappe.rules.redaction import describe, find_identifiers
from jlc_frappe.translation import translate

PUBLIC_FIELDS = {"share_externally", "public_summary"}
# What a shared action publishes (the annual report, the learning page): checked for identifiable data.
PUBLISHED_FIELDS = ("title", "public_summary", "impact_result")


class LearningAction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_learning.doctype.learning_action_due_change.learning_action_due_change import (
			LearningActionDueChange,
		)
		from jlc_frappe.jlc_learning.doctype.learning_action_source.learning_action_source import (
			LearningActionSource,
		)

		action_owner: DF.Link
		agreed_by: DF.Link | None
		agreed_on: DF.Date | None
		cancellation_reason: DF.SmallText | None
		completed_on: DF.Date | None
		description: DF.Text
		due_date: DF.Date
		due_date_changes: DF.Table[LearningActionDueChange]
		due_status: DF.Literal["", "On track", "Due soon", "Overdue", "Met", "Missed"]
		evidence: DF.Text | None
		impact_measure: DF.SmallText | None
		impact_result: DF.SmallText | None
		not_effective_count: DF.Int
		priority: DF.Literal["Low", "Medium", "High"]
		public_summary: DF.Text | None
		service_area: DF.Link | None
		share_externally: DF.Check
		sources: DF.Table[LearningActionSource]
		theme: DF.Link | None
		title: DF.Data
		verified_by: DF.Link | None
		verified_on: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def onload(self):
		self.set_onload("jlc_headline", deadline_status.headline(self))

	def validate(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state in lifecycle.RECORD_STATES:
			if set(changed_fields(self, before)) - PUBLIC_FIELDS:
				frappe.throw(
					_("A {0} learning action is a record: only what is shared publicly can change.").format(
						_(before.workflow_state)
					)
				)
		validate_sources(self)
		how = _("Use 'Change due date' to move the due date, with the reason.")
		apply_date_change(self, before, "due_date", "due_date_changes", how, self.check_due_change)
		if before and self.workflow_state and before.workflow_state != self.workflow_state:
			lifecycle.apply_move(self, before.workflow_state, self.workflow_state)
		self.check_public_summary(throw=True)
		set_deadline_fields(self)

	def check_due_change(self, row, old_date):
		if not (row.reason or "").strip():
			frappe.throw(_("Give the reason the due date moves."))
		if getdate(row.new_date) == old_date:
			frappe.throw(_("The new due date is the date already agreed."))
		if getdate(row.new_date) < getdate(today()):
			frappe.throw(_("The new due date cannot be in the past."))

	@frappe.whitelist()
	def change_due_date(self, new_date: str, reason: str):
		"""Move the due date, with the reason (the form's button, or the REST API)."""
		self.check_permission("write")
		self.append("due_date_changes", {"new_date": new_date, "reason": reason})
		self.save()

	@frappe.whitelist()
	def check_public_summary(self, throw: bool = False) -> list[str]:
		"""What identifiable data the published fields (title, public summary, impact) contain: none, to share.

		The check looks for the names of everyone on the action's sources, so it is run only by those who may read
		them all: otherwise it would tell whether a guessed name is on a record the caller may not read."""
		if throw and not self.share_externally:
			return []
		if not self.flags.ignore_permissions and not all_sources_readable(self):
			frappe.throw(
				_(
					"This action answers records you may not read: a Complaints Manager checks and shares its "
					"public summary."
				),
				frappe.PermissionError,
			)
		published = "\n".join(self.get(field) or "" for field in PUBLISHED_FIELDS)
		findings = [translate(f) for f in describe(find_identifiers(published, people_named(self)))]
		if throw and self.share_externally and findings:
			frappe.throw(
				_(
					"The action cannot be shared while its title, public summary or impact contains: {0}"
				).format("; ".join(findings)),
				title=_("Identifiable data"),
			)
		return findings
