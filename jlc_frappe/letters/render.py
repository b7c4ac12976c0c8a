"""Filling a letter: the stored record's facts, the letter's context (`rules/letters.py`), the trust's Email Template
of the same name rendered with it, and `jlc_letter`, the Jinja method the letters' print formats call.

Letters name people and give their addresses: `context` is a trusted read, so every caller first checks that the
user may read the record's people (`permissions.reads_identity`), as `jlc_letter` does for a print.
"""

import html

import frappe
from frappe import _
from frappe.utils import escape_html, get_fullname, getdate, strip_html, today

from jlc_frappe import identity, permissions
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import letters as rules
from jlc_frappe.rules.messages import Message
from jlc_frappe.translation import translate

# JLC Settings fields the letters give (the public contact is the complaints team's, shown on the public pages too).
TRUST_FIELDS = (
	"trust_name",
	"trust_address",
	"signatory_title",
	"advocacy_service",
	"patient_safety_contact",
	"phso_name",
	"phso_helpline",
	"phso_website",
	"phso_address",
)
# Context values that are HTML already: the signed-off response, written in the desk's text editor.
HTML_KEYS = {"response_text"}


def trust() -> dict:
	settings = get_settings()
	values = {fieldname: settings.get(fieldname) for fieldname in TRUST_FIELDS}
	values["complaints_contact"] = settings.get("public_contact")
	return values


def context(doc, letter: str) -> dict:
	"""The variables of `letter` for the stored record `doc`, as HTML-safe text (a trusted read)."""
	on = getdate(today())
	if letter not in rules.LETTERS.get(doc.doctype, ()):
		frappe.throw(_("{0} is not a letter of a {1}.").format(_(letter), _(doc.doctype)))
	if doc.doctype == "Candour Notification":
		record, people, signatory = _candour_facts(doc)
		values = rules.candour_context(record, people, trust(), signatory, on)
	else:
		values = rules.complaint_context(*_complaint_facts(doc), trust(), _complaint_signatory(doc), on)
	return _as_html(values)


def fill(letter: str, values: dict) -> tuple[str, str]:
	"""(subject, body) of the trust's Email Template `letter`, rendered with `values`."""
	if not frappe.db.exists("Email Template", letter):
		frappe.throw(
			_(
				"The Email Template {0} is missing. A System Manager can restore the letters' templates."
			).format(letter)
		)
	template = frappe.get_doc("Email Template", letter)
	source = template.response_html if template.use_html else template.response
	subject = frappe.render_template(template.subject or "", values, is_path=False)
	body = frappe.render_template(source or "", values, is_path=False)
	return html.unescape(strip_html(subject)).strip(), body


def recipient_email(doc) -> str | None:
	"""Where the letter is emailed: the complainant, or the relevant person (else the patient) for candour."""
	if doc.doctype == "Complaint":
		return identity.value(doc, "complainant_email")
	relevant = _person(doc.relevant_person)
	return (relevant if relevant.get("full_name") else _person(doc.patient)).get("email")


def jlc_letter(doc, letter: str) -> frappe._dict:
	"""Jinja method of the letters' print formats: the filled letter of the stored record `doc` names, for those
	who may print it and read its people; otherwise only a sentence saying why not. A letter being sent carries the
	sender's edited subject and body (`send.py` puts them in frappe.local.jlc_letters while it prints)."""
	stored = _stored(doc)
	if (
		stored is None
		or letter not in rules.LETTERS[stored.doctype]
		or not frappe.has_permission(stored.doctype, "print", doc=stored)
		or not permissions.reads_identity(stored)
	):
		return frappe._dict(
			refused=_(
				"This letter is printed only by those who may read the details of the people it is about."
			)
		)
	values = context(stored, letter)
	edited = (getattr(frappe.local, "jlc_letters", None) or {}).get((stored.doctype, stored.name, letter))
	subject, body = edited or fill(letter, values)
	return frappe._dict(values, subject=subject, body=body, refused=None)


def _stored(doc):
	"""The saved record `doc` names, read from the database (never a crafted or unsaved document)."""
	if not doc or doc.get("__islocal") or not doc.get("name") or doc.get("doctype") not in rules.LETTERS:
		return None
	if not frappe.db.exists(doc.doctype, doc.name):
		return None
	return frappe.get_doc(doc.doctype, doc.name)


# --- facts -------------------------------------------------------------------------------------------------------


def _complaint_facts(doc) -> tuple:
	record = {
		fieldname: doc.get(fieldname)
		for fieldname in (
			"name",
			"summary",
			"complainant_is_patient",
			"representative_basis",
			"consent_status",
			"not_under_regulations_reason",
		)
	}
	record["received_on"] = _date(doc.received_on)
	record["response_due"] = _date(doc.response_due)
	# an attached draft leaves only a placeholder as the signed-off text: the letter then has no explanation of its own
	drafted = strip_html(doc.draft_response or "").strip()
	record["signed_off_response"] = doc.signed_off_response if drafted else ""
	people = {
		fieldname: identity.value(doc, fieldname)
		for fieldname in ("complainant_name", "complainant_address", "patient_name", "patient_deceased")
	}
	titles = dict(
		frappe.get_all(
			"Complaint Subject Area",
			filters={"name": ("in", [row.subject_area for row in doc.aspects] or [""])},
			fields=["name", "title"],
			as_list=True,
		)
	)
	aspects = [
		{
			"subject": titles.get(row.subject_area, row.subject_area),
			"detail": row.detail,
			"finding": row.get("finding"),
			"outcome": row.outcome,
		}
		for row in doc.aspects
	]
	due_changes = [
		{
			"old_date": _date(row.old_date),
			"new_date": _date(row.new_date),
			"agreed_with_complainant_on": _date(row.agreed_with_complainant_on),
			"reason": row.reason,
		}
		for row in doc.response_due_changes
	]
	return record, people, aspects, _learning_actions(doc.name), due_changes


def _complaint_signatory(doc) -> dict:
	return {
		"sender_name": get_fullname(frappe.session.user),
		"signed_off_by_name": get_fullname(doc.signed_off_by) if doc.signed_off_by else "",
	}


def _learning_actions(complaint: str) -> list[dict]:
	"""The learning actions that answer the complaint: what the final response says was done or is planned."""
	action, source = frappe.qb.DocType("Learning Action"), frappe.qb.DocType("Learning Action Source")
	rows = (
		frappe.qb.from_(action)
		.join(source)
		.on((source.parent == action.name) & (source.parenttype == "Learning Action"))
		.select(action.title, action.workflow_state.as_("state"), action.due_date, action.completed_on)
		.where((source.source_doctype == "Complaint") & (source.source_name == complaint))
		.distinct()
		.orderby(action.creation)
		.run(as_dict=True)
	)
	for row in rows:
		row.due_date, row.completed_on = _date(row.due_date), _date(row.completed_on)
	return rows


def _candour_facts(doc) -> tuple:
	record = {
		"name": doc.name,
		"notified_in_person_on": _date(doc.notified_in_person_on),
		"facts_account": doc.get("facts_account"),
		"further_enquiries": doc.get("further_enquiries"),
		"support_offered": doc.support_offered,
	}
	patient, relevant = _person(doc.patient), _person(doc.relevant_person)
	people = {
		"patient_name": patient.get("full_name"),
		"patient_address": patient.get("address") or patient.get("contact_details"),
		"relevant_person_name": relevant.get("full_name"),
		"relevant_person_address": relevant.get("address") or relevant.get("contact_details"),
	}
	signatory = {
		"sender_name": get_fullname(frappe.session.user),
		"notified_by_name": get_fullname(doc.notified_by) if doc.notified_by else "",
	}
	return record, people, signatory


def _person(name: str | None) -> dict:
	fields = ["full_name", "address", "contact_details", "email"]
	return (frappe.db.get_value(identity.PERSON, name, fields, as_dict=True) if name else None) or {}


def _date(value):
	return getdate(value) if value else None


def _as_html(value, key: str = ""):
	"""Messages translated, and plain text made safe to place in the letter's HTML (line breaks kept)."""
	if isinstance(value, dict):
		return {k: _as_html(v, k) for k, v in value.items()}
	if isinstance(value, list):
		return [_as_html(v, key) for v in value]
	if isinstance(value, Message):
		value = translate(value)
	if isinstance(value, str) and key not in HTML_KEYS:
		return escape_html(value).replace("\n", "<br>")
	return value
