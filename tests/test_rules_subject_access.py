"""Subject access requests (UK GDPR article 12(3)): one calendar month, extendable by two, and the status."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.subject_access import (
	COMPLETED,
	OPEN,
	OVERDUE,
	due_on,
	request_problems,
	request_status,
)

CALENDAR = WorkingCalendar()


def test_one_calendar_month_to_the_same_date() -> None:
	assert due_on(date(2025, 9, 3)) == date(2025, 10, 3)  # the ICO's example
	assert due_on(date(2026, 3, 16)) == date(2026, 4, 16)


def test_a_month_without_the_date_ends_on_its_last_day() -> None:
	assert due_on(date(2026, 1, 31)) == date(2026, 2, 28)
	assert due_on(date(2028, 1, 30)) == date(2028, 2, 29)
	assert due_on(date(2026, 3, 31)) == date(2026, 4, 30)


def test_a_due_date_on_a_weekend_or_bank_holiday_moves_to_the_next_working_day() -> None:
	assert due_on(date(2026, 9, 5), calendar=CALENDAR) == date(2026, 10, 5)  # 5 October 2026 is a Monday
	assert due_on(date(2026, 9, 3), calendar=CALENDAR) == date(2026, 10, 5)  # Saturday 3 October: Monday
	assert due_on(date(2026, 11, 25), calendar=CALENDAR) == date(2026, 12, 29)  # Christmas, Boxing Day (sub.)
	assert due_on(date(2026, 11, 25)) == date(2026, 12, 25)  # without a calendar: the date itself


def test_closure_days_count_too() -> None:
	closed = WorkingCalendar([date(2026, 10, 5)])
	assert due_on(date(2026, 9, 5), calendar=closed) == date(2026, 10, 6)


def test_extension_by_two_further_months() -> None:
	assert due_on(date(2026, 1, 15), extended=True) == date(2026, 4, 15)
	assert due_on(date(2025, 11, 30), extended=True) == date(2026, 2, 28)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_never_less_than_28_days_nor_more_than_a_month_and_a_long_weekend(received: date) -> None:
	days = (due_on(received, calendar=CALENDAR) - received).days
	assert 28 <= days <= 31 + 4


def test_status() -> None:
	due = date(2026, 4, 16)
	assert request_status(due, None, date(2026, 4, 16)) == OPEN
	assert request_status(due, None, date(2026, 4, 17)) == OVERDUE
	assert request_status(due, date(2026, 4, 20), date(2026, 5, 1)) == COMPLETED


def test_problems() -> None:
	today = date(2026, 3, 10)
	assert request_problems(date(2026, 3, 1), None, today) == []
	assert request_problems(date(2026, 3, 11), None, today)  # received in the future
	assert request_problems(date(2026, 3, 1), date(2026, 2, 28), today)  # answered before received
	assert request_problems(date(2026, 3, 1), date(2026, 3, 12), today)  # answered in the future
	# an extension is set within the first month, not after it
	assert request_problems(date(2026, 3, 1), None, today, extending=True, first_due=date(2026, 4, 1)) == []
	late = request_problems(date(2026, 1, 5), None, today, extending=True, first_due=date(2026, 2, 5))
	assert late and "first month" in late[0]
