"""The form's sidebar and timeline: Frappe sends every version (old and new field values) and every attachment
to anyone who can read the document, whatever the fields' permlevel. These overrides of the form-loading methods
remove from each version the fields the reader may not read (patient identifiers, for instance), and the
attachments withheld from them (jlc_frappe/permissions.py) with the comments logging them."""

import json

import frappe
from frappe.desk.form import load

from jlc_frappe.permissions import readable_attachments, readable_rows, unreadable_fields


@frappe.whitelist()
def getdoc(doctype: str, name: str, user: str | None = None):
	load.getdoc(doctype, name, user)
	redact(frappe.response.get("docinfo"))
	# the document just loaded: the last of the response's docs (a process that loads several keeps them all)
	name_users(frappe.response.get("docinfo"), (frappe.response.get("docs") or [None])[-1])


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	load.get_docinfo(doc, doctype, name)
	redact(frappe.response.get("docinfo"))


def name_users(docinfo, doc) -> None:
	"""The full names of the users the record names (handler, owner, signed off by...), so the form shows people
	by name (jlc.show_user_names); Frappe sends only those of its timeline."""
	if not docinfo or not doc:
		return
	users = {
		doc.get(df.fieldname)
		for df in doc.meta.get("fields", {"fieldtype": "Link", "options": "User"})
		if doc.get(df.fieldname)
	}
	frappe.utils.add_user_info(users, docinfo.setdefault("user_info", {}))


@frappe.whitelist()
def get_communications(doctype: str, name: str, start: int = 0, limit: int = 20):
	"""The timeline's further pages of emails and letters, as its first page: only those the reader may read."""
	return readable_rows("Communication", load.get_communications(doctype, name, start, limit))


def redact(docinfo) -> None:
	if docinfo:
		redact_versions(docinfo)
		docinfo.attachments = readable_attachments(docinfo.get("attachments") or [])
		docinfo.attachment_logs = readable_rows("Comment", docinfo.get("attachment_logs") or [])
		# letters and emails name the record's people (permissions.CORRESPONDENCE)
		docinfo.communications = readable_rows("Communication", docinfo.get("communications") or [])
		docinfo.automated_messages = readable_rows("Communication", docinfo.get("automated_messages") or [])


def redact_versions(docinfo) -> None:
	if not docinfo or not docinfo.get("versions"):
		return
	hidden = unreadable_fields(docinfo.doctype)
	if not hidden:
		return
	for version in docinfo.versions:
		data = json.loads(version.data or "{}")
		data["changed"] = [change for change in data.get("changed", []) if change[0] not in hidden]
		version.data = json.dumps(data)
