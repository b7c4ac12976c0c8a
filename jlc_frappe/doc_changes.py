"""Which user-editable fields of a document differ from its stored version."""

from frappe.model import no_value_fields, table_fields
from frappe.utils import cint, cstr, flt, getdate

_DATE_TYPES = {"Date", "Datetime"}


def _normal(df, value):
	if df.fieldtype in ("Check", "Int"):
		return cint(value)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if df.fieldtype in _DATE_TYPES:
		return str(getdate(value)) if df.fieldtype == "Date" and value else cstr(value)
	return cstr(value).strip()


def _editable(meta):
	return [df for df in meta.fields if df.fieldtype not in no_value_fields and not df.read_only]


def _row_values(row):
	return tuple(_normal(df, row.get(df.fieldname)) for df in _editable(row.meta)) + (row.get("name"),)


def changed_fields(doc, before) -> list[str]:
	"""Fieldnames the user changed (read-only and computed fields are ignored)."""
	if before is None:
		return []
	changed = []
	for df in _editable(doc.meta):
		if df.fieldtype in table_fields:
			now_rows = [_row_values(r) for r in doc.get(df.fieldname) or []]
			old_rows = [_row_values(r) for r in before.get(df.fieldname) or []]
			if now_rows != old_rows:
				changed.append(df.fieldname)
		elif _normal(df, doc.get(df.fieldname)) != _normal(df, before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed
