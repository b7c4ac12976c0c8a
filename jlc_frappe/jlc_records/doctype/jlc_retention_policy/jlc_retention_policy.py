# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Retention Policy: how long a record type is kept, from which of its dates, before the weekly job anonymises
it (jlc_frappe/jlc_records/retention.py). One enabled policy per record type; none enabled stops disposal of the
type. The rules are jlc_frappe.rules.retention."""

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.rules import retention as rules
from jlc_frappe.translation import translate

DOCTYPE = "JLC Retention Policy"


class JLCRetentionPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		basis: DF.SmallText | None
		document_type: DF.Link
		enabled: DF.Check
		period_years: DF.Int
		trigger_field: DF.Autocomplete
	# end: auto-generated types

	def validate(self):
		self.trigger_field = (self.trigger_field or "").strip()
		problems = rules.trigger_problems(
			self.document_type, self.trigger_field, date_fields(self.document_type), self.period_years
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Check the policy"))
		if self.enabled and frappe.db.exists(
			DOCTYPE, {"document_type": self.document_type, "enabled": 1, "name": ("!=", self.name)}
		):
			frappe.throw(
				_("{0} already has an enabled retention policy: disable it first.").format(
					_(self.document_type)
				)
			)

	def onload(self):
		if self.document_type in rules.RETAINED_DOCTYPES:
			self.set_onload("jlc_what_is_cleared", what_is_cleared(self.document_type))


def date_fields(doctype: str) -> dict[str, str]:
	"""{fieldname: label} of the Date and Datetime fields of `doctype` (those a period may run from)."""
	if not doctype or not frappe.db.exists("DocType", doctype):
		return {}
	return {
		df.fieldname: df.label or df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in ("Date", "Datetime") and not df.get("is_virtual")
	}


def what_is_cleared(doctype: str) -> dict[str, list[str]]:
	"""{table label: [field labels]} anonymising clears or replaces, for the policy's form."""
	from jlc_frappe.jlc_records.anonymise import table_plans

	shown = {}
	for table, plan in table_plans(doctype).items():
		meta = frappe.get_meta(table)
		labels = [_(meta.get_label(f)) for f in plan.changed()]
		if labels:
			shown[_(table)] = labels
	return shown


@frappe.whitelist(methods=["GET"])
def trigger_choices(doctype: str) -> dict[str, str]:
	"""The date fields a policy of `doctype` may run from (the form offers them)."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	return date_fields(doctype)
