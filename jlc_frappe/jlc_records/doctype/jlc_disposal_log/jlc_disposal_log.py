# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Disposal Log: what the retention job (jlc_frappe/jlc_records/retention.py) did to a record, when and under
which policy. Written by the job alone (nobody has write permission) and holding no personal data: the record's
name, the policy's terms, the fields cleared and counts of what was removed."""

from frappe.model.document import Document


class JLCDisposalLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal["Anonymised"]
		comments_removed: DF.Int
		communications_removed: DF.Int
		disposed_on: DF.Datetime
		due_on: DF.Date | None
		fields_cleared: DF.SmallText | None
		files_removed: DF.Int
		other_removed: DF.Int
		people_removed: DF.Int
		period_years: DF.Int
		policy: DF.Link | None
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		related_records: DF.SmallText | None
		trigger_date: DF.Date | None
		trigger_field: DF.Data | None
		versions_removed: DF.Int
	# end: auto-generated types

	pass
