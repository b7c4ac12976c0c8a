"""Months of a period (rules.periods): every month shows in figures by month, with or without records."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.periods import month_key, months_between


def test_months_examples():
	assert months_between(date(2023, 7, 1), date(2023, 9, 30)) == ["2023-07", "2023-08", "2023-09"]
	assert months_between(date(2023, 11, 15), date(2024, 2, 1)) == [
		"2023-11",
		"2023-12",
		"2024-01",
		"2024-02",
	]
	assert months_between(date(2023, 7, 31), date(2023, 7, 1)) == ["2023-07"], "the same month"
	assert months_between(date(2023, 8, 1), date(2023, 7, 31)) == []
	assert month_key(date(2024, 2, 29)) == "2024-02"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 800))
def test_months_cover_every_day_of_the_period_once(start, length):
	end = date.fromordinal(start.toordinal() + length)
	months = months_between(start, end)
	assert months == sorted(set(months)), "in order, each once"
	assert months[0] == month_key(start) and months[-1] == month_key(end)
	days = {month_key(date.fromordinal(start.toordinal() + n)) for n in range(length + 1)}
	assert set(months) == days
