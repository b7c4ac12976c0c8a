"""The few places where Frappe versions differ or fall short, so the rest of the app need not care.

- JLCTestCase: v16's IntegrationTestCase, or v15's FrappeTestCase.
- guard_field_level_reads(): list queries (frappe.get_list, /api/resource, report view, client.get_value) on
  JLC doctypes never show or filter by fields above the reader's permlevel. Frappe 15 removes restricted
  fields from a query's field list while iterating over it, so a restricted field that follows another one
  survives (patient_name after nhs_number), and it lets a reader filter on a field they may not read (an
  oracle: "which complaint is about NHS number X?"). Installed by the before_request, before_job and
before_tests hooks (once per process).
"""

import frappe
from frappe import _

from jlc_frappe.doc_changes import is_jlc_doctype
from jlc_frappe.permissions import unreadable_fields, virtual_fieldnames

try:  # v16
	from frappe.tests import IntegrationTestCase as JLCTestCase
except ImportError:  # v15
	from frappe.tests.utils import FrappeTestCase as JLCTestCase

__all__ = ["JLCTestCase", "guard_field_level_reads"]


def guard_field_level_reads() -> None:
	from frappe.model.db_query import DatabaseQuery
	from frappe.utils.data import get_filter

	if getattr(DatabaseQuery, "_jlc_guarded", False):
		return
	remove_unreadable = DatabaseQuery.apply_fieldlevel_read_permissions
	prepare_filter = DatabaseQuery.prepare_filter_condition

	def apply_fieldlevel_read_permissions(self):
		remove_unreadable(self)
		if self.as_list or self.flags.ignore_permissions or not is_jlc_doctype(self.doctype):
			return
		while True:  # each pass removes what the last one skipped
			fields = list(self.fields)
			remove_unreadable(self)
			if self.fields == fields:
				break
		virtual = virtual_fieldnames(self.doctype)
		self.fields = [f for f in self.fields if _plain_fieldname(f) not in virtual]

	def prepare_filter_condition(self, f):
		if not self.flags.ignore_permissions and is_jlc_doctype(self.doctype):
			parsed = get_filter(self.doctype, f)
			fieldname, filter_doctype = parsed.fieldname, parsed.doctype or self.doctype
			if is_jlc_doctype(filter_doctype) and fieldname in unreadable_fields(filter_doctype):
				frappe.throw(
					_("You cannot filter {0} by {1}: you may not read that field.").format(
						_(filter_doctype), _(frappe.get_meta(filter_doctype).get_label(fieldname))
					),
					frappe.PermissionError,
				)
		return prepare_filter(self, f)

	DatabaseQuery.apply_fieldlevel_read_permissions = apply_fieldlevel_read_permissions
	DatabaseQuery.prepare_filter_condition = prepare_filter_condition
	DatabaseQuery._jlc_guarded = True


def _plain_fieldname(field: str) -> str:
	"""`tabX`.`name` as alias -> name (what a field expression names when it is a plain column)."""
	column = field.strip().split(" ")[0]
	return column.rsplit(".", 1)[-1].strip("`")
