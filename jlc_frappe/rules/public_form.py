"""The public complaint form and status page (issue 10): what a member of the public sends, checked in plain words.

Pure Python, shared by the web pages (jlc_frappe/www) and their tests. Messages speak to the person filling in
the form, as GOV.UK and NHS error messages do: what to do, not what went wrong in the system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jlc_frappe.rules import nhs_number
from jlc_frappe.rules.messages import Message, _

MAX_FILES = 4
MAX_FILE_MB = 5
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# field: longest text accepted (Data fields hold 140 characters)
MAX_LENGTHS = {
	"complainant_name": 140,
	"complainant_email": 140,
	"complainant_phone": 30,
	"complainant_address": 500,
	"support_needs": 1000,
	"patient_name": 140,
	"summary": 140,
	"description": 20000,
	"outcome_sought": 5000,
}
ME, SOMEONE_ELSE = "me", "someone-else"
# answer on the form: the representative basis of SI 2009/309 reg 5 recorded on the complaint
BASES = {
	"asked": "Asked To Act",
	"unable": "Physically Unable",
	"child": "Child",
	"capacity": "Lacks Capacity",
	"died": "Patient Died",
}
# a patient who can decide is asked for consent before their information is shared with a representative
NEEDS_CONSENT = ("asked", "unable")
CONSENT_GIVEN, CONSENT_NOT_YET = "yes", "not-yet"
CONTACT_WAYS = {"email": "Email", "phone": "Phone", "post": "Letter by post"}

# type: (file name endings, how the file starts)
FILE_KINDS = {
	"PDF": ((".pdf",), (b"%PDF-",)),
	"JPEG": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
	"PNG": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
	"Word": ((".docx", ".doc"), (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
	"Text": ((".txt",), ()),
}
ACCEPTED_ENDINGS = tuple(ending for endings, _starts in FILE_KINDS.values() for ending in endings)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
_DATE_FORMATS = (
	re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
	re.compile(r"^(?P<d>\d{1,2})[/.\- ](?P<m>\d{1,2})[/.\- ](?P<y>\d{4})$"),
)


@dataclass(frozen=True)
class Upload:
	"""A file the person chose: its name, its size in bytes and its first bytes."""

	name: str
	size: int
	head: bytes


def text(values: dict, field: str) -> str:
	"""A field's value, trimmed, with runs of spaces inside single lines kept as typed."""
	value = values.get(field)
	return value.strip() if isinstance(value, str) else ""


def parse_date(value: str) -> date | None:
	"""A date as a browser's date box sends it (2026-03-31) or as typed (31/3/2026); None when blank.

	Raises ValueError for anything that is not a real date."""
	value = (value or "").strip()
	if not value:
		return None
	for pattern in _DATE_FORMATS:
		match = pattern.match(value)
		if match:
			return date(int(match["y"]), int(match["m"]), int(match["d"]))
	raise ValueError(value)


def date_text(values: dict, field: str) -> str:
	"""A date question's answer as one text: its day, month and year boxes joined (27/3/1950), else the field."""
	parts = [text(values, field + "-" + part) for part in ("day", "month", "year")]
	return "/".join(parts) if any(parts) else text(values, field)


def date_answer(values: dict, field: str) -> date | None:
	"""A date question's answer, once check_form has found it good."""
	return parse_date(date_text(values, field))


def is_email(value: str) -> bool:
	return bool(_EMAIL.match(value)) and len(value) <= MAX_LENGTHS["complainant_email"]


def normal_email(value: str) -> str:
	"""An email address as compared and rate limited: trimmed, lower case."""
	return (value or "").strip().lower()


# the form's questions, top to bottom (errors are listed in this order)
FORM_ORDER = (
	"complaining_for",
	"patient_name",
	"basis",
	"consent",
	"date_of_birth",
	"nhs_number",
	"complainant_name",
	"complainant_email",
	"complainant_phone",
	"complainant_address",
	"contact_by",
	"support_needs",
	"summary",
	"event_date",
	"became_aware_on",
	"description",
	"outcome_sought",
	"attachments",
)


def check_form(values: dict, today: date) -> dict[str, Message]:
	"""{field: what the person must do} for every field that needs changing, in the order of the form."""
	errors: dict[str, Message] = {}
	_check_who(values, errors)
	_check_you(values, errors)
	_check_patient(values, today, errors)
	_check_what_happened(values, today, errors)
	for field, longest in MAX_LENGTHS.items():
		if field not in errors and len(text(values, field)) > longest:
			errors[field] = _("This must be {0} characters or fewer. Shorten it and try again.", longest)
	return {field: errors[field] for field in FORM_ORDER if field in errors}


def _check_who(values: dict, errors: dict) -> None:
	if text(values, "complaining_for") not in (ME, SOMEONE_ELSE):
		errors["complaining_for"] = _("Select whether you are the patient or complaining for someone else.")


def _check_you(values: dict, errors: dict) -> None:
	if not text(values, "complainant_name"):
		errors["complainant_name"] = _("Enter your full name.")
	email = text(values, "complainant_email")
	if not email:
		errors["complainant_email"] = _("Enter your email address. We send your reference to it.")
	elif not is_email(email):
		errors["complainant_email"] = _(
			"Enter an email address in the correct format, like name@example.com."
		)
	phone = text(values, "complainant_phone")
	digits = sum(c.isdigit() for c in phone)
	if phone and (not _PHONE.match(phone) or not 7 <= digits <= 15):
		errors["complainant_phone"] = _("Enter a telephone number, like 01632 960 001 or 07700 900 982.")
	way = text(values, "contact_by")
	if way not in CONTACT_WAYS:
		errors["contact_by"] = _("Select how you would like us to contact you.")
	elif way == "phone" and not phone and "complainant_phone" not in errors:
		errors["complainant_phone"] = _("Enter a telephone number, or choose another way to contact you.")
	elif way == "post" and not text(values, "complainant_address"):
		errors["complainant_address"] = _("Enter your postal address, or choose another way to contact you.")


def _check_patient(values: dict, today: date, errors: dict) -> None:
	if text(values, "complaining_for") == SOMEONE_ELSE:
		if not text(values, "patient_name"):
			errors["patient_name"] = _("Enter the full name of the person you are complaining for.")
		basis = text(values, "basis")
		if basis not in BASES:
			errors["basis"] = _("Select why you are complaining for them.")
		elif basis in NEEDS_CONSENT and text(values, "consent") not in (CONSENT_GIVEN, CONSENT_NOT_YET):
			errors["consent"] = _("Select whether they have agreed to you complaining for them.")
	problem = _date_problem(values, "date_of_birth", today)
	if problem:
		errors["date_of_birth"] = problem
	number = text(values, "nhs_number")
	if number and not nhs_number.is_valid_nhs_number(number):
		errors["nhs_number"] = _(
			"Enter the 10-digit NHS number exactly as it is written, like 943 476 5919, or leave it empty."
		)


def _check_what_happened(values: dict, today: date, errors: dict) -> None:
	if not text(values, "summary"):
		errors["summary"] = _("Tell us in a sentence what your complaint is about.")
	if not text(values, "description"):
		errors["description"] = _("Tell us what happened.")
	for field in ("event_date", "became_aware_on"):
		problem = _date_problem(values, field, today)
		if problem:
			errors[field] = problem
	if "event_date" not in errors and "became_aware_on" not in errors:
		happened, learned = date_answer(values, "event_date"), date_answer(values, "became_aware_on")
		if happened and learned and learned < happened:
			errors["became_aware_on"] = _(
				"The date you found out must be the same as or after the date it happened."
			)


# what each date question is called in its error message
DATE_NAMES = {
	"date_of_birth": _("The patient's date of birth"),
	"event_date": _("The date it happened"),
	"became_aware_on": _("The date you found out"),
}


def _date_problem(values: dict, field: str, today: date) -> Message | None:
	name = DATE_NAMES[field]
	parts = [text(values, field + "-" + part) for part in ("day", "month", "year")]
	if any(parts) and not all(parts):
		return _("{0} must include a day, a month and a year.", name)
	try:
		value = date_answer(values, field)
	except ValueError:
		return _("{0} must be a real date, like 27 3 2026.", name)
	if value and value.year < 1900:
		return _("{0} must be a real date, like 27 3 2026.", name)
	if value and value > today:
		return _("{0} must be today or in the past.", name)
	return None


def file_kind(name: str, head: bytes) -> str | None:
	"""The accepted type a file is, by its name and by how it starts (a renamed program is refused)."""
	lower = (name or "").lower()
	for kind, (endings, starts) in FILE_KINDS.items():
		if lower.endswith(endings):
			if starts and not head.startswith(starts):
				return None
			if not starts and b"\x00" in head:
				return None
			return kind
	return None


def check_files(uploads: list[Upload]) -> list[Message]:
	"""What is wrong with the files chosen, one sentence each."""
	problems = []
	if len(uploads) > MAX_FILES:
		problems.append(_("Choose {0} files or fewer. You chose {1}.", MAX_FILES, len(uploads)))
	for upload in uploads:
		name = upload.name or "?"
		if upload.size == 0:
			problems.append(_("{0} is empty. Choose the file again, or another file.", name))
		elif upload.size > MAX_FILE_BYTES:
			problems.append(_("{0} is bigger than {1} MB. Choose a smaller file.", name, MAX_FILE_MB))
		elif not file_kind(upload.name, upload.head):
			problems.append(
				_("{0} is not a type of file we can take. Send PDF, Word, JPEG, PNG or text files.", name)
			)
	return problems


def contact_note(values: dict) -> Message:
	"""How the complainant asked to be contacted, and any help they asked for, for the complaints team."""
	way = CONTACT_WAYS.get(text(values, "contact_by"), "")
	support = text(values, "support_needs")
	if support:
		return _(
			"On the web form the complainant asked to be contacted by: {0}. Help they asked for: {1}",
			way,
			support,
		)
	return _("On the web form the complainant asked to be contacted by: {0}.", way)


# --- the status page --------------------------------------------------------------------------------------------

# workflow state: what the public are told (the stage, never the content)
PUBLIC_STAGES = {
	"Received": _("Received"),
	"Acknowledged": _("Acknowledged"),
	"Resolved Early": _("Being resolved"),
	"Under Investigation": _("Being investigated"),
	"Awaiting Sign-off": _("Being investigated"),
	"Signed Off": _("Response being sent"),
	"Response Sent": _("Response sent"),
	"Closed": _("Closed"),
	"Withdrawn": _("Withdrawn"),
}
STAGE_EXPLANATIONS = {
	"Received": _(
		"We have your complaint. We will contact you to acknowledge it and talk about how we will handle it."
	),
	"Acknowledged": _("We have acknowledged your complaint and are deciding the best way to look into it."),
	"Being resolved": _("We are working with you to put things right quickly."),
	"Being investigated": _("We are looking into your complaint. We will write to you with our response."),
	"Response being sent": _("Our response is ready and will be sent to you soon."),
	"Response sent": _("We have sent you our response."),
	"Closed": _(
		"Your complaint is closed. If you are not happy with our response, you can ask the Ombudsman."
	),
	"Withdrawn": _("This complaint was withdrawn."),
}


def public_stage(workflow_state: str | None) -> Message:
	return PUBLIC_STAGES.get(workflow_state or "Received", _("Received"))


def check_status_request(values: dict) -> dict[str, Message]:
	"""{field: what to change} on the status page's form; says nothing about whether a complaint exists."""
	errors: dict[str, Message] = {}
	reference = text(values, "reference")
	if not reference:
		errors["reference"] = _(
			"Enter your complaint reference. It is in the email we sent when you complained."
		)
	elif len(reference) > 40:
		errors["reference"] = _("Enter the reference exactly as it is in our email, like COMP-2026-00012.")
	email = text(values, "email")
	if not email:
		errors["email"] = _("Enter the email address you gave when you complained.")
	elif not is_email(email):
		errors["email"] = _("Enter an email address in the correct format, like name@example.com.")
	return errors
