"""A complaint made by a member of the public on /make-a-complaint (jlc_frappe/www/make_a_complaint.py).

The guest's answers are checked (jlc_frappe/rules/public_form.py), then written as the system (public_guard):
a Complaint in Received, received via Web Form, its people in the identity store and its files private on it.
The reference is emailed at once and is all that comes back. Nothing a guest sends can change a person JLC
already holds: a person is reused only when every detail given is already theirs, else a new person is made
and the complaints team reconciles them (identity.py's own matching would overwrite a held person's phone or
address with whatever a guest typed, and tell the guest when an NHS number is already held).
"""

import os
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import get_url, getdate, today

from jlc_frappe import identity
from jlc_frappe.jlc_complaints.public_guard import Limit, as_system, forget_messages
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import nhs_number
from jlc_frappe.rules import public_form as form
from jlc_frappe.translation import translate

PERSON = identity.PERSON
HONEYPOT = "website"  # hidden from people; bots fill it in
# every post from one address, and the complaints one email address makes, per hour
POSTS_PER_ADDRESS = Limit("complaint-posts", 20)
COMPLAINTS_PER_EMAIL = Limit("complaints", 3)
REPLAY_SECONDS = 60 * 60


@dataclass
class Outcome:
	"""What the page shows: the reference, or what to change (field: message), or a refusal (http_status)."""

	reference: str | None = None
	errors: dict = field(default_factory=dict)
	http_status: int = 200
	sent: bool = False
	emailed: bool = True


def submit(values: dict, files: list, ip: str) -> Outcome:
	"""Check and store one complaint; `files` are werkzeug FileStorage objects (name, stream)."""
	if not POSTS_PER_ADDRESS.spend(ip):
		return _refused()
	uploads, contents = _read(files)
	errors = {f: translate(m) for f, m in form.check_form(values, getdate(today())).items()}
	problems = form.check_files(uploads)
	if problems:
		errors["attachments"] = " ".join(translate(p) for p in problems)
	if errors:
		return Outcome(errors=errors, http_status=422)
	replayed = _replayed(values)
	if replayed is not None:
		return Outcome(reference=replayed or None, sent=True)
	if form.text(values, HONEYPOT):
		_remember(values, "")
		return Outcome(sent=True)  # a bot: dropped, and told nothing different
	if not COMPLAINTS_PER_EMAIL.spend(form.normal_email(form.text(values, "complainant_email"))):
		return _refused()
	savepoint, files_saved = "jlc_public_complaint", []
	frappe.db.savepoint(savepoint)
	try:
		with as_system():
			reference = _store(values, uploads, contents, files_saved)
			emailed = _email_reference(reference, form.text(values, "complainant_email"))
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		for file in files_saved:  # a rollback to a savepoint leaves new files on the disk
			file.on_rollback()
		frappe.log_error(title="Public complaint form")
		forget_messages()
		return Outcome(
			errors={"form": _("Sorry, we could not save your complaint. Please try again later.")},
			http_status=500,
		)
	forget_messages()
	_remember(values, reference)
	return Outcome(reference=reference, sent=True, emailed=emailed)


def _refused() -> Outcome:
	message = _(
		"You have already sent several complaints in the last hour. Wait an hour and try again, or contact the "
		"complaints team another way."
	)
	return Outcome(errors={"form": message}, http_status=429)


def _read(files: list) -> tuple[list[form.Upload], list[bytes]]:
	uploads, contents = [], []
	for storage in files:
		if not storage or not storage.filename:
			continue  # an empty file box
		content = storage.stream.read(form.MAX_FILE_BYTES + 1)
		rest = len(storage.stream.read()) if len(content) > form.MAX_FILE_BYTES else 0
		name = _file_name(storage.filename)
		uploads.append(form.Upload(name=name, size=len(content) + rest, head=content[:512]))
		contents.append(content)
	return uploads, contents


def _file_name(name: str) -> str:
	"""The file's own name, without any folder a browser sent, control characters or excess length."""
	base = os.path.basename(name.replace("\\", "/"))
	base = "".join(c for c in base if c.isprintable()).strip() or "attachment"
	stem, ext = os.path.splitext(base)
	return stem[:80] + ext[:10]


# --- a form sent twice (back button, refresh) makes one complaint ------------------------------------------------


def _replay_key(values: dict) -> str | None:
	token = form.text(values, "form_token")
	return frappe.cache.make_key(f"jlc:public-form:{token}") if 16 <= len(token) <= 64 else None


def _replayed(values: dict) -> str | None:
	key = _replay_key(values)
	stored = frappe.cache.get(key) if key else None
	return stored.decode() if stored is not None else None


def _remember(values: dict, reference: str) -> None:
	key = _replay_key(values)
	if key:
		frappe.cache.set(key, reference, ex=REPLAY_SECONDS)


# --- storing ------------------------------------------------------------------------------------------------------


def _store(values: dict, uploads: list[form.Upload], contents: list[bytes], files_saved: list) -> str:
	notes = [form.contact_note(values)]
	for_someone_else = form.text(values, "complaining_for") == form.SOMEONE_ELSE
	basis = form.text(values, "basis") if for_someone_else else ""
	you = {
		"full_name": form.text(values, "complainant_name"),
		"email": form.text(values, "complainant_email"),
		"phone": form.text(values, "complainant_phone"),
		"address": form.text(values, "complainant_address"),
	}
	patient = {
		"date_of_birth": form.date_answer(values, "date_of_birth"),
		"nhs_number": form.text(values, "nhs_number"),
	}
	if for_someone_else:
		patient["full_name"] = form.text(values, "patient_name")
		patient["deceased"] = int(basis == "died")
		patient_person = _person(patient, notes)
		complainant = _person(you, notes)
	else:
		complainant = patient_person = _person({**you, **patient}, notes)
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"summary": form.text(values, "summary"),
			"description": form.text(values, "description"),
			"outcome_sought": form.text(values, "outcome_sought"),
			"received_on": today(),
			"received_via": "Web Form",
			"event_date": form.date_answer(values, "event_date"),
			"became_aware_on": form.date_answer(values, "became_aware_on"),
			"complainant": complainant,
			"patient": patient_person,
			"complainant_is_patient": int(not for_someone_else),
			"representative_basis": form.BASES.get(basis),
			"consent_status": "Pending" if basis in form.NEEDS_CONSENT else "Not Required",
		}
	).insert()
	if basis in form.NEEDS_CONSENT:
		notes.append(_consent_note(values))
	for note in notes:  # the timeline shows comments as HTML: what the guest typed is escaped
		doc.add_comment("Info", frappe.utils.escape_html(translate(note)))
	for upload, content in zip(uploads, contents, strict=True):
		files_saved.append(_attach(doc.name, upload.name, content))
	return doc.name


def _person(details: dict, notes: list) -> str:
	"""A person JLC already holds when every detail given is theirs, else a new person with these details."""
	written = {k: v for k, v in details.items() if identity._given(v)}
	if written.get("nhs_number"):
		written["nhs_number"] = nhs_number.format_nhs_number(written["nhs_number"])
	try:
		found = identity._find_person(written, _("Name"))
	except frappe.ValidationError:  # the NHS number is held for someone else
		found = None
	forget_messages()
	if found:
		stored = frappe.db.get_value(PERSON, found, list(written), as_dict=True)
		if not identity._changes(stored, written):
			return found
	if written.get("nhs_number") and frappe.db.exists(PERSON, {"nhs_number": written["nhs_number"]}):
		written.pop("nhs_number")
		notes.append(
			_(
				"The NHS number given on the web form is already held for a person whose details differ, so it "
				"was not recorded. Confirm the NHS number with the complainant."
			)
		)
	return frappe.get_doc({"doctype": PERSON, **written}).insert(ignore_permissions=True).name


def _consent_note(values: dict) -> str:
	if form.text(values, "consent") == form.CONSENT_GIVEN:
		return _(
			"On the web form the complainant said the patient has agreed to them complaining for them. Confirm "
			"the patient's consent before sharing the patient's information with them."
		)
	return _(
		"On the web form the complainant said the patient has not yet agreed to them complaining for them. "
		"Ask for the patient's consent before sharing the patient's information with them."
	)


def _attach(complaint: str, name: str, content: bytes):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": name,
			"attached_to_doctype": "Complaint",
			"attached_to_name": complaint,
			"is_private": 1,
			"content": content,
		}
	).insert()


def _email_reference(reference: str, email: str) -> bool:
	"""Queue the receipt; a site that cannot send email still keeps the complaint (the page shows the reference)."""
	doc = frappe.get_doc("Complaint", reference)
	try:
		_send_reference(doc, email)
	except frappe.OutgoingEmailError:
		forget_messages()
		doc.add_comment(
			"Info", _("The reference could not be emailed to the complainant: no outgoing email account.")
		)
		return False
	return True


def _send_reference(doc, email: str) -> None:
	frappe.sendmail(
		recipients=[email],
		subject=_("Your complaint reference: {0}").format(doc.name),
		template="jlc_complaint_reference",
		args={
			"reference": doc.name,
			"acknowledge_by": frappe.utils.formatdate(doc.acknowledgement_due, "d MMMM yyyy"),
			"status_url": get_url("/complaint-status"),
			"contact": get_settings().public_contact,
		},
		reference_doctype="Complaint",
		reference_name=doc.name,
		delayed=True,
	)
