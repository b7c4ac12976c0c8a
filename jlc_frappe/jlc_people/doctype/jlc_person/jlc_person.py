# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Person: the identity store. One record per person JLC holds; who may read it: permissions.py."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from jlc_frappe.field_checks import validate_nhs_number


class JLCPerson(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		contact_details: DF.SmallText | None
		date_of_birth: DF.Date | None
		deceased: DF.Check
		email: DF.Data | None
		full_name: DF.Data
		nhs_number: DF.Data | None
		persistent_policy_reason: DF.SmallText | None
		persistent_policy_review_on: DF.Date | None
		phone: DF.Data | None
		unreasonably_persistent: DF.Check
	# end: auto-generated types

	def validate(self):
		self.full_name = " ".join((self.full_name or "").split())
		self.nhs_number = (self.nhs_number or "").strip() or None
		validate_nhs_number(self)
		if self.date_of_birth and getdate(self.date_of_birth) > getdate(today()):
			frappe.throw(_("A date of birth cannot be in the future."))
		if self.unreasonably_persistent and not (self.persistent_policy_reason or "").strip():
			frappe.throw(_("Give the reason the unreasonably persistent contact policy applies."))
