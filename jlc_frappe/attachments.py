"""Attachments of JLC records that hold patient identifiers (letters, records, photographs) are patient data too:
they must be private, and are read only by those who may read the record's patient fields (permlevel 1) or who
uploaded them. Frappe would otherwise let anyone who reads the record download them."""

import frappe
from frappe import _

from jlc_frappe.permissions import sql_quote

PATIENT_DATA_DOCTYPES = ("Complaint", "Patient Safety Incident", "Claim", "Candour Notification")
PATIENT_LEVEL = 1


def reads_patient_data(doctype: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or PATIENT_LEVEL in frappe.get_meta(doctype).get_permlevel_access(
		"read", user=user
	)


def _withheld(file_doc, user: str) -> bool:
	doctype = file_doc.get("attached_to_doctype")
	return (
		doctype in PATIENT_DATA_DOCTYPES
		and file_doc.get("owner") != user
		and not reads_patient_data(doctype, user)
	)


def keep_private(doc, method=None) -> None:
	"""doc_events hook (File validate): attachments of these records are never public."""
	if doc.attached_to_doctype in PATIENT_DATA_DOCTYPES and not doc.is_private:
		frappe.throw(
			_("Attachments of a {0} hold patient data: attach the file as private.").format(
				_(doc.attached_to_doctype)
			),
			title=_("Private attachment needed"),
		)


def file_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission hook for File: deny withheld attachments; otherwise no opinion (Frappe's rule decides)."""
	return False if _withheld(doc, user or frappe.session.user) else None


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for File: the same rule for lists."""
	user = user or frappe.session.user
	hidden = [d for d in PATIENT_DATA_DOCTYPES if not reads_patient_data(d, user)]
	if not hidden:
		return ""
	doctypes = ", ".join(sql_quote(d) for d in hidden)
	return f"(ifnull(`tabFile`.`attached_to_doctype`, '') not in ({doctypes}) or `tabFile`.`owner`={sql_quote(user)})"


def visible_attachments(doctype: str, attachments: list) -> list:
	"""The form sidebar's attachment list, without withheld files."""
	user = frappe.session.user
	if doctype not in PATIENT_DATA_DOCTYPES or reads_patient_data(doctype, user):
		return attachments
	return [a for a in attachments if frappe.db.get_value("File", a.get("name"), "owner") == user]
