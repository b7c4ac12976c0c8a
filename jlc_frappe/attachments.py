"""Attachments of records that hold patient identifiers are never public (who may read them: permissions.py)."""

import frappe
from frappe import _

from jlc_frappe.permissions import PATIENT_DATA_DOCTYPES


def keep_private(doc, method=None) -> None:
	"""doc_events hook (File validate)."""
	if doc.attached_to_doctype in PATIENT_DATA_DOCTYPES and not doc.is_private:
		frappe.throw(
			_("Attachments of a {0} hold patient data: attach the file as private.").format(
				_(doc.attached_to_doctype)
			),
			title=_("Private attachment needed"),
		)
