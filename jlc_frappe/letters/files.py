"""The files of a letter or an email (the letter's PDF, the email's attachments) kept on the record it is about.

Frappe attaches them to the Communication, whose files only the Communication's owner (or a System Manager) may
open. The same private file is attached to the record too, so those who may read the record's people open it from
the record's attachments and timeline, and nobody else does (permissions.attachment_condition).
"""

import frappe


def attach_to_record(communication: str, doctype: str, name: str) -> None:
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Communication", "attached_to_name": communication},
		fields=["file_url", "file_name"],
	)
	for file in files:
		on_record = {"attached_to_doctype": doctype, "attached_to_name": name, "file_url": file.file_url}
		if not frappe.db.exists("File", on_record):
			frappe.get_doc(
				{"doctype": "File", "file_name": file.file_name, "is_private": 1, **on_record}
			).insert(ignore_permissions=True)


def correspondence_files(doctype: str, name: str) -> set[str]:
	"""The file URLs of the letters and emails about a record (they are never the record's own documents)."""
	communications = frappe.get_all(
		"Communication", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
	)
	if not communications:
		return set()
	return set(
		frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": ("in", communications)},
			pluck="file_url",
		)
	)
