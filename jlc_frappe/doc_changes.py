"""JLC documents and their changes: which user-editable fields changed, and read-only fields kept JLC's."""

import frappe
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


def _editable(meta, with_read_only: bool = False):
	return [
		df
		for df in meta.fields
		if df.fieldtype not in no_value_fields and (with_read_only or not df.read_only)
	]


def _row_values(row, with_read_only: bool = False):
	fields = _editable(row.meta, with_read_only)
	return tuple(_normal(df, row.get(df.fieldname)) for df in fields) + (row.get("name"),)


def rows_changed(rows, before_rows) -> bool:
	"""Whether any stored child row differs from before in any value, read-only ones included."""
	return any(_row_values(a, True) != _row_values(b, True) for a, b in zip(before_rows, rows, strict=False))


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


_jlc_modules: set[str] = set()


def is_jlc_doctype(doctype: str | None) -> bool:
	if not doctype:
		return False
	if not _jlc_modules:
		_jlc_modules.update(frappe.get_module_list("jlc_frappe"))
	try:
		return frappe.get_meta(doctype).module in _jlc_modules
	except frappe.DoesNotExistError:
		return False


def protect_read_only_fields(doc, method=None) -> None:
	"""doc_events hook (every doctype, before_validate): on JLC records, read-only fields are set by JLC alone.

	Whatever a client sends for them (REST, data import, a crafted form) is replaced by the stored value, or
	cleared on insert, before the controller works them out: nobody can forge who signed a response off, hide
	an escalation, or back-date a closure. Trusted system code saves with ignore_permissions and keeps its values.
	Tables and the workflow state are guarded by their own rules (controllers and the workflow)."""
	if doc.flags.ignore_permissions or doc.get("parentfield") or not is_jlc_doctype(doc.doctype):
		return
	before = doc.get_doc_before_save()
	for df in doc.meta.fields:
		if (
			not df.read_only
			or df.fetch_from
			or df.fieldtype in no_value_fields
			or df.fieldtype in table_fields
		):
			continue
		if df.fieldname == "workflow_state":
			continue
		doc.set(df.fieldname, before.get(df.fieldname) if before else _empty(df))


def _empty(df):
	if df.default is not None and df.default != "":
		return cint(df.default) if df.fieldtype in ("Check", "Int") else df.default
	return 0 if df.fieldtype in ("Check", "Int", "Float", "Currency") else None
