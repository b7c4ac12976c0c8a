"""Files a job makes for a record (a CQC request's pack, a subject access request's export): attached to it
privately, a new one replacing the last. The last ones are deleted for good, not kept in Deleted Document: they
are made again from the records, and an export's personal data must not outlive it there."""

import frappe


def attach(doc, file_name: str, content: bytes, field: str | None = None):
	"""A private File of `content` attached to `doc` (to its `field` too, if given). The job that calls it has
	checked that its user may change `doc`."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"attached_to_field": field,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


def remove(doctype: str, name: str, file_name_like: str) -> None:
	"""Delete the files attached to record `name` whose names are like `file_name_like` (SQL LIKE)."""
	files = frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"file_name": ("like", file_name_like),
		},
		pluck="name",
	)
	for file in files:
		frappe.delete_doc("File", file, ignore_permissions=True, delete_permanently=True)
