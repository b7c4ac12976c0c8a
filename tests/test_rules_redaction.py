"""Identifiable data in a "You said, we did" summary before it is shared outside the trust."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.redaction import KINDS, Finding, describe, find_identifiers


def _found(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
	"""(kind, text) pairs, with each finding's offset checked against the text."""
	findings = find_identifiers(text, names)
	for finding in findings:
		assert text[finding.start : finding.end] == finding.text
	return [(finding.kind, finding.text) for finding in findings]


# --- True positives


def test_paragraph_with_every_kind() -> None:
	text = (
		"Mrs Example complained about her mother's discharge. Ann Example (NHS number 943 476 5919, "
		"also recorded as 401-023-2137 and 4505577104) was born on 12/03/1950 - the letter said "
		"12th March 1950 and the GP record March 12, 1950. She lives at 3 Park Road, Leeds LS1 4AP. "
		"Call her on 07700 900123 or (01632) 960123, or email ann.example@example.org."
	)
	assert _found(text, ("Mrs Ann Example",)) == [
		("Name", "Example"),
		("Name", "Ann Example"),
		("NHS number", "943 476 5919"),
		("NHS number", "401-023-2137"),
		("NHS number", "4505577104"),
		("Date", "12/03/1950"),
		("Date", "12th March 1950"),
		("Date", "March 12, 1950"),
		("Postcode", "LS1 4AP"),
		("Phone number", "07700 900123"),
		("Phone number", "(01632) 960123"),
		("Email", "ann.example@example.org"),
	]


@pytest.mark.parametrize(
	"written",
	[
		"12/03/1950",
		"12-03-1950",
		"12.03.1950",
		"1950-03-12",
		"12/3/50",
		"12 March 1950",
		"12th March 1950",
		"12th of March 1950",
		"March 12, 1950",
		"March 12th 1950",
		"12 Mar 1950",
		"12 Mar. 1950",
		"1 Sept 1950",
		"12-Mar-1950",
		"29/02/2000",
		"03/25/1950",  # month-first (US) order is still a possible date of birth
	],
)
def test_dates_of_birth(written: str) -> None:
	assert _found(f"Date of birth {written}.") == [("Date", written)]


@pytest.mark.parametrize(
	"written", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "sw1a1aa", "cr26xh"]
)
def test_postcodes(written: str) -> None:
	assert _found(f"Her address is near {written}, by the park.") == [("Postcode", written)]


@pytest.mark.parametrize(
	"written",
	[
		"07700 900123",
		"07700-900-123",
		"07700900123",
		"01632 960123",
		"020 7946 0018",
		"0800 123 4567",
		"+44 7700 900123",
		"+447700900123",
		"+44 (0)20 7946 0018",
		"(01632) 960123",
		"0113 496 0000",
	],
)
def test_phone_numbers(written: str) -> None:
	assert _found(f"Please ring {written} after 5pm.") == [("Phone number", written)]


def test_phone_stops_at_the_number_not_the_next_count() -> None:
	assert _found("Ring 020 7946 0018 12 patients called.") == [("Phone number", "020 7946 0018")]


def test_nhs_number_starting_zero_is_reported_once_as_nhs_number() -> None:
	# 0123456789 passes modulus 11 and also looks like a landline; it is reported once, as an NHS number.
	assert _found("Number 0123456789 on file.") == [("NHS number", "0123456789")]


def test_ten_digits_starting_zero_that_fail_mod_11_are_a_phone_number() -> None:
	assert _found("Number 012 345 6788 on file.") == [("Phone number", "012 345 6788")]


def test_email_inside_sentence() -> None:
	assert _found("Write to PALS.Team+jlc@nhs.net.") == [("Email", "PALS.Team+jlc@nhs.net")]


def test_names_with_titles_apostrophes_and_hyphens() -> None:
	text = "Dr Peter O'Neil saw Mary-Jane Smith. Later Mr O\u2019Neil's colleague phoned Ms smith."
	names = ("Dr Peter O'Neil", "Mary-Jane Smith")
	assert _found(text, names) == [
		("Name", "Peter O'Neil"),
		("Name", "Mary-Jane Smith"),
		("Name", "O\u2019Neil"),
		("Name", "smith"),
	]


def test_full_name_is_not_double_reported_as_surname() -> None:
	assert _found("ANN EXAMPLE wrote in.", ("Ann Example",)) == [("Name", "ANN EXAMPLE")]


def test_short_and_blank_names_are_ignored() -> None:
	text = "Jo Li said that Li and Jo were kind; Ed told us too."
	assert _found(text, ("", "   ", "Ed", "Dr", "Jo Li")) == [("Name", "Jo Li")]


def test_surname_that_is_a_common_word_is_flagged() -> None:
	# Safe side: "Hope" is a whole-word match for the surname of "Will Hope", so the summary is held back.
	assert _found("We will keep hope alive.", ("Will Hope",)) == [("Name", "hope")]


# --- False positives in realistic "You said, we did" prose


@pytest.mark.parametrize(
	"text",
	[
		"In March 2025 we trained 45 staff on Ward 10.",
		"Call NHS 111 or 999 in an emergency.",
		"We spent £1,200 on new chairs for the day room.",
		"Waiting times fell by 12% in 2024-25.",
		"Patients on the A1 ward now get a leaflet on the M62 roadworks.",
		"Our 24/7 helpline is staffed by 12 patients' advocates.",
		"We audited 1,234 records and 98.5% were complete.",
		"The reference 123 456 7890 is not an NHS number.",
		"From Sept 2025 we will hold a monthly forum, starting 12 March.",
		"Invalid dates such as 32/13/2020 and 29/02/2023 are not dates.",
		"Call 0800 111 for advice; visiting is 2-4pm on 3 wards.",
	],
)
def test_clean_summaries(text: str) -> None:
	assert find_identifiers(text, ("Ann Example",)) == []


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty(text: str | None) -> None:
	assert find_identifiers(text, ("Ann Example",)) == []


def test_overlapping_findings_keep_the_earlier_longer_one() -> None:
	# The email contains the surname; the email starts first and is longer, so only it is reported.
	assert _found("Contact example@nhs.net", ("Ann Example",)) == [("Email", "example@nhs.net")]


# --- describe()


def test_describe() -> None:
	findings = find_identifiers("Ann\nExample, 943 476 5919, born 12 March 1950.", ["Ann Example"])
	assert describe(findings) == [
		'Name "Ann Example"',
		'NHS number "943 476 5919"',
		'Date "12 March 1950"',
	]
	assert describe([Finding("Postcode", "LS1 4AP", 0)]) == ['Postcode "LS1 4AP"']
	assert describe([]) == []


# --- Properties


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=200))
def test_lowercase_words_without_names_are_clean(text: str) -> None:
	assert find_identifiers(text) == []


_MIXED = st.text(alphabet="0123456789 -/.+()@abcmrsexplASMRLE'\n", max_size=120)


@given(_MIXED)
def test_deterministic_sorted_and_non_overlapping(text: str) -> None:
	names = ("Ann Example", "Mr Sam")
	first = find_identifiers(text, names)
	assert first == find_identifiers(text, names)
	assert [f.start for f in first] == sorted(f.start for f in first)
	for earlier, later in zip(first, first[1:], strict=False):
		assert earlier.end <= later.start
	for finding in first:
		assert finding.kind in KINDS
		assert text[finding.start : finding.end] == finding.text
