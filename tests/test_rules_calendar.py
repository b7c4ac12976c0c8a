"""England working days (SI 2012/3094) and month arithmetic; worked dates checkable by hand."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules.calendar import WorkingCalendar, add_months

CAL = WorkingCalendar()
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
CLOSURES = st.frozensets(DATES, max_size=20)
SETTINGS = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
	"day",
	[
		date(2026, 4, 3),  # Good Friday 2026
		date(2026, 4, 6),  # Easter Monday 2026
		date(2025, 4, 18),  # Good Friday 2025
		date(2025, 4, 21),  # Easter Monday 2025
		date(2026, 12, 25),  # Christmas Day 2026 (Fri)
		date(2026, 12, 28),  # Mon: substitute for Boxing Day, which falls on Sat 26 Dec 2026
		date(2027, 1, 1),  # New Year's Day 2027 (Fri)
		date(2026, 12, 26),  # Saturday
		date(2026, 12, 27),  # Sunday
	],
)
def test_non_working_days(day: date) -> None:
	assert not CAL.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 2), date(2026, 4, 7), date(2026, 12, 29), date(2026, 12, 31)])
def test_working_days(day: date) -> None:
	assert CAL.is_working_day(day)


def test_easter_2026_span() -> None:
	# Thu 2 Apr 2026 + 1 working day: Fri 3 (Good Friday), Sat, Sun, Mon 6 (Easter Monday) skipped
	# -> Tue 7 Apr.
	assert CAL.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
	assert CAL.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)
	assert CAL.working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_easter_2025_span() -> None:
	# Thu 17 Apr 2025 + 2: Fri 18 (Good Friday), weekend, Mon 21 (Easter Monday) skipped
	# -> Tue 22 = 1, Wed 23 = 2.
	assert CAL.add_working_days(date(2025, 4, 17), 2) == date(2025, 4, 23)


def test_christmas_2026_span() -> None:
	# From Thu 24 Dec 2026: Fri 25 (Christmas), Sat 26, Sun 27, Mon 28 (Boxing Day substitute)
	# are not working;
	# Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Fri 1 Jan 2027 (New Year) skipped, Mon 4 Jan 2027 = 4.
	assert CAL.add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 31)
	assert CAL.add_working_days(date(2026, 12, 24), 4) == date(2027, 1, 4)
	assert CAL.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_saturday_start() -> None:
	# Sat 7 Mar 2026 + 3: Sun skipped, Mon 9 = 1, Tue 10 = 2, Wed 11 = 3.
	assert CAL.add_working_days(date(2026, 3, 7), 3) == date(2026, 3, 11)


def test_zero_and_negative() -> None:
	saturday = date(2026, 3, 7)
	assert CAL.add_working_days(saturday, 0) == saturday
	# Tue 7 Apr 2026 - 1 working day: Mon 6 (Easter Monday), weekend, Fri 3 (Good Friday) skipped
	# -> Thu 2 Apr.
	assert CAL.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)
	assert CAL.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1


def test_closure_day_shifts() -> None:
	# Site closed Wed 11 Mar 2026: Sat 7 Mar + 3 becomes Mon 9, Tue 10, (Wed closed), Thu 12.
	cal = WorkingCalendar(closure_days=[date(2026, 3, 11)])
	assert not cal.is_working_day(date(2026, 3, 11))
	assert cal.add_working_days(date(2026, 3, 7), 3) == date(2026, 3, 12)
	assert cal.working_days_between(date(2026, 3, 7), date(2026, 3, 12)) == 3


@pytest.mark.parametrize(
	("start", "months", "expected"),
	[
		(date(2025, 8, 31), 6, date(2026, 2, 28)),
		(date(2023, 8, 31), 6, date(2024, 2, 29)),
		(date(2024, 2, 29), 12, date(2025, 2, 28)),
		(date(2024, 2, 29), 6, date(2024, 8, 29)),
		(date(2026, 3, 31), 6, date(2026, 9, 30)),
		(date(2026, 11, 15), 3, date(2027, 2, 15)),
		(date(2026, 3, 31), -1, date(2026, 2, 28)),
		(date(2026, 1, 10), 0, date(2026, 1, 10)),
	],
)
def test_add_months(start: date, months: int, expected: date) -> None:
	assert add_months(start, months) == expected


@SETTINGS
@given(start=DATES, n=st.integers(min_value=1, max_value=400), closures=CLOSURES)
def test_add_lands_on_working_day(start: date, n: int, closures: frozenset[date]) -> None:
	cal = WorkingCalendar(closures)
	result = cal.add_working_days(start, n)
	assert result > start
	assert cal.is_working_day(result)


@SETTINGS
@given(start=DATES, n=st.integers(min_value=0, max_value=400))
def test_add_monotone(start: date, n: int) -> None:
	assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)
	assert CAL.add_working_days(start, -n) > CAL.add_working_days(start, -n - 1)


@SETTINGS
@given(start=DATES, n=st.integers(min_value=0, max_value=400), closures=CLOSURES)
def test_between_inverts_add(start: date, n: int, closures: frozenset[date]) -> None:
	cal = WorkingCalendar(closures)
	assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@SETTINGS
@given(start=DATES, n=st.integers(min_value=0, max_value=400))
def test_between_inverts_subtract_from_working_day(start: date, n: int) -> None:
	anchor = start if CAL.is_working_day(start) else CAL.next_working_day(start)
	assert CAL.working_days_between(CAL.add_working_days(anchor, -n), anchor) == n


@SETTINGS
@given(a=DATES, span=st.integers(min_value=0, max_value=800), closures=CLOSURES)
def test_between_matches_naive_count(a: date, span: int, closures: frozenset[date]) -> None:
	cal = WorkingCalendar(closures)
	b = a + timedelta(days=span)
	naive = sum(1 for k in range(1, span + 1) if cal.is_working_day(a + timedelta(days=k)))
	assert cal.working_days_between(a, b) == naive
	assert cal.working_days_between(b, a) == -naive


@SETTINGS
@given(start=DATES, months=st.integers(min_value=-60, max_value=60))
def test_add_months_clamps(start: date, months: int) -> None:
	result = add_months(start, months)
	assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
	assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)
