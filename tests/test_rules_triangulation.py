"""Triangulation: month arithmetic, the rising rule at its thresholds, and hotspots (two or more sources)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.triangulation import (
	HOTSPOT_MIN_COUNT_DEFAULT,
	HOTSPOT_RATIO_DEFAULT,
	SOURCES,
	add_months,
	baseline_average,
	baseline_months,
	hotspot_rows,
	is_hotspot,
	month_of,
	months_between,
	rises,
	rising_sources,
	settings_problems,
)

JAN, FEB, MAR, APR = (date(2026, m, 1) for m in (1, 2, 3, 4))
OCT, NOV, DEC = (date(2025, m, 1) for m in (10, 11, 12))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


# --- months ---


def test_month_of_and_add_months_across_year_ends() -> None:
	assert month_of(date(2026, 1, 31)) == JAN
	assert month_of(date(2024, 2, 29)) == date(2024, 2, 1)
	assert add_months(DEC, 1) == JAN
	assert add_months(JAN, -1) == DEC
	assert add_months(JAN, -3) == OCT
	assert add_months(date(2026, 1, 31), 1) == FEB, "always a first day, never 31 February"
	assert add_months(JAN, 24) == date(2028, 1, 1)
	assert add_months(JAN, 0) == JAN


def test_months_between_is_inclusive_whole_months() -> None:
	assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [NOV, DEC, JAN, FEB]
	assert months_between(date(2026, 1, 1), date(2026, 1, 31)) == [JAN]
	assert months_between(FEB, JAN) == []


def test_baseline_is_the_three_months_before_across_the_year_end() -> None:
	assert baseline_months(JAN) == [OCT, NOV, DEC]
	assert baseline_months(date(2026, 3, 31)) == [DEC, JAN, FEB]
	assert MAR not in baseline_months(MAR), "the month itself is not its own baseline"


@given(days, st.integers(min_value=-600, max_value=600))
def test_add_months_round_trips_and_counts_months(d: date, n: int) -> None:
	month = add_months(d, n)
	assert month.day == 1
	assert add_months(month, -n) == month_of(d)
	assert (month.year - d.year) * 12 + month.month - d.month == n


@given(days, days)
def test_months_between_has_no_gaps(a: date, b: date) -> None:
	first, last = min(a, b), max(a, b)
	months = months_between(first, last)
	assert months[0] == month_of(first) and months[-1] == month_of(last)
	assert all(add_months(x, 1) == y for x, y in zip(months, months[1:], strict=False))


# --- the three-month average ---


def test_average_counts_missing_months_as_zero() -> None:
	assert baseline_average({OCT: 3, NOV: 3, DEC: 3}, JAN) == 3
	assert baseline_average({DEC: 3}, JAN) == 1, "October and November had none: (0 + 0 + 3) / 3"
	assert baseline_average({}, JAN) == 0
	assert baseline_average({JAN: 9, date(2025, 9, 1): 9}, JAN) == 0, "only October to December count"
	assert baseline_average({OCT: 1, DEC: 1}, JAN) == Decimal(2) / 3


# --- the rising rule at its thresholds ---


def test_rises_needs_the_minimum_count_even_from_nothing() -> None:
	assert rises(3, 0, 3, 1.5), "3 from nothing rises at the minimum of 3"
	assert not rises(2, 0, 3, 1.5), "2 from nothing is below the minimum"
	assert rises(1, 0, 1, 1.5)


def test_rises_at_exactly_ratio_times_the_average() -> None:
	# baseline 2, 2, 2: average 2; 1.5 x 2 = 3
	assert rises(3, 6, 3, 1.5)
	assert not rises(3, 7, 3, 1.5), "average 7/3: 1.5 x 7/3 = 3.5 > 3"
	assert rises(4, 7, 3, 1.5)
	assert rises(6, 12, 3, 1.5), "6 is exactly 1.5 x 4"
	assert not rises(5, 12, 3, 1.5)
	assert rises(20, 30, 3, 2), "20 is exactly 2 x 10"
	assert not rises(19, 30, 3, 2)


def test_rises_compares_exactly_not_in_floating_point() -> None:
	# average 20/3, ratio 1.05: exactly 7, but 1.05 * (20 / 3) is 7.000000000000001 in floating point
	assert not 7 >= 1.05 * (20 / 3)
	assert rises(7, 20, 3, 1.05)
	assert not rises(6, 20, 3, 1.05)
	assert rises(7, 20, 3, Decimal("1.05"))


def test_rises_with_missing_baseline_months() -> None:
	counts = {DEC: 3}  # Oct and Nov missing: average 1
	total = sum(counts.get(m, 0) for m in baseline_months(JAN))
	assert total == 3
	assert rises(3, total, 3, 1.5), "3 >= 1.5 x 1"
	assert rises(3, total, 3, 3), "3 >= 3 x 1"
	assert not rises(3, total, 3, 3.01)


@given(
	st.integers(min_value=0, max_value=500),
	st.integers(min_value=0, max_value=1500),
	st.integers(min_value=1, max_value=50),
	st.decimals(min_value=1, max_value=10, places=2),
)
def test_rises_matches_exact_arithmetic(count: int, total: int, min_count: int, ratio: Decimal) -> None:
	expected = count >= min_count and Fraction(count) >= Fraction(ratio) * Fraction(total, 3)
	assert rises(count, total, min_count, float(ratio)) == expected
	assert rises(count, total, min_count, ratio) == expected


@given(st.integers(min_value=0, max_value=1500), st.integers(min_value=1, max_value=50))
def test_more_records_never_stop_a_rise(total: int, min_count: int) -> None:
	risen = [rises(c, total, min_count, 1.5) for c in range(0, 600)]
	assert risen == sorted(risen), "once a count rises, every higher count rises too"


@pytest.mark.parametrize(
	("min_count", "ratio"),
	[(0, 1.5), (-1, 1.5), (True, 1.5), (2.5, 1.5), (3, 0.99), (3, 0), (3, float("nan")), (3, float("inf"))],
)
def test_settings_refused(min_count, ratio) -> None:
	assert settings_problems(min_count, ratio)
	with pytest.raises(ValueError):
		rises(5, 0, min_count, ratio)


def test_settings_defaults_accepted() -> None:
	assert settings_problems(HOTSPOT_MIN_COUNT_DEFAULT, HOTSPOT_RATIO_DEFAULT) == []
	assert settings_problems(1, 1) == []
	assert (HOTSPOT_MIN_COUNT_DEFAULT, HOTSPOT_RATIO_DEFAULT) == (3, 1.5)


# --- hotspots ---


def test_rising_sources_in_source_order_and_missing_sources_are_zero() -> None:
	counts = {"claims": {JAN: 3}, "complaints": {OCT: 1, NOV: 1, DEC: 1, JAN: 3}, "incidents": {}}
	assert rising_sources(counts, JAN, 3, 1.5) == ["complaints", "claims"]
	assert rising_sources(counts, date(2026, 1, 20), 3, 1.5) == ["complaints", "claims"]
	assert rising_sources(counts, FEB, 3, 1.5) == []


def test_a_hotspot_needs_two_sources() -> None:
	assert not is_hotspot([])
	assert not is_hotspot(["complaints"])
	assert not is_hotspot(["complaints", "complaints"]), "one source named twice is still one"
	assert is_hotspot(["complaints", "incidents"])
	assert is_hotspot(SOURCES)


def _counts(**by_area) -> dict:
	"""{(area, source, month): n} from area=[(source, month, n), ...]."""
	return {(area, s, m): n for area, rows in by_area.items() for s, m, n in rows}


def test_hotspot_rows_hand_counted() -> None:
	counts = _counts(
		# A: complaints 1/month Oct-Dec then 4 in Jan; incidents none then 3 in Jan: two sources, a hotspot.
		A=[("complaints", OCT, 1), ("complaints", NOV, 1), ("complaints", DEC, 1), ("complaints", JAN, 4)]
		+ [("incidents", JAN, 3), ("claims", FEB, 1)],
		# B: complaints rise in Jan, incidents steady: one source, no hotspot.
		B=[("complaints", JAN, 5)] + [("incidents", m, 2) for m in (OCT, NOV, DEC, JAN)],
		# C: records only before the period: not listed.
		C=[("complaints", DEC, 9)],
	)
	rows = hotspot_rows(counts, date(2026, 1, 15), date(2026, 2, 3), 3, 1.5)
	assert [(r["service_area"], r["month"]) for r in rows] == [("A", JAN), ("A", FEB), ("B", JAN), ("B", FEB)]
	assert rows[0] == {
		"service_area": "A",
		"month": JAN,
		"complaints": 4,
		"incidents": 3,
		"claims": 0,
		"candour": 0,
		"rising": ["complaints", "incidents"],
		"hotspot": True,
	}
	assert (rows[1]["claims"], rows[1]["rising"], rows[1]["hotspot"]) == (1, [], False)
	assert (rows[2]["complaints"], rows[2]["incidents"]) == (5, 2)
	assert (rows[2]["rising"], rows[2]["hotspot"]) == (["complaints"], False)


def test_hotspot_rows_settings_change_the_result() -> None:
	counts = _counts(A=[("complaints", JAN, 3), ("incidents", JAN, 3)])
	assert hotspot_rows(counts, JAN, JAN, 3, 1.5)[0]["hotspot"]
	assert not hotspot_rows(counts, JAN, JAN, 4, 1.5)[0]["hotspot"], "3 records are below a minimum of 4"
	counts = _counts(A=[("complaints", m, 2) for m in (OCT, NOV, DEC)] + [("complaints", JAN, 4)])
	assert hotspot_rows(counts, JAN, JAN, 3, 2)[0]["rising"] == ["complaints"]
	assert hotspot_rows(counts, JAN, JAN, 3, 2.5)[0]["rising"] == []


def test_month_boundaries_in_rows() -> None:
	"""Counts keyed by any day land in their month; the first month reads the three before it."""
	counts = {("A", "complaints", date(2025, 12, 31)): 2, ("A", "complaints", date(2026, 1, 1)): 3}
	rows = hotspot_rows(counts, JAN, date(2026, 1, 31), 3, 1.5)
	assert len(rows) == 1 and rows[0]["complaints"] == 3
	# December's 2 make an average of 2/3; 3 >= 1.5 x 2/3
	assert rows[0]["rising"] == ["complaints"]
	rows = hotspot_rows(counts, DEC, JAN, 3, 1.5)
	assert [(r["month"], r["complaints"]) for r in rows] == [(DEC, 2), (JAN, 3)]
	assert rows[0]["rising"] == [], "2 is below the minimum of 3"


@given(
	st.dictionaries(
		st.tuples(
			st.sampled_from("AB"), st.sampled_from(SOURCES), st.sampled_from([OCT, NOV, DEC, JAN, FEB])
		),
		st.integers(min_value=0, max_value=12),
	)
)
def test_hotspot_rows_agree_with_the_rule(counts: dict) -> None:
	rows = hotspot_rows(counts, JAN, FEB, 3, 1.5)
	for row in rows:
		for source in SOURCES:
			assert row[source] == counts.get((row["service_area"], source, row["month"]), 0)
			total = sum(
				counts.get((row["service_area"], source, m), 0) for m in baseline_months(row["month"])
			)
			assert (source in row["rising"]) == rises(row[source], total, 3, 1.5)
		assert row["hotspot"] == (len(row["rising"]) >= 2)
	listed = {row["service_area"] for row in rows}
	assert listed == {a for (a, _s, m), n in counts.items() if n and m >= JAN}


def test_no_rows_for_an_empty_or_reversed_period() -> None:
	assert hotspot_rows({}, JAN, MAR, 3, 1.5) == []
	assert hotspot_rows(_counts(A=[("complaints", JAN, 5)]), APR, MAR, 3, 1.5) == []
