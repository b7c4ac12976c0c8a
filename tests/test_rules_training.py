"""Staff training (rules.training): when a completion expires, when a module is due, and a person's status on a day."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.training import (
	COMPLETE,
	DUE,
	EXPIRED,
	OVERDUE,
	STATUSES,
	add_months,
	check_completion,
	check_module,
	complete_rate,
	counts_on,
	due_on,
	expires_on,
	review_due_on,
	status,
	tally,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
	assert add_months(date(2025, 4, 15), 12) == date(2026, 4, 15)
	assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
	assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29), "a leap year"
	assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
	assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28), "across the year end"
	assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)


def test_expiry_from_the_refresh_period():
	assert expires_on(date(2025, 6, 10), 36) == date(2028, 6, 10), "a three-yearly refresher"
	assert expires_on(date(2025, 6, 10), 0) is None, "no refresher: never expires"
	assert expires_on(date(2025, 6, 10), None) is None
	assert expires_on(None, 12) is None


def test_due_counts_from_joining_or_from_when_the_module_was_required():
	assert due_on(date(2025, 9, 1), date(2020, 1, 1), 30) == date(2025, 10, 1), "joined after it was required"
	assert due_on(date(2015, 9, 1), date(2026, 4, 1), 90) == date(2026, 6, 30), "a module new to old hands"
	assert due_on(date(2025, 9, 1), None, 0) == date(2025, 9, 1)
	assert due_on(None, None, 30) is None


def test_status_on_a_day():
	due = date(2026, 1, 31)
	assert status(date(2026, 1, 10), due, None, None) == DUE
	assert status(date(2026, 1, 31), due, None, None) == DUE, "the due day itself is in time"
	assert status(date(2026, 2, 1), due, None, None) == OVERDUE
	assert status(date(2026, 2, 1), due, date(2026, 1, 20), None) == COMPLETE, "no refresher"
	assert status(date(2027, 1, 19), due, date(2026, 1, 20), date(2027, 1, 20)) == COMPLETE
	assert status(date(2027, 1, 20), due, date(2026, 1, 20), date(2027, 1, 20)) == EXPIRED, (
		"on the expiry day"
	)
	assert status(date(2026, 1, 10), due, date(2026, 1, 20), None) == DUE, "done after the day asked about"
	assert status(date(2026, 1, 10), None, None, None) == DUE, "no due day known: not late"


@given(days, st.integers(0, 400), st.integers(0, 60), st.integers(-30, 2000), st.integers(0, 3000))
def test_status_properties(joined, within, refresh, done_after, asked_after):
	due = due_on(joined, None, within)
	completed = joined + timedelta(days=done_after) if done_after >= 0 else None
	valid_until = expires_on(completed, refresh)
	as_of = joined + timedelta(days=asked_after)
	found = status(as_of, due, completed, valid_until)
	assert found in STATUSES
	if completed is not None and completed <= as_of:
		assert found in (COMPLETE, EXPIRED)
		assert (found == COMPLETE) == counts_on(valid_until, as_of)
		if refresh:
			assert valid_until > completed, "a completion counts on the day it was done"
	else:
		assert found == (DUE if as_of <= due else OVERDUE)


def test_tally_and_rate():
	counts = tally([COMPLETE, COMPLETE, DUE, OVERDUE, EXPIRED, COMPLETE])
	assert counts == {COMPLETE: 3, DUE: 1, OVERDUE: 1, EXPIRED: 1}
	assert complete_rate(counts) == {"count": 3, "of": 6, "percent": 50.0}
	assert tally([]) == dict.fromkeys(STATUSES, 0)
	assert complete_rate(tally([]))["percent"] is None, "nothing required: nothing to measure"


def test_objectives_reviewed_yearly():
	assert review_due_on(date(2025, 5, 1), None) == date(2026, 5, 1)
	assert review_due_on(date(2025, 5, 1), date(2026, 4, 20)) == date(2027, 4, 20), "from the last review"
	assert review_due_on(None, None) is None


def test_checks():
	assert check_module(30, 36) == []
	assert len(check_module(-1, -2)) == 2
	assert check_completion(date(2026, 1, 1), date(2026, 1, 1)) == []
	assert check_completion(date(2026, 1, 2), date(2026, 1, 1)) == [
		"The training cannot be completed in the future (2026-01-02)."
	]
