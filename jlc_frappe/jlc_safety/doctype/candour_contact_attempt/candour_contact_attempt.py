# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class CandourContactAttempt(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempted_on: DF.Datetime
		by_user: DF.Link | None
		method: DF.Literal["In person", "Telephone", "Letter", "Email", "Other"]
		outcome: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
