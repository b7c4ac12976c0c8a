"""KO41a return: reporting years, counting, the summary arithmetic and its checks (domain.md section 4)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules import ko41a
from jlc_frappe.rules.messages import Message

YEAR = ko41a.parse_reporting_year("2025-26")
B, D, A = ko41a.BEFORE, ko41a.DURING, ko41a.AFTER


def row(received, closed=None, withdrawn=None, outcome=None, complaints=1, **more):
	return {
		"received": received,
		"closed": closed,
		"withdrawn": withdrawn,
		"outcome": outcome,
		"complaints": complaints,
		**more,
	}


def complaint(received: str, closed: str | None = None, withdrawn: str | None = None, **more) -> dict:
	"""A summary row for one complaint given by its dates."""
	on = lambda d: ko41a.position(date.fromisoformat(d) if d else None, YEAR)  # noqa: E731
	return row(on(received), on(closed), on(withdrawn), **more)


def ready_sections(new: int) -> dict:
	"""Sections that pass every check for `new` complaints."""
	return {key: {"X": new} for key in ko41a.SECTIONS}


# --- reporting years


def test_reporting_year_runs_april_to_march() -> None:
	assert YEAR == ("2025-26", date(2025, 4, 1), date(2026, 3, 31))
	assert ko41a.parse_reporting_year(" 1999-00 ") == ("1999-00", date(1999, 4, 1), date(2000, 3, 31))


@pytest.mark.parametrize(
	"bad", ["2025-27", "2025", "25-26", "2025/26", "", None, "abcd-ef", "2025-2026", 2025]
)
def test_bad_reporting_year_is_refused(bad) -> None:
	with pytest.raises(ValueError, match="must look like 2025-26") as raised:
		ko41a.parse_reporting_year(bad)
	assert isinstance(raised.value.args[0], Message)


def test_last_complete_year() -> None:
	assert ko41a.last_complete_year(date(2026, 11, 26)) == "2025-26"
	assert ko41a.last_complete_year(date(2026, 4, 1)) == "2025-26"
	assert ko41a.last_complete_year(date(2026, 3, 31)) == "2024-25"


def test_position() -> None:
	assert [ko41a.position(d, YEAR) for d in (None, date(2025, 3, 31), date(2025, 4, 1))] == [None, B, D]
	assert [ko41a.position(d, YEAR) for d in (date(2026, 3, 31), date(2026, 4, 1))] == [D, A]


# --- the summary


def test_summary_of_a_hand_counted_year() -> None:
	rows = [
		complaint("2025-01-10"),  # brought forward, still open
		complaint("2025-02-01", closed="2025-05-01", outcome="Upheld"),  # brought forward, resolved
		complaint("2025-03-01", closed="2025-03-20", outcome="Upheld"),  # closed before: not counted
		complaint("2025-03-02", withdrawn="2025-03-30"),  # withdrawn before: not counted
		complaint("2025-04-01", closed="2026-03-31", outcome="Partially Upheld"),  # new, resolved
		complaint("2025-06-01", closed="2025-07-01", outcome="Not Upheld"),  # new, resolved
		complaint("2025-06-02", withdrawn="2025-06-20"),  # new, withdrawn
		complaint("2025-07-01", closed="2026-04-02", outcome="Upheld"),  # new, open at end (closed after)
		complaint("2026-03-31"),  # new, open at end
		complaint("2026-04-01"),  # next year: not counted
		complaint("2025-08-01", not_under_regulations=True, outside=True),  # reg 8: not counted anywhere
		complaint("2024-08-01", closed="2025-09-01", outcome="Upheld", outside=True),
	]
	figures = ko41a.summary(rows)
	assert figures == {
		"brought_forward": 2,
		"new": 5,
		"upheld": 1,
		"partially_upheld": 1,
		"not_upheld": 1,
		"resolved": 3,
		"withdrawn": 1,
		"carried_forward": 4,
		"open_at_end": 3,
	}
	assert list(figures) == list(ko41a.SUMMARY_KEYS)


def test_summary_rows_carry_their_count() -> None:
	rows = [row(B, complaints=7), row(D, D, outcome="Upheld", complaints=3), row(D, None, D, complaints=2)]
	figures = ko41a.summary(rows)
	assert (figures["brought_forward"], figures["new"], figures["upheld"], figures["withdrawn"]) == (
		7,
		5,
		3,
		2,
	)
	assert (figures["carried_forward"], figures["open_at_end"]) == (9, 7)


def test_each_complaint_ends_the_year_once() -> None:
	ends = {"resolved", "withdrawn", "open_at_end", ko41a.CLOSED_WITHOUT_OUTCOME}
	for received in (B, D):
		for closed in (None, D, A):
			for withdrawn in (None, D, A):
				for outcome in (None, "Upheld"):
					counted = ko41a.classify(row(received, closed, withdrawn, outcome))
					assert len(counted & ends) == 1, (received, closed, withdrawn, outcome, counted)


def test_arithmetic() -> None:
	figures = ko41a.arithmetic({"brought_forward": 10, "new": 5, "upheld": 4, "partially_upheld": 3})
	assert (figures["resolved"], figures["carried_forward"]) == (7, 8)
	figures = ko41a.arithmetic({"brought_forward": 1, "new": 0, "not_upheld": 3, "resolved": 99})
	assert (figures["resolved"], figures["carried_forward"]) == (3, -2), "resolved is always worked out"


@settings(max_examples=200, deadline=None)
@given(
	st.lists(
		st.tuples(
			st.sampled_from((B, D, A, None)),
			st.sampled_from((B, D, A, None)),
			st.sampled_from((B, D, A, None)),
			st.sampled_from((None, "", "Upheld", "Partially Upheld", "Not Upheld")),
			st.integers(min_value=1, max_value=50),
			st.booleans(),
		),
		max_size=30,
	)
)
def test_summary_properties(rows) -> None:
	rows = [row(r, c, w, o, n, outside=out) for r, c, w, o, n, out in rows]
	figures = ko41a.summary(rows)
	explained = ko41a.explanations(
		[{**r, "name": f"C{i}"} for i, r in enumerate(rows) if r["complaints"] == 1]
	)
	assert figures["resolved"] == figures["upheld"] + figures["partially_upheld"] + figures["not_upheld"]
	assert figures["carried_forward"] == figures["brought_forward"] + figures["new"] - figures["resolved"]
	assert figures["carried_forward"] >= figures["open_at_end"] >= 0, "the records never resolve more"
	counted = [r for r in rows if not r["outside"] and B not in (r["closed"], r["withdrawn"])]
	assert figures["new"] == sum(r["complaints"] for r in counted if r["received"] == D)
	assert figures["brought_forward"] == sum(r["complaints"] for r in counted if r["received"] == B)
	if all(r["complaints"] == 1 for r in rows):
		unexplained = [p for p in ko41a.problems(figures, {}, explained) if "not explained" in p]
		assert unexplained == [], "records always explain the difference"


# --- sections


def test_section_fills_zeros_keeps_order_and_adds_what_it_does_not_know() -> None:
	counted = ko41a.section(
		["0-17", "18-64", "65+"], [("65+", 2), (None, 1), ("", 1), ("Old band", 3)], "Unknown"
	)
	assert counted == {"0-17": 0, "18-64": 0, "65+": 2, "Unknown": 2, "Old band": 3}
	assert list(counted)[:3] == ["0-17", "18-64", "65+"]
	assert ko41a.section(["SA01"], [(None, 4), ("SA02", 1)]) == {"SA01": 0, "SA02": 1}, "no key: dropped"


def test_multi_aspect_complaint_counts_each_distinct_value_once() -> None:
	# the guidance's example: three subjects, all in Mental Health, by one profession
	aspects = [("C1", "SA01"), ("C1", "SA04"), ("C1", "SA06")]
	services = [("C1", "SV08")] * 3
	professions = [("C1", "SG01"), ("C1", "SG01"), ("C1", "SG01")]  # the profession named in every aspect
	assert sorted(ko41a.distinct_per_complaint(aspects)) == [("SA01", 1), ("SA04", 1), ("SA06", 1)]
	assert ko41a.distinct_per_complaint(services) == [("SV08", 1)]
	assert ko41a.distinct_per_complaint(professions) == [("SG01", 1)]


def test_profession_named_twice_in_one_complaint_counts_once_for_it() -> None:
	rows = [("C1", "SG01"), ("C1", "SG02"), ("C1", "SG01"), ("C2", "SG01"), ("C2", None), ("C3", "")]
	assert dict(ko41a.distinct_per_complaint(rows)) == {"SG01": 2, "SG02": 1}
	section = ko41a.section(["SG01", "SG02", "SG99"], ko41a.distinct_per_complaint(rows))
	assert section == {"SG01": 2, "SG02": 1, "SG99": 0}


def test_complainant_status() -> None:
	assert [ko41a.status_of(v) for v in (1, 0, None)] == [ko41a.PATIENT, ko41a.ON_BEHALF, ko41a.ON_BEHALF]


def test_layout_is_the_summary_then_each_section() -> None:
	figures = ko41a.arithmetic({"new": 1, "upheld": 1})
	sections = {"age_band": {"0-17": 1}, "profession": {"SG01": 1}}
	lines = ko41a.layout(figures, sections)
	assert lines[: len(ko41a.SUMMARY_KEYS)] == [("summary", key, figures[key]) for key in ko41a.SUMMARY_KEYS]
	assert lines[len(ko41a.SUMMARY_KEYS) :] == [("age_band", "0-17", 1), ("profession", "SG01", 1)]


# --- problems


def test_a_ready_return_has_no_problems() -> None:
	figures = ko41a.summary([complaint("2025-05-01"), complaint("2024-05-01")])
	assert ko41a.problems(figures, ready_sections(1)) == []


def test_age_and_status_totals_must_equal_new() -> None:
	figures = ko41a.arithmetic({"new": 3, "open_at_end": 3})
	sections = ready_sections(3) | {"age_band": {"0-17": 2}, "complainant_status": {"Patient": 4}}
	found = ko41a.problems(figures, sections)
	assert len(found) == 2
	assert "Age of patient: the counts add up to 2, but there are 3 new complaints" in found[0]
	assert "Status of complainant: the counts add up to 4" in found[1]


def test_aspect_sections_at_least_new() -> None:
	figures = ko41a.arithmetic({"new": 3, "open_at_end": 3})
	more = ready_sections(3) | {"subject_area": {"SA01": 3, "SA02": 2}}  # more than new is right
	assert ko41a.problems(figures, more) == []
	fewer = ready_sections(3) | {"service_area": {"SV01": 2}, "profession": {}}
	found = ko41a.problems(figures, fewer)
	assert [p.split(":")[0] for p in found] == ["Service area", "Profession"]
	assert "fewer than the 3 new complaints" in found[0]


def test_carried_forward_never_negative() -> None:
	figures = ko41a.arithmetic({"brought_forward": 1, "new": 0, "upheld": 3})
	found = ko41a.problems(figures, ready_sections(0))
	assert "Carried forward is negative (1 brought forward + 0 new - 3 resolved = -2)" in found[0]


def test_withdrawn_complaints_explain_the_difference() -> None:
	rows = [
		complaint("2025-05-01", withdrawn="2025-06-01", name="COMP-2025-00002"),
		complaint("2025-02-01", withdrawn="2025-04-10", name="COMP-2025-00001"),  # brought forward, withdrawn
		complaint("2025-02-02", withdrawn="2025-03-10", name="COMP-2025-00009"),  # withdrawn before the year
		complaint("2025-05-02", closed="2025-07-01", name="COMP-2025-00003"),  # closed without an outcome
		complaint("2025-05-03", name="COMP-2025-00004"),
	]
	figures = ko41a.summary(rows)
	assert (figures["withdrawn"], figures["carried_forward"], figures["open_at_end"]) == (2, 4, 1)
	explained = ko41a.explanations(rows)
	assert explained[ko41a.WITHDRAWN] == ["COMP-2025-00001", "COMP-2025-00002"]
	assert explained[ko41a.CLOSED_WITHOUT_OUTCOME] == ["COMP-2025-00003"]
	found = ko41a.problems(figures, ready_sections(figures["new"]), explained)
	assert found[0] == (
		"The return's carried forward is 4, but 1 complaints were open on 31 March by the records "
		"(a difference of 3)."
	)
	assert "2 complaint(s) withdrawn in the year" in found[1]
	assert found[1].endswith("COMP-2025-00001, COMP-2025-00002.")
	assert "closed in the year without an outcome" in found[2] and "COMP-2025-00003" in found[2]
	assert len(found) == 3, "the records explain all of the difference"
	assert all(isinstance(problem, Message) for problem in found)


def test_unexplained_difference_and_long_lists() -> None:
	figures = ko41a.arithmetic({"brought_forward": 30, "open_at_end": 2})
	names = [f"COMP-{i:05d}" for i in range(25)]
	found = ko41a.problems(figures, ready_sections(0), {ko41a.WITHDRAWN: names})
	assert "and 5 more" in found[1] and "COMP-00019" in found[1] and "COMP-00020" not in found[1]
	assert found[2].startswith("3 of the difference is not explained")


def test_reopened_complaints_are_named() -> None:
	rows = [
		complaint("2025-01-10", name="C-1", reopened=1),  # open, reopened: counted, named
		complaint("2023-01-10", closed="2024-01-01", outcome="Upheld", name="C-2", reopened=2),  # not counted
	]
	explained = ko41a.explanations(rows)
	assert explained[ko41a.REOPENED] == ["C-1"]
	found = ko41a.problems(ko41a.summary(rows), ready_sections(0), explained)
	assert len(found) == 1 and "reopened" in found[0] and found[0].endswith("C-1.")
