"""CQC requests (regulations 16(3) and 17(3)): 28 days beginning with the day after receipt, and the status."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.cqc import (
	OPEN,
	OVERDUE,
	RESPONSE_DAYS,
	SENT,
	due_on,
	request_problems,
	request_status,
)
from jlc_frappe.rules.messages import Message


def test_received_3_march_is_due_31_march() -> None:
	assert due_on(date(2026, 3, 3)) == date(2026, 3, 31)


def test_month_boundaries() -> None:
	assert due_on(date(2026, 1, 31)) == date(2026, 2, 28)  # into a short February
	assert due_on(date(2026, 2, 1)) == date(2026, 3, 1)  # February has exactly 28 days
	assert due_on(date(2026, 4, 30)) == date(2026, 5, 28)
	assert due_on(date(2026, 12, 10)) == date(2027, 1, 7)  # across the year end


def test_leap_years() -> None:
	assert due_on(date(2028, 2, 1)) == date(2028, 2, 29)  # 29 February exists in 2028
	assert due_on(date(2028, 2, 2)) == date(2028, 3, 1)
	assert due_on(date(2027, 2, 1)) == date(2027, 3, 1)  # not in 2027
	assert due_on(date(2028, 1, 31)) == date(2028, 2, 28)
	assert due_on(date(2100, 2, 1)) == date(2100, 3, 1)  # 2100 is no leap year


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_the_28_days_begin_the_day_after_receipt(received: date) -> None:
	due = due_on(received)
	days = [received + timedelta(days=n) for n in range(1, RESPONSE_DAYS + 1)]
	assert days[-1] == due and days[0] == received + timedelta(days=1) and len(days) == 28


def test_status_from_dates() -> None:
	due = date(2026, 3, 31)
	assert request_status(due, None, date(2026, 3, 4)) == OPEN
	assert request_status(due, None, due) == OPEN  # the due date itself is still in time
	assert request_status(due, None, date(2026, 4, 1)) == OVERDUE
	assert request_status(due, date(2026, 3, 20), date(2026, 4, 1)) == SENT
	assert request_status(due, date(2026, 4, 5), date(2026, 4, 10)) == SENT  # sent late is still sent
	assert request_status(None, None, date(2026, 4, 1)) == OPEN


def test_good_dates_have_no_problems() -> None:
	today = date(2026, 3, 10)
	assert request_problems(date(2026, 3, 3), date(2025, 4, 1), date(2026, 3, 31), None, today) == []
	assert (
		request_problems(date(2026, 3, 3), date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 3), today) == []
	)
	assert request_problems(None, None, None, None, today) == []


def test_bad_dates_are_named() -> None:
	today = date(2026, 3, 10)
	(future,) = request_problems(date(2026, 3, 11), None, None, None, today)
	assert "future" in future and "2026-03-11" in future
	(period,) = request_problems(date(2026, 3, 3), date(2026, 2, 1), date(2026, 1, 31), None, today)
	assert period == "The period asked about ends (2026-01-31) before it begins (2026-02-01)."
	(early,) = request_problems(date(2026, 3, 3), None, None, date(2026, 3, 2), today)
	assert "before the request was received" in early
	(later,) = request_problems(date(2026, 3, 3), None, None, date(2026, 3, 12), today)
	assert "sent in the future" in later
	assert isinstance(period, Message) and period.args == ("2026-01-31", "2026-02-01")  # translatable


def test_a_date_formatter_shows_dates_to_the_reader() -> None:
	(period,) = request_problems(
		None,
		date(2026, 2, 1),
		date(2026, 1, 31),
		None,
		date(2026, 3, 10),
		fmt=lambda d: d.strftime("%d-%m-%Y"),
	)
	assert "31-01-2026" in period
