# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class PanelMeetingCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		decisions: DF.Text | None
		discussion: DF.Text | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		why_selected: DF.SmallText | None
	# end: auto-generated types
	pass
