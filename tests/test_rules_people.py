"""Ages for who may complain (SI 2009/309 reg 2) and candour (SI 2014/2936 reg 20); KO41a age bands."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules.people import age_band, age_on, is_child_for_candour, is_child_for_complaints

BANDS = [("0-17", 0), ("18-64", 18), ("65+", 65)]
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def test_age_on_birthday() -> None:
	assert age_on(date(2000, 6, 15), date(2018, 6, 14)) == 17
	assert age_on(date(2000, 6, 15), date(2018, 6, 15)) == 18


def test_leap_day_birthday() -> None:
	dob = date(2008, 2, 29)
	assert age_on(dob, date(2025, 2, 28)) == 16
	assert age_on(dob, date(2025, 3, 1)) == 17
	assert age_on(dob, date(2024, 2, 29)) == 16


def test_age_before_birth_raises() -> None:
	with pytest.raises(ValueError):
		age_on(date(2020, 1, 2), date(2020, 1, 1))


def test_child_thresholds() -> None:
	dob = date(2009, 5, 10)
	# 16 on 10 May 2025, 18 on 10 May 2027.
	assert is_child_for_candour(dob, date(2025, 5, 9))
	assert not is_child_for_candour(dob, date(2025, 5, 10))
	assert is_child_for_complaints(dob, date(2027, 5, 9))
	assert not is_child_for_complaints(dob, date(2027, 5, 10))


def test_age_band() -> None:
	on = date(2026, 4, 1)
	assert age_band(date(2010, 1, 1), on, BANDS) == "0-17"
	assert age_band(date(2008, 4, 1), on, BANDS) == "18-64"
	assert age_band(date(1961, 4, 1), on, BANDS) == "65+"
	assert age_band(None, on, BANDS) == "Unknown"
	assert age_band(date(2026, 4, 2), on, BANDS) == "Unknown"
	assert age_band(date(2020, 1, 1), on, [("18+", 18)]) == "Unknown"


@settings(max_examples=200, deadline=None)
@given(
	dob=DATES,
	on=DATES,
	bands=st.lists(st.tuples(st.text(max_size=5), st.integers(min_value=0, max_value=120)), max_size=8),
	data=st.data(),
)
def test_age_band_order_independent(
	dob: date, on: date, bands: list[tuple[str, int]], data: st.DataObject
) -> None:
	shuffled = data.draw(st.permutations(bands))
	assert age_band(dob, on, bands) == age_band(dob, on, shuffled)
