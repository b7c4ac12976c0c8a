from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.rates import percent, share


def test_percent_examples():
	assert percent(0, 0) is None, "nothing to measure is not 0%"
	assert percent(2, 3) == 66.7
	assert percent(3, 3) == 100.0
	assert share(1, 4) == {"count": 1, "of": 4, "percent": 25.0}


@given(st.integers(min_value=1, max_value=10**6), st.data())
def test_percent_is_between_0_and_100(whole, data):
	part = data.draw(st.integers(min_value=0, max_value=whole))
	assert 0 <= percent(part, whole) <= 100


def test_rate_colour_and_text():
	from jlc_frappe.rules.rates import rate_colour, rate_text

	assert [rate_colour(share(n, 100)) for n in (95, 94, 80, 79)] == ["Green", "Orange", "Orange", "Red"]
	assert (rate_colour(share(0, 0)), rate_text(share(0, 0))) == ("Grey", "-")
	assert rate_text(share(51, 56)) == "91.1% (51/56)"
