# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class LearningTheme(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active: DF.Check
		description: DF.SmallText | None
		theme: DF.Data
	# end: auto-generated types
	pass
