# Copyright (c) 2026, JLC developers. License: MIT.

import frappe
from frappe.model.document import Document


class ComplaintAspect(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		detail: DF.SmallText | None
		finding: DF.SmallText | None
		outcome: DF.Literal["", "Upheld", "Partially Upheld", "Not Upheld"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		service_area: DF.Link
		staff_group: DF.Link | None
		subject_area: DF.Link
	# end: auto-generated types
	pass


def on_doctype_update():
	"""The governance reports count complaints by the KO41a masters their aspects name (ko41a.py,
	triangulation.py): an index covering those joins answers them from the index alone."""
	frappe.db.add_index(
		"Complaint Aspect", ["parent", "parenttype", "service_area", "subject_area", "staff_group"]
	)
