# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class PanelMeetingActionReview(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action_title: DF.Data | None
		comment: DF.SmallText | None
		learning_action: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		status_at_meeting: DF.Data | None
	# end: auto-generated types
	pass
