# Copyright (c) 2026, JLC developers. License: MIT.
"""Claim Finance: a claim's damages and costs, apart from the claim so that only their readers can query them."""

import frappe
from frappe import _
from frappe.model.document import Document


class ClaimFinance(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		claim: DF.Link
		claimant_costs_paid: DF.Currency
		damages_paid: DF.Currency
		damages_reserve: DF.Currency
		defence_costs_paid: DF.Currency
	# end: auto-generated types

	def validate(self):
		for fieldname in ("damages_reserve", "damages_paid", "claimant_costs_paid", "defence_costs_paid"):
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))))
