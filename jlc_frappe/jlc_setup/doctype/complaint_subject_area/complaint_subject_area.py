# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document

from jlc_frappe.jlc_setup.ko41a_master import validate_reporting_year


class ComplaintSubjectArea(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active: DF.Check
		code: DF.Data
		description: DF.SmallText | None
		reporting_year: DF.Data
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		validate_reporting_year(self.reporting_year)
