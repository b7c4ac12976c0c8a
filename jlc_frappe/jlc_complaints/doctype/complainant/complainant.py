# Copyright (c) 2026, JLC developers. License: MIT.
"""Complainant: a person who complains, so that repeat complainants are visible."""

from frappe.model.document import Document


class Complainant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		email: DF.Data | None
		full_name: DF.Data
		persistent_policy_reason: DF.SmallText | None
		persistent_policy_review_on: DF.Date | None
		phone: DF.Data | None
		unreasonably_persistent: DF.Check
	# end: auto-generated types
	pass
