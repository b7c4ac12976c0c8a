"""The KO41a national return: reporting years, counting, the summary arithmetic and its checks (domain.md section 4).

Pure Python: jlc_frappe.governance.ko41a queries the records (aggregated in SQL) and hands plain rows here.

Where a complaint stands against a reporting year is read from its dates, each placed against the year as
BEFORE, DURING or AFTER it (None when the date is not recorded): see :func:`position`. A *summary row* is a
class of complaints with their count (``complaints``) and the positions of ``received``, ``closed`` and
``withdrawn``, the ``outcome``, and optionally ``outside`` (not under the regulations, reg 8: counted nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from jlc_frappe.rules.messages import Message, _
from jlc_frappe.rules.outcomes import NOT_UPHELD, PARTIALLY_UPHELD, UPHELD
from jlc_frappe.rules.people import UNKNOWN_BAND
from jlc_frappe.rules.reporting import reporting_year_of

BEFORE, DURING, AFTER = "before", "during", "after"

SUMMARY_KEYS = (
	"brought_forward",
	"new",
	"upheld",
	"partially_upheld",
	"not_upheld",
	"resolved",
	"withdrawn",
	"carried_forward",
	"open_at_end",
)
OUTCOME_KEYS = {UPHELD: "upheld", PARTIALLY_UPHELD: "partially_upheld", NOT_UPHELD: "not_upheld"}
# The sections after the summary, in the order of the return.
SECTIONS = ("age_band", "complainant_status", "service_area", "subject_area", "profession")
# Sections that count each new complaint once (their total equals new) and those that count every distinct
# value its aspects name (their total is at least new).
ONCE_SECTIONS = ("age_band", "complainant_status")
ASPECT_SECTIONS = ("subject_area", "service_area", "profession")

PATIENT, ON_BEHALF = "Patient", "On behalf of the patient"
COMPLAINANT_STATUSES = (PATIENT, ON_BEHALF)
UNKNOWN = UNKNOWN_BAND

# Why a complaint counted by the return's formula is not open at the end of the year.
WITHDRAWN, CLOSED_WITHOUT_OUTCOME, REOPENED = "withdrawn", "closed without outcome", "reopened"
NAMES_SHOWN = 20  # complaints named in one problem; the rest are counted

_YEAR = re.compile(r"^\s*(\d{4})\s*-\s*(\d{2})\s*$")


class ReportingYear(NamedTuple):
	label: str  # 2025-26
	start: date  # 1 April 2025
	end: date  # 31 March 2026


def parse_reporting_year(value: str | None) -> ReportingYear:
	"""'2025-26' -> 1 April 2025 to 31 March 2026; anything else (e.g. '2025-27', '2025', '25-26') is refused."""
	match = _YEAR.match(value or "") if isinstance(value, str) else None
	if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or int(match.group(1)) < 1900:
		given = value or ""
		raise ValueError(_("Reporting year {0} must look like 2025-26 (two consecutive years).", given))
	start = int(match.group(1))
	return ReportingYear(reporting_year_of(date(start, 4, 1)), date(start, 4, 1), date(start + 1, 3, 31))


def last_complete_year(today: date) -> str:
	"""The latest reporting year that has ended by ``today`` (the year a return is filed for)."""
	current = parse_reporting_year(reporting_year_of(today))
	return reporting_year_of(date(current.start.year - 1, 4, 1))


def position(day: date | None, year: ReportingYear) -> str | None:
	"""Where ``day`` falls against ``year``: BEFORE, DURING or AFTER it; None when there is no date."""
	if day is None:
		return None
	if day < year.start:
		return BEFORE
	return DURING if day <= year.end else AFTER


def classify(row: Mapping) -> set[str]:
	"""What one complaint (a summary row) counts as in the year: summary keys, plus WITHDRAWN-like reasons.

	In play: received before or during the year, and neither closed nor withdrawn before it. Of those, each
	ends the year as exactly one of: resolved (closed in the year with an outcome), closed without an outcome,
	withdrawn in the year, or open at the end.
	"""
	received, closed, withdrawn = row.get("received"), row.get("closed"), row.get("withdrawn")
	if row.get("outside") or received not in (BEFORE, DURING) or BEFORE in (closed, withdrawn):
		return set()
	counts = {"brought_forward" if received == BEFORE else "new"}
	if closed == DURING:
		outcome = OUTCOME_KEYS.get(row.get("outcome") or "")
		counts |= {outcome, "resolved"} if outcome else {CLOSED_WITHOUT_OUTCOME}
	elif withdrawn == DURING:
		counts.add("withdrawn")
	else:
		counts.add("open_at_end")
	return counts


def summary(rows: Iterable[Mapping]) -> dict[str, int]:
	"""The summary section from summary rows: resolved = upheld + partially upheld + not upheld;
	carried forward = brought forward + new - resolved (as the return's form computes it)."""
	counts = dict.fromkeys(SUMMARY_KEYS, 0)
	for row in rows:
		for key in classify(row) & set(SUMMARY_KEYS):
			counts[key] += int(row.get("complaints", 1))
	return arithmetic(counts)


def arithmetic(counts: Mapping[str, int]) -> dict[str, int]:
	"""The summary with resolved and carried forward worked out from the other figures."""
	result = {key: int(counts.get(key) or 0) for key in SUMMARY_KEYS}
	result["resolved"] = sum(result[key] for key in OUTCOME_KEYS.values())
	result["carried_forward"] = result["brought_forward"] + result["new"] - result["resolved"]
	return result


def section(keys: Sequence[str], rows: Iterable[tuple[str | None, int]], unknown: str | None = None):
	"""{key: count} in the order of ``keys`` (zeros included) from (key, count) rows; a key not listed is
	added after them, and a missing key counts as ``unknown`` (rows without one are dropped when None)."""
	counts = dict.fromkeys(keys, 0)
	if unknown is not None:
		counts.setdefault(unknown, 0)
	for key, count in rows:
		key = key if key not in (None, "") else unknown
		if key is not None:
			counts[key] = counts.get(key, 0) + int(count)
	return counts


def distinct_per_complaint(rows: Iterable[tuple[str, str | None]]) -> list[tuple[str, int]]:
	"""(complaint, value) rows of aspects -> (value, complaints naming it): each distinct value counts once
	per complaint, however many of its aspects name it (what the SQL's COUNT(DISTINCT complaint) does)."""
	pairs = {(complaint, value) for complaint, value in rows if value}
	counts: dict[str, int] = {}
	for _complaint, value in sorted(pairs):
		counts[value] = counts.get(value, 0) + 1
	return list(counts.items())


def status_of(complainant_is_patient) -> str:
	return PATIENT if complainant_is_patient else ON_BEHALF


def explanations(rows: Iterable[Mapping]) -> dict[str, list[str]]:
	"""Complaints (rows with ``name`` and the summary row's fields, plus ``reopened``) that explain why the
	formula's carried forward differs from what is open at the end, or that the trust should check:
	{WITHDRAWN: names, CLOSED_WITHOUT_OUTCOME: names, REOPENED: names}."""
	found: dict[str, list[str]] = {WITHDRAWN: [], CLOSED_WITHOUT_OUTCOME: [], REOPENED: []}
	for row in sorted(rows, key=lambda row: row["name"]):
		counts = classify(row)
		if "withdrawn" in counts:
			found[WITHDRAWN].append(row["name"])
		if CLOSED_WITHOUT_OUTCOME in counts:
			found[CLOSED_WITHOUT_OUTCOME].append(row["name"])
		if counts and row.get("reopened"):
			found[REOPENED].append(row["name"])
	return found


def section_name(key: str) -> Message:
	"""The name of a section of the return (``summary`` or one of SECTIONS)."""
	names = {
		"summary": _("Summary"),
		"age_band": _("Age of patient"),
		"complainant_status": _("Status of complainant"),
		"service_area": _("Service area"),
		"subject_area": _("Subject area"),
		"profession": _("Profession"),
	}
	return names[key]


def _named(names: Sequence[str]) -> str:
	shown = ", ".join(names[:NAMES_SHOWN])
	if len(names) > NAMES_SHOWN:
		return _("{0} and {1} more", shown, len(names) - NAMES_SHOWN)
	return shown


def problems(
	figures: Mapping[str, int],
	sections: Mapping[str, Mapping[str, int]],
	explained: Mapping[str, Sequence[str]] | None = None,
) -> list[Message]:
	"""What to put right, or explain, before the return is filed (empty when it is ready)."""
	explained = explained or {}
	new, found = figures["new"], []
	for key in ONCE_SECTIONS:
		total = sum(sections.get(key, {}).values())
		if total != new:
			found.append(
				_(
					"{0}: the counts add up to {1}, but there are {2} new complaints; each new complaint "
					"counts once here.",
					section_name(key),
					total,
					new,
				)
			)
	for key in ASPECT_SECTIONS:
		total = sum(sections.get(key, {}).values())
		if total < new:
			found.append(
				_(
					"{0}: the counts add up to {1}, fewer than the {2} new complaints; record an aspect "
					"naming one for every new complaint.",
					section_name(key),
					total,
					new,
				)
			)
	brought, resolved, carried = (figures[key] for key in ("brought_forward", "resolved", "carried_forward"))
	if carried < 0:
		found.append(
			_(
				"Carried forward is negative ({0} brought forward + {1} new - {2} resolved = {3}): the "
				"return refuses it; check the complaints resolved this year against those open.",
				brought,
				new,
				resolved,
				carried,
			)
		)
	found += _difference(figures, explained)
	reopened = explained.get(REOPENED) or []
	if reopened:
		found.append(
			_(
				"{0} complaint(s) counted this year were reopened after being closed; the records keep only "
				"their last closing, so check them against the earlier return: {1}.",
				len(reopened),
				_named(reopened),
			)
		)
	return found


def _difference(figures: Mapping[str, int], explained: Mapping[str, Sequence[str]]) -> list[Message]:
	carried, open_at_end = figures["carried_forward"], figures["open_at_end"]
	difference = carried - open_at_end
	if not difference:
		return []
	found = [
		_(
			"The return's carried forward is {0}, but {1} complaints were open on 31 March by the records "
			"(a difference of {2}).",
			carried,
			open_at_end,
			difference,
		)
	]
	withdrawn = explained.get(WITHDRAWN) or []
	if withdrawn:
		found.append(
			_(
				"{0} complaint(s) withdrawn in the year count in carried forward (the return has no box for "
				"them) but are not open: {1}.",
				len(withdrawn),
				_named(withdrawn),
			)
		)
	closed = explained.get(CLOSED_WITHOUT_OUTCOME) or []
	if closed:
		found.append(
			_(
				"{0} complaint(s) closed in the year without an outcome count in carried forward but are not "
				"open; give them their outcome: {1}.",
				len(closed),
				_named(closed),
			)
		)
	unexplained = difference - len(withdrawn) - len(closed)
	if unexplained:
		found.append(
			_(
				"{0} of the difference is not explained by withdrawn complaints or complaints closed without "
				"an outcome; check the complaints' dates.",
				unexplained,
			)
		)
	return found


def layout(
	figures: Mapping[str, int], sections: Mapping[str, Mapping[str, int]]
) -> list[tuple[str, str, int]]:
	"""The return in its layout, one section after another: (section, code, count) lines, the summary first."""
	lines = [("summary", key, figures[key]) for key in SUMMARY_KEYS]
	for key in SECTIONS:
		lines += [(key, code, count) for code, count in sections.get(key, {}).items()]
	return lines
