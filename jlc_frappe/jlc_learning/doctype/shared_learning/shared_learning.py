# Copyright (c) 2026, JLC developers. License: MIT.
"""Shared Learning: what another organisation learned, sent to this site acting as a hub (an integrated care
board's, say) by `jlc-sync share-learning`, and upserted on (source organisation, source action).

It holds no one's identity: the sender checks the published text before sending, and the hub checks it again
here, so text naming a patient never lands on a site where every desk user reads it."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.permissions import SYSTEM_MANAGER, has_role
from jlc_frappe.rules.redaction import describe, find_identifiers
from jlc_frappe.translation import translate

KEY_FIELDS = ("source_organisation", "source_action")
PUBLISHED_FIELDS = ("title", "public_summary", "actions_taken", "impact_result")


class SharedLearning(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actions_taken: DF.SmallText | None
		impact_result: DF.SmallText | None
		public_summary: DF.Text
		service_area: DF.Data | None
		shared_on: DF.Date | None
		source_action: DF.Data
		source_organisation: DF.Data
		theme: DF.Data | None
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		for field in KEY_FIELDS:
			self.set(field, " ".join((self.get(field) or "").split()))
		self.check_sharer()
		published = "\n".join(self.get(field) or "" for field in PUBLISHED_FIELDS)
		findings = [translate(f) for f in describe(find_identifiers(published))]
		if findings:
			frappe.throw(
				_("Shared learning cannot hold identifiable data; its text contains: {0}").format(
					"; ".join(findings)
				),
				title=_("Identifiable data"),
			)

	def check_sharer(self):
		"""What an organisation shared is changed only by the key that shared it (or a System Manager): another
		organisation's key cannot rewrite it by naming the same source."""
		if self.is_new() or self.owner == frappe.session.user:
			return
		if not has_role(SYSTEM_MANAGER):  # Administrator included
			frappe.throw(
				_("Only the account that shared this learning may change it."), frappe.PermissionError
			)


def on_doctype_update():
	"""One row per source action of an organisation, kept by the database whatever runs at the same time."""
	frappe.db.add_unique("Shared Learning", KEY_FIELDS, constraint_name="unique_shared_learning")
