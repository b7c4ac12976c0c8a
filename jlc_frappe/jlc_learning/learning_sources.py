"""What a learning action can answer, and who is named on those records (for the redaction check)."""

import frappe
from frappe import _

from jlc_frappe.permissions import PERSON_LINKS

# Source types in the order offered; incident, claim and candour doctypes join when they exist.
SOURCE_DOCTYPES = (
	"Complaint",
	"Complaints Panel Meeting",
	"Ombudsman Referral",
	"Patient Safety Incident",
	"Claim",
	"Candour Notification",
)


def allowed_source_doctypes() -> list[str]:
	return [d for d in SOURCE_DOCTYPES if frappe.db.exists("DocType", d)]


def validate_sources(doc) -> None:
	allowed, seen = allowed_source_doctypes(), set()
	before = doc.get_doc_before_save()
	kept = {(r.source_doctype, r.source_name) for r in before.sources} if before else set()
	for row in doc.sources:
		if row.source_doctype not in allowed:
			frappe.throw(
				_("Row {0}: a learning action cannot answer a {1}. Choose one of: {2}.").format(
					row.idx, _(row.source_doctype), ", ".join(_(d) for d in allowed)
				)
			)
		if not frappe.db.exists(row.source_doctype, row.source_name):
			frappe.throw(
				_("Row {0}: {1} {2} does not exist.").format(row.idx, _(row.source_doctype), row.source_name)
			)
		if (row.source_doctype, row.source_name) in seen:
			frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.source_name))
		seen.add((row.source_doctype, row.source_name))
		if (row.source_doctype, row.source_name) not in kept and not _readable(doc, row):
			frappe.throw(
				_("Row {0}: you may not read {1} {2}, so you cannot add it as a source.").format(
					row.idx, _(row.source_doctype), row.source_name
				),
				frappe.PermissionError,
			)


def _readable(doc, row) -> bool:
	return bool(doc.flags.ignore_permissions) or bool(
		frappe.has_permission(row.source_doctype, "read", doc=row.source_name)
	)


def all_sources_readable(doc) -> bool:
	"""Whether the session user may read every record the action answers."""
	return all(_readable(doc, row) for row in doc.sources)


def _full_names(users) -> list[str]:
	users = [u for u in users if u]
	return frappe.get_all("User", filters={"name": ("in", users)}, pluck="full_name") if users else []


def _person_names(doctype: str, name: str) -> list[str]:
	"""Names of the people (JLC Person) a record is about."""
	links = frappe.db.get_value(doctype, name, list(PERSON_LINKS[doctype]), as_dict=True) or {}
	people = [p for p in links.values() if p]
	return frappe.get_all("JLC Person", filters={"name": ("in", people)}, pluck="full_name") if people else []


def _complaint_people(name: str) -> list[str]:
	handler = frappe.db.get_value("Complaint", name, "handler")
	involved = frappe.get_all(
		"Complaint Staff Involved", filters={"parent": name, "parenttype": "Complaint"}, pluck="user"
	)
	return [*_person_names("Complaint", name), *_full_names([handler, *involved])]


def _referral_people(name: str) -> list[str]:
	return _complaint_people(frappe.db.get_value("Ombudsman Referral", name, "complaint"))


def _meeting_people(name: str) -> list[str]:
	users = frappe.get_all("Panel Meeting Attendee", filters={"parent": name}, pluck="user")
	names = _full_names([frappe.db.get_value("Complaints Panel Meeting", name, "chair"), *users])
	for complaint in frappe.get_all("Panel Meeting Case", filters={"parent": name}, pluck="complaint"):
		names += _complaint_people(complaint)
	return names


def _names_on(doctype: str):
	return lambda name: _person_names(doctype, name)


# source doctype: function(name) -> names of the people on that record.
PEOPLE_ON = {
	"Complaint": _complaint_people,
	"Ombudsman Referral": _referral_people,
	"Complaints Panel Meeting": _meeting_people,
	"Patient Safety Incident": _names_on("Patient Safety Incident"),
	"Claim": _names_on("Claim"),
	"Candour Notification": _names_on("Candour Notification"),
}


def people_named(doc) -> list[str]:
	names = []
	for row in doc.sources:
		names += PEOPLE_ON.get(row.source_doctype, lambda _name: [])(row.source_name)
	return sorted({n for n in names if n})


@frappe.whitelist()
def new_learning_action(source_doctype: str, source_name: str) -> dict:
	"""An unsaved learning action answering the given record (the form's 'Learning action' button)."""
	if source_doctype not in allowed_source_doctypes():
		frappe.throw(_("A learning action cannot answer a {0}.").format(_(source_doctype)))
	frappe.get_doc(source_doctype, source_name).check_permission("read")
	frappe.has_permission("Learning Action", "create", throw=True)
	doc = frappe.new_doc("Learning Action")
	doc.append("sources", {"source_doctype": source_doctype, "source_name": source_name})
	if source_doctype == "Complaint":
		doc.service_area = frappe.db.get_value(
			"Complaint Aspect",
			{"parent": source_name, "parenttype": "Complaint"},
			"service_area",
			order_by="idx",
		)
	return doc.as_dict()


@frappe.whitelist()
def make_learning_action(source_name: str) -> dict:
	"""The same, through Frappe's mapper (`frappe.model.open_mapped_doc` with args.source_doctype)."""
	return new_learning_action((frappe.flags.args or {}).get("source_doctype"), source_name)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def source_doctype_query(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for a source's type: the allowed source doctypes."""
	return [[d] for d in allowed_source_doctypes() if txt.lower() in d.lower()][start : start + page_len]
