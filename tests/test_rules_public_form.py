"""The public complaint form's checks (issue 10): errors in words, in the form's order; files by name and content."""

from datetime import date

import pytest

from jlc_frappe.rules import public_form as form

TODAY = date(2026, 11, 26)
GOOD = {
	"complaining_for": "me",
	"complainant_name": "Ann Example",
	"complainant_email": "ann@example.com",
	"contact_by": "email",
	"summary": "Waited nine hours in A&E",
	"description": "My father waited nine hours on a trolley.",
}


def errors(**changes):
	return form.check_form({**GOOD, **changes}, TODAY)


def test_a_complete_form_passes():
	assert errors() == {}


def test_required_answers_are_asked_for_in_words_and_in_form_order():
	found = form.check_form({}, TODAY)
	assert list(found) == [
		"complaining_for",
		"complainant_name",
		"complainant_email",
		"contact_by",
		"summary",
		"description",
	]
	assert found["complainant_email"] == "Enter your email address. We send your reference to it."
	assert found["summary"] == "Tell us in a sentence what your complaint is about."


def test_someone_else_needs_their_name_why_and_consent_when_they_can_give_it():
	found = errors(complaining_for="someone-else")
	assert set(found) == {"patient_name", "basis"}
	found = errors(complaining_for="someone-else", patient_name="Bob Example", basis="asked")
	assert found == {"consent": "Select whether they have agreed to you complaining for them."}
	assert errors(complaining_for="someone-else", patient_name="Bob", basis="asked", consent="not-yet") == {}
	assert errors(complaining_for="someone-else", patient_name="Bob", basis="died") == {}
	# the patient's questions are ignored when the person is the patient
	assert errors(basis="nonsense", consent="nonsense") == {}


@pytest.mark.parametrize(
	"changes, field",
	[
		({"complainant_email": "ann@example"}, "complainant_email"),
		({"complainant_phone": "call me"}, "complainant_phone"),
		({"complainant_phone": "123"}, "complainant_phone"),
		({"contact_by": "phone"}, "complainant_phone"),
		({"contact_by": "post"}, "complainant_address"),
		({"nhs_number": "943 476 5918"}, "nhs_number"),
		({"summary": "x" * 141}, "summary"),
		({"complainant_name": " "}, "complainant_name"),
	],
)
def test_wrong_answers_are_named(changes, field):
	assert list(errors(**changes)) == [field]


def test_good_optional_answers_pass():
	assert (
		errors(complainant_phone="+44 (0)1632 960-001", nhs_number="943 476 5919", contact_by="phone") == {}
	)


def test_dates_from_day_month_year_boxes():
	values = {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1950"}
	assert errors(**values) == {}
	assert form.date_answer({**GOOD, **values}, "date_of_birth") == date(1950, 3, 27)
	assert form.date_answer({"event_date": "2026-02-14"}, "event_date") == date(2026, 2, 14)
	assert form.date_answer({}, "event_date") is None


@pytest.mark.parametrize(
	"day, month, year, message",
	[
		("31", "2", "2026", "The date it happened must be a real date, like 27 3 2026."),
		("1", "", "2026", "The date it happened must include a day, a month and a year."),
		("1", "12", "2027", "The date it happened must be today or in the past."),
		("1", "1", "26", "The date it happened must be a real date, like 27 3 2026."),
		("x", "1", "2026", "The date it happened must be a real date, like 27 3 2026."),
	],
)
def test_wrong_dates(day, month, year, message):
	found = errors(**{"event_date-day": day, "event_date-month": month, "event_date-year": year})
	assert found == {"event_date": message}


def test_finding_out_before_it_happened_is_refused():
	found = errors(
		**{"event_date": "2026-03-01", "became_aware_on-day": "1", "became_aware_on-month": "2"},
		**{"became_aware_on-year": "2026"},
	)
	assert list(found) == ["became_aware_on"]


def test_files_by_name_and_by_what_they_hold():
	pdf = form.Upload("letter.pdf", 1000, b"%PDF-1.7 ...")
	assert form.check_files([pdf]) == []
	assert form.file_kind("photo.JPG", b"\xff\xd8\xff\xe0") == "JPEG"
	assert form.file_kind("notes.txt", b"plain words") == "Text"
	assert form.file_kind("scan.docx", b"PK\x03\x04") == "Word"
	assert form.file_kind("virus.pdf", b"MZ\x90\x00") is None  # a program renamed
	assert form.file_kind("notes.txt", b"MZ\x00\x00") is None
	assert form.file_kind("run.exe", b"MZ") is None
	big = form.Upload("scan.png", form.MAX_FILE_BYTES + 1, b"\x89PNG\r\n\x1a\n")
	assert form.check_files([big]) == ["scan.png is bigger than 5 MB. Choose a smaller file."]
	problems = form.check_files([form.Upload("run.exe", 10, b"MZ"), form.Upload("empty.pdf", 0, b"")])
	assert problems == [
		"run.exe is not a type of file we can take. Send PDF, Word, JPEG, PNG or text files.",
		"empty.pdf is empty. Choose the file again, or another file.",
	]
	assert form.check_files([pdf] * (form.MAX_FILES + 1))[0] == "Choose 4 files or fewer. You chose 5."


def test_status_request_checks_only_what_was_typed():
	assert form.check_status_request({"reference": "COMP-2026-00001", "email": "a@example.com"}) == {}
	assert set(form.check_status_request({})) == {"reference", "email"}


def test_every_stage_has_public_words():
	for stage in set(form.PUBLIC_STAGES.values()):
		assert stage in form.STAGE_EXPLANATIONS
	assert form.public_stage(None) == "Received"
	assert form.public_stage("Awaiting Sign-off") == "Being investigated"


def test_contact_note():
	assert form.contact_note({"contact_by": "phone", "support_needs": "Large print"}) == (
		"On the web form the complainant asked to be contacted by: Phone. Help they asked for: Large print"
	)
