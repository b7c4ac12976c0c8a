# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class OmbudsmanRecommendation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completed_on: DF.Date | None
		due_date: DF.Date | None
		evidence: DF.SmallText | None
		kind: DF.Literal["Apology", "Financial remedy", "Service improvement", "Action plan", "Other"]
		learning_action: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recommendation: DF.SmallText
		status: DF.Literal["Open", "Completed"]
	# end: auto-generated types
	pass
