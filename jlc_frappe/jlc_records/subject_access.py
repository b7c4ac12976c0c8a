# Copyright (c) 2026, JLC developers. License: MIT.
"""A subject access request's export: every JLC record about the person, with its comments, letters and emails
(Communication) and attachments, as one ZIP of JSON and PDFs, attached privately to the request.

Built by a worker (`build`) as the Complaints Manager who asked, who must be able to change the request. The
records are read as trusted code, not through the reader's row and identity rules: answering the request is the
trust's duty, whoever holds each record. A record is about the person when it links them (permissions.
PERSON_LINKS); records that go with it (rules.retention.DEPENDENTS, e.g. the Ombudsman's referral of their
complaint) come too. On a record that also names someone else, that person's details are withheld; narratives
and letters are given as written, so the export is checked before it is sent (README).
"""

import io
import json
import re
import zipfile
from collections import defaultdict

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.query_builder import Criterion
from frappe.utils import format_datetime, formatdate, now_datetime, sanitize_html
from frappe.utils.pdf import get_pdf

from jlc_frappe import generated_files, identity, permissions
from jlc_frappe.rules import retention

REQUEST = "Subject Access Request"
PERSON = "JLC Person"
TEMPLATE = "jlc_frappe/jlc_records/subject_access_record.html"
EXPORT_SUFFIX = "-export.zip"
WITHHELD = "[withheld: another person]"
# Framework fields of no meaning to the person.
INTERNAL = {"docstatus", "idx", "doctype", "parent", "parentfield", "parenttype", "_user_tags", "_comments"}
PERSON_FIELDS = ("full_name", "nhs_number", "date_of_birth", "deceased", "email", "phone", "address")
LETTER_FIELDS = (
	"communication_date",
	"communication_medium",
	"sent_or_received",
	"subject",
	"sender",
	"recipients",
	"cc",
	"content",
)


def build(name: str) -> str:
	"""The job: build the export of request `name` and attach it; the new file's URL."""
	request = frappe.get_doc(REQUEST, name)
	request.check_permission("write")
	content, counts = export_zip(request)
	generated_files.remove(REQUEST, request.name, f"%{EXPORT_SUFFIX}")
	file = generated_files.attach(request, f"{request.name}{EXPORT_SUFFIX}", content, field="export_file")
	request.db_set({"export_file": file.file_url, "exported_on": now_datetime()})
	request.add_comment(
		"Info",
		_("Export built: {0} records, {1} letters and emails, {2} attachments").format(
			counts["records"], counts["letters"], counts["attachments"]
		),
	)
	return file.file_url


# --- what is about the person --------------------------------------------------------------------------------------


def records_about(person: str) -> list[tuple[str, str]]:
	"""(doctype, name) of every JLC record about `person`, and of the records that go with them."""
	found = []
	for doctype, links in permissions.PERSON_LINKS.items():
		if doctype == REQUEST:
			continue
		t = frappe.qb.DocType(doctype)
		names = (
			frappe.qb.from_(t)
			.select(t.name)
			.where(Criterion.any([t[link] == person for link in links]))
			.orderby(t.name)
			.run(pluck=True)
		)
		found += [(doctype, name) for name in names]
		for dependent, link in retention.DEPENDENTS.get(doctype, ()):
			if names:
				found += [
					(dependent, n) for n in frappe.get_all(dependent, {link: ("in", names)}, pluck="name")
				]
	return found


def export_zip(request) -> tuple[bytes, dict]:
	"""The ZIP of request `request`, and its counts {records, letters, attachments}."""
	person = frappe.get_doc(PERSON, request.person)
	buffer, counts, index = io.BytesIO(), defaultdict(int), []
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("person.json", _json({f: person.get(f) for f in PERSON_FIELDS}))
		for doctype, name in records_about(request.person):
			index.append(_add_record(archive, doctype, name, person, counts))
		archive.writestr("index.json", _json(_index(request, index)))
		archive.writestr("README.txt", _readme(request))
	return buffer.getvalue(), counts


def _index(request, records: list[dict]) -> dict:
	return {
		"request": request.name,
		"received_on": request.received_on,
		"due_on": request.due_on,
		"exported_on": now_datetime(),
		"records": records,
	}


def _readme(request) -> str:
	return _(
		"The data we hold about you in our complaints, incidents, claims and duty of candour records, for your "
		"subject access request {0}.\n\n"
		"person.json: your details as we hold them.\n"
		"records/: each record about you as JSON and as PDF, with its letters, emails and attachments.\n"
		"index.json: the list of everything in this file.\n\n"
		"Where a record also names someone else, their details are shown as {1}."
	).format(request.name, WITHHELD)


def _add_record(archive, doctype: str, name: str, person, counts) -> dict:
	doc = frappe.get_doc(doctype, name)
	folder = f"records/{frappe.scrub(doctype)}/{_safe(name)}"
	data = record_data(doc, person)
	archive.writestr(f"{folder}.json", _json(data))
	archive.writestr(f"{folder}.pdf", _record_pdf(doc, data))
	counts["records"] += 1
	entry = {"doctype": doctype, "name": name, "json": f"{folder}.json", "pdf": f"{folder}.pdf"}
	letters = _letters(doctype, name)
	entry["letters"] = [_add_letter(archive, f"{folder}/letters", letter, counts) for letter in letters]
	entry["attachments"] = _add_files(archive, f"{folder}/attachments", doctype, [name], counts)
	return entry


def record_data(doc, person) -> dict:
	"""The record as the person may read it: its fields and tables, its people's details given for the person
	and withheld for anyone else, and its comments."""
	meta = frappe.get_meta(doc.doctype)
	data = {"doctype": doc.doctype, "name": doc.name, "created": doc.creation, "modified": doc.modified}
	for df in meta.fields:
		if df.fieldtype in table_fields:
			data[df.fieldname] = [_row(row) for row in doc.get(df.fieldname) or []]
		elif df.fieldtype not in no_value_fields and not df.get("is_virtual"):
			data[df.fieldname] = doc.get(df.fieldname)
	for link, fields in identity.PEOPLE.get(doc.doctype, {}).items():
		named = doc.get(link)
		if named and named != person.name:
			data[link] = WITHHELD
		for field, person_field in fields.items():
			data[field] = person.get(person_field) if named == person.name else (WITHHELD if named else None)
	data["comments"] = frappe.get_all(
		"Comment",
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name, "comment_type": "Comment"},
		fields=["creation", "comment_email", "content"],
		order_by="creation asc",
	)
	return data


def _row(row) -> dict:
	return {
		df.fieldname: row.get(df.fieldname)
		for df in row.meta.fields
		if df.fieldtype not in no_value_fields and df.fieldname not in INTERNAL
	}


def _letters(doctype: str, name: str) -> list[dict]:
	"""The letters and emails about the record (its own, and those linked to its timeline)."""
	c, link = frappe.qb.DocType("Communication"), frappe.qb.DocType("Communication Link")
	linked = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where(
			(link.link_doctype == doctype) & (link.link_name == name) & (link.parenttype == "Communication")
		)
	)
	return (
		frappe.qb.from_(c)
		.select(c.name, *(c[f] for f in LETTER_FIELDS))
		.where(((c.reference_doctype == doctype) & (c.reference_name == name)) | c.name.isin(linked))
		.where(c.communication_type == "Communication")
		.orderby(c.communication_date)
		.orderby(c.name)
		.run(as_dict=True)
	)


def _add_letter(archive, folder: str, letter: dict, counts) -> dict:
	path = f"{folder}/{_safe(letter.name)}"
	archive.writestr(f"{path}.json", _json(letter))
	archive.writestr(f"{path}.pdf", _letter_pdf(letter))
	counts["letters"] += 1
	files = _add_files(archive, path, "Communication", [letter.name], counts)
	return {"name": letter.name, "json": f"{path}.json", "pdf": f"{path}.pdf", "attachments": files}


def _add_files(archive, folder: str, doctype: str, names: list[str], counts) -> list[str]:
	"""The attachments of the records `names` of `doctype`, written under `folder`: their paths."""
	paths, used = [], set()
	for file in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names), "is_folder": 0},
		fields=["name", "file_name"],
		order_by="creation asc",
	):
		try:
			content = frappe.get_doc("File", file.name).get_content()
		except (OSError, frappe.DoesNotExistError):
			content = None
		path = f"{folder}/{_unique(_safe(file.file_name or file.name), used)}"
		if content is None:
			archive.writestr(f"{path}.missing.txt", _("This attachment's file could not be read."))
		else:
			archive.writestr(path, content if isinstance(content, bytes) else content.encode())
		paths.append(path)
		counts["attachments"] += 1
	return paths


# --- PDFs --------------------------------------------------------------------------------------------------------


def _record_pdf(doc, data: dict) -> bytes:
	meta = frappe.get_meta(doc.doctype)
	fields, tables = [], []
	for df in meta.fields:
		value = data.get(df.fieldname)
		if df.fieldtype in table_fields:
			if value:
				child = frappe.get_meta(df.options)
				columns = [k for k in value[0] if k != "name"]
				tables.append(
					{
						"heading": _(df.label or df.fieldname),
						"columns": [_(child.get_label(k)) for k in columns],
						"rows": [[_shown(row.get(k)) for k in columns] for row in value],
					}
				)
		elif df.fieldname in data and value not in (None, "", 0):
			fields.append((_(df.label or df.fieldname), _shown(value)))
	if data.get("comments"):
		tables.append(
			{
				"heading": _("Comments"),
				"columns": [_("On"), _("By"), _("Comment")],
				"rows": [[_shown(c.creation), c.comment_email, _text(c.content)] for c in data["comments"]],
			}
		)
	title = f"{_(doc.doctype)} {doc.name}"
	return _pdf(
		title, _("Held by JLC. Exported {0}.").format(format_datetime(now_datetime())), fields, tables
	)


def _letter_pdf(letter: dict) -> bytes:
	fields = [
		(_("Date"), _shown(letter.communication_date)),
		(_("Sent or received"), _(letter.sent_or_received or "")),
		(_("By"), _(letter.communication_medium or "")),
		(_("From"), letter.sender or ""),
		(_("To"), letter.recipients or ""),
		(_("Subject"), letter.subject or ""),
	]
	return _pdf(
		letter.subject or letter.name,
		_("A letter or email kept by JLC."),
		fields,
		[],
		html=sanitize_html(letter.content or ""),
		html_heading=_("Letter"),
	)


def _pdf(title: str, intro: str, fields, tables, html: str = "", html_heading: str = "") -> bytes:
	return get_pdf(
		frappe.render_template(
			TEMPLATE,
			{
				"title": title,
				"intro": intro,
				"fields": fields,
				"tables": tables,
				"html": html,
				"html_heading": html_heading,
			},
		)
	)


# --- small helpers -------------------------------------------------------------------------------------------------


def _json(data) -> str:
	return json.dumps(data, indent=1, ensure_ascii=False, default=str)


def _shown(value) -> str:
	if value is None:
		return ""
	if hasattr(value, "hour"):
		return format_datetime(value)
	if hasattr(value, "year"):
		return formatdate(value)
	return str(value)


def _text(html: str | None) -> str:
	return re.sub(r"<[^>]+>", " ", html or "").strip()


def _safe(name: str) -> str:
	"""A name safe as one part of a path inside the ZIP."""
	return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"


def _unique(name: str, used: set) -> str:
	candidate, n = name, 1
	while candidate in used:
		stem, dot, ext = name.rpartition(".")
		candidate = f"{stem}-{n}.{ext}" if dot else f"{name}-{n}"
		n += 1
	used.add(candidate)
	return candidate
