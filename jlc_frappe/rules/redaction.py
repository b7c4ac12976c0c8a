"""Identifiable data in text meant to leave the trust (a learning action's "You said, we did" summary).

``find_identifiers`` looks for NHS numbers, full dates (possible dates of birth), UK postcodes, UK phone
numbers, email addresses and given names; ``describe`` turns the findings into lines for the error shown
to staff. The check errs on the safe side: a surname that is also a common word ("Hope") is still flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from jlc_frappe.rules.messages import _
from jlc_frappe.rules.nhs_number import is_valid_nhs_number

# Labels shown to staff by describe(); a Message equals its English text, so "Name" == NAME still holds.
KINDS = (_("NHS number"), _("Date"), _("Postcode"), _("Phone number"), _("Email"), _("Name"))
NHS, DATE, POSTCODE, PHONE, EMAIL, NAME = KINDS

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
_MIN_NAME_LETTERS = 3


@dataclass(frozen=True)
class Finding:
	"""One piece of identifiable data: its kind (one of KINDS), the text as written and its offset."""

	kind: str
	text: str
	start: int

	@property
	def end(self) -> int:
		"""Offset just after the matched text."""
		return self.start + len(self.text)


# --- NHS number: 10 digits, or 3-3-4 with single spaces/hyphens, as a whole token, modulus-11 valid.
_NHS_RE = re.compile(r"(?<!\w)(?:\d{3}[ -]\d{3}[ -]\d{4}|\d{10})(?!\w)")

# --- Dates with day, month and year.
_MONTHS = (
	"january|february|march|april|may|june|july|august|september|october|november|december"
	"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(_MONTHS.split("|")[:12], start=1)}
_MONTH = rf"(?P<month>{_MONTHS})(?![a-z])\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_NUMERIC_EDGE_BEFORE = r"(?<![\d./-])"
_NUMERIC_EDGE_AFTER = r"(?![\d]|[./-]\d)"
_DMY_RE = re.compile(
	rf"{_NUMERIC_EDGE_BEFORE}(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
	rf"{_NUMERIC_EDGE_AFTER}"
)
_YMD_RE = re.compile(
	rf"{_NUMERIC_EDGE_BEFORE}(?P<year>\d{{4}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<a>\d{{1,2}})"
	rf"{_NUMERIC_EDGE_AFTER}"
)
_DAY_MONTH_YEAR_RE = re.compile(
	rf"(?<!\w){_DAY}(?:\s+of)?\s+{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
)
_DAY_MON_YEAR_HYPHEN_RE = re.compile(
	rf"(?<!\w){_DAY}-{_MONTH}-(?P<year>\d{{4}}|\d{{2}})(?!\d)", re.IGNORECASE
)
_MONTH_DAY_YEAR_RE = re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE)

# --- UK postcodes (outward code, optional single space, inward code), whole word, any case.
_POSTCODE_RE = re.compile(
	r"(?<![\w])(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
	re.IGNORECASE,
)

# --- UK phone numbers: a lead (+44, "(01234)" or a bare 0) then digit groups split by one space/hyphen.
_PHONE_RE = re.compile(
	r"(?<![\w+£$])(?<!\d[.,])"
	r"(?P<lead>\+44[ -]?(?:\(0\)[ -]?)?|\(0\d{1,5}\)[ -]?|(?=0))"
	r"(?P<body>\d+(?:[ -]\d+)*)"
)
_PHONE_GROUP_RE = re.compile(r"\d+")

# --- Email addresses.
_EMAIL_RE = re.compile(
	r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


def _scan(
	pattern: re.Pattern[str], text: str, kind: str, accept: Callable[[re.Match[str]], int | None]
) -> Iterator[Finding]:
	"""Findings for each match `accept` takes; it returns the accepted end offset, or None to reject.

	After a rejected match the search resumes one character on, so a bad candidate cannot hide a good one.
	"""
	pos = 0
	while (match := pattern.search(text, pos)) is not None:
		end = accept(match)
		if end is None:
			pos = match.start() + 1
			continue
		yield Finding(kind, text[match.start() : end], match.start())
		pos = end


def _nhs_findings(text: str) -> Iterator[Finding]:
	"""NHS numbers that pass the modulus-11 check."""
	return _scan(_NHS_RE, text, NHS, lambda m: m.end() if is_valid_nhs_number(m.group()) else None)


def _years(year: str) -> list[int]:
	"""Candidate full years: a 4-digit year as is; a 2-digit year in this century or the last."""
	if len(year) == 4:
		return [int(year)]
	return [2000 + int(year), 1900 + int(year)]


def _is_real_date(day: int, month: int, year: str) -> bool:
	"""True when day/month/year is a calendar date for at least one reading of the year."""
	for full_year in _years(year):
		try:
			date(full_year, month, day)
		except ValueError:
			continue
		return True
	return False


def _numeric_date_end(match: re.Match[str]) -> int | None:
	"""End of a numeric date read day-first or, failing that, month-first (US order errs on the safe side)."""
	first, second, year = int(match["a"]), int(match["b"]), match["year"]
	if _is_real_date(first, second, year) or _is_real_date(second, first, year):
		return match.end()
	return None


def _text_date_end(match: re.Match[str]) -> int | None:
	"""End of a date written with a month name, when the day exists in that month."""
	if _is_real_date(int(match["day"]), _MONTH_NUMBERS[match["month"][:3].lower()], match["year"]):
		return match.end()
	return None


def _date_findings(text: str) -> Iterator[Finding]:
	"""Full dates (day, month and year) in numeric, ISO or written forms."""
	yield from _scan(_DMY_RE, text, DATE, _numeric_date_end)
	yield from _scan(_YMD_RE, text, DATE, _numeric_date_end)
	yield from _scan(_DAY_MONTH_YEAR_RE, text, DATE, _text_date_end)
	yield from _scan(_DAY_MON_YEAR_HYPHEN_RE, text, DATE, _text_date_end)
	yield from _scan(_MONTH_DAY_YEAR_RE, text, DATE, _text_date_end)


def _postcode_findings(text: str) -> Iterator[Finding]:
	"""UK postcodes, with or without the space, in any case."""
	return _scan(_POSTCODE_RE, text, POSTCODE, lambda m: m.end())


def _phone_end(match: re.Match[str]) -> int | None:
	"""End of the longest run of whole digit groups making a UK number; None when no run does.

	After +44 the national number has 9-10 digits and does not start 0; otherwise (a bare 0 or "(01234)")
	the whole number has 10-11 digits.
	"""
	lead = match["lead"]
	international = lead.startswith("+44")
	digits = "" if international else re.sub(r"\D", "", lead)
	allowed = range(9, 11) if international else range(10, 12)
	if international and match["body"].startswith("0"):
		return None
	best = None
	for group in _PHONE_GROUP_RE.finditer(match["body"]):
		digits += group.group()
		if len(digits) >= allowed.stop:
			break
		if len(digits) in allowed:
			best = match.start("body") + group.end()
	return best


def _phone_findings(text: str) -> Iterator[Finding]:
	"""UK phone numbers: 10-11 digits starting 0, or +44 and 9-10 digits; groups split by a space/hyphen."""
	return _scan(_PHONE_RE, text, PHONE, _phone_end)


def _email_findings(text: str) -> Iterator[Finding]:
	"""Email addresses."""
	return _scan(_EMAIL_RE, text, EMAIL, lambda m: m.end())


def _name_tokens(name: str | None) -> list[str]:
	"""The name's tokens without leading titles (Mr, Mrs, Ms, Miss, Mx, Dr, Prof; '.' optional)."""
	tokens = (name or "").split()
	while tokens and tokens[0].rstrip(".").lower() in TITLES:
		tokens = tokens[1:]
	return tokens


def _letters(token: str) -> int:
	"""How many letters a token has (apostrophes and hyphens do not count)."""
	return sum(char.isalpha() for char in token)


def _token_pattern(token: str) -> str:
	"""Regex for one name token; a straight or curly apostrophe matches either."""
	return "".join("['\u2019]" if char in "'\u2019" else re.escape(char) for char in token)


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
	"""Whole-word, case-insensitive patterns: each full name, and its surname when >= 3 letters."""
	phrases: set[tuple[str, ...]] = set()
	for name in names:
		tokens = _name_tokens(name)
		if len(tokens) > 1 or (tokens and _letters(tokens[0]) >= _MIN_NAME_LETTERS):
			phrases.add(tuple(tokens))
		if len(tokens) > 1 and _letters(tokens[-1]) >= _MIN_NAME_LETTERS:
			phrases.add((tokens[-1],))
	ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
	return [
		re.compile(r"(?<!\w)" + r"\s+".join(map(_token_pattern, p)) + r"(?!\w)", re.IGNORECASE)
		for p in ordered
	]


def _name_findings(text: str, names: Iterable[str]) -> Iterator[Finding]:
	"""Given names (full phrase) and their surnames on their own."""
	for pattern in _name_patterns(names):
		yield from _scan(pattern, text, NAME, lambda m: m.end())


def _resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
	"""Of overlapping findings keep the earlier, then the longer, then the kind listed first in KINDS."""
	ordered = sorted(set(findings), key=lambda f: (f.start, -len(f.text), KINDS.index(f.kind), f.text))
	kept: list[Finding] = []
	for finding in ordered:
		if not kept or finding.start >= kept[-1].end:
			kept.append(finding)
	return kept


def find_identifiers(text: str | None, names: Iterable[str] = ()) -> list[Finding]:
	"""Identifiable data in `text`, in order of position; [] when clean or empty."""
	if not text:
		return []
	found: list[Finding] = [
		*_nhs_findings(text),
		*_date_findings(text),
		*_postcode_findings(text),
		*_phone_findings(text),
		*_email_findings(text),
		*_name_findings(text, names),
	]
	return _resolve_overlaps(found)


def describe(findings: Sequence[Finding]) -> list[str]:
	"""One human sentence per finding, e.g. 'NHS number "943 476 5919"' — used in the error shown to staff.

	Runs of whitespace (a name split over a line break) are shown as one space.
	"""
	return [_('{0} "{1}"', finding.kind, _one_line(finding.text)) for finding in findings]


def _one_line(text: str) -> str:
	"""The text with each run of whitespace shown as one space."""
	return " ".join(text.split())
