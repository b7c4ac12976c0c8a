"""Dates that move only with their history: a complaint's agreed response date, a learning action's due date.

The date changes through one new row of its history table (new date, reason, ...); the row records the old
date, who changed it and when; recorded rows are never edited or removed."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from jlc_frappe.doc_changes import rows_changed


def apply_date_change(doc, before, date_field: str, table: str, how_to_change: str, check=None) -> None:
	"""On save: move `date_field` through the new row of `table`, after `check(row, old_date)` (which throws)."""
	if not before:
		return
	label = _(doc.meta.get_label(date_field)).lower()
	old_rows, rows = before.get(table), doc.get(table)
	if len(rows) < len(old_rows) or rows_changed(rows, old_rows):
		frappe.throw(_("Recorded changes of the {0} cannot be edited or removed.").format(label))
	new_rows = rows[len(old_rows) :]
	if len(new_rows) > 1:
		frappe.throw(_("Change the {0} one change at a time.").format(label))
	old = before.get(date_field)
	if not new_rows:
		if str(getdate(doc.get(date_field)) if doc.get(date_field) else "") != str(old or ""):
			frappe.throw(how_to_change)
		return
	row = new_rows[0]
	if check:
		check(row, getdate(old) if old else None)
	row.old_date, row.changed_by, row.changed_on = old, frappe.session.user, now_datetime()
	doc.set(date_field, getdate(row.new_date))
