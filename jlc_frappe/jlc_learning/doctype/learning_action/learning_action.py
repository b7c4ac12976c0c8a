# Copyright (c) 2026, JLC developers. License: MIT.
"""Learning Action: a change made because of what complaints (and later incidents and claims) taught us."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.deadline_status import status_on_save
from jlc_frappe.doc_changes import changed_fields
from jlc_frappe.jlc_learning import learning_lifecycle as lifecycle
from jlc_frappe.jlc_learning.learning_sources import people_named, validate_sources
from jlc_frappe.rules.redaction import describe, find_identifiers

PUBLIC_FIELDS = {"share_externally", "public_summary"}


class LearningAction(Document):
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
		if before and self.workflow_state and before.workflow_state != self.workflow_state:
			lifecycle.apply_move(self, before.workflow_state, self.workflow_state)
		self.check_public_summary(throw=True)
		self.due_status = status_on_save(self, "due_date", "completed_on")

	@frappe.whitelist()
	def check_public_summary(self, throw: bool = False) -> list[str]:
		"""What identifiable data the public summary contains (it must contain none to be shared)."""
		findings = describe(find_identifiers(self.public_summary, people_named(self)))
		if throw and self.share_externally and findings:
			frappe.throw(
				_("The public summary cannot be shared while it contains: {0}").format("; ".join(findings)),
				title=_("Identifiable data"),
			)
		return findings
