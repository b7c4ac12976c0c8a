"""The form's timeline shows versions, and a version holds old and new field values. Frappe sends them to
anyone who can read the document, whatever the fields' permlevel; these overrides of the form-loading methods
remove from each version the fields the reader may not read (patient identifiers, for instance)."""

import json

import frappe
from frappe.desk.form import load
from frappe.model import get_permitted_fields


@frappe.whitelist()
def getdoc(doctype: str, name: str, user: str | None = None):
	load.getdoc(doctype, name, user)
	redact_versions(frappe.response.get("docinfo"))


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	load.get_docinfo(doc, doctype, name)
	redact_versions(frappe.response.get("docinfo"))


def hidden_fields(doctype: str, user: str | None = None) -> set[str]:
	meta = frappe.get_meta(doctype)
	restricted = {df.fieldname for df in meta.fields if df.permlevel}
	return (
		restricted - set(get_permitted_fields(doctype, user=user, permission_type="read"))
		if restricted
		else set()
	)


def redact_versions(docinfo) -> None:
	if not docinfo or not docinfo.get("versions"):
		return
	hidden = hidden_fields(docinfo.doctype)
	if not hidden:
		return
	for version in docinfo.versions:
		data = json.loads(version.data or "{}")
		data["changed"] = [change for change in data.get("changed", []) if change[0] not in hidden]
		version.data = json.dumps(data)
