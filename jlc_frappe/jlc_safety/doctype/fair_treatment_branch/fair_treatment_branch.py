# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class FairTreatmentBranch(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer: DF.Data
		next_step: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recommendation: DF.SmallText | None
		step_id: DF.Data
	# end: auto-generated types
	pass
