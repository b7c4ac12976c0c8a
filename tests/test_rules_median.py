"""The median of counted values (rules.rates.median): the governance figures' median working days."""

import statistics

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.rates import median


def test_median_examples():
	assert median([]) is None, "nothing to measure"
	assert median([(10, 0)]) is None, "a value that never occurs is not measured"
	assert median([(10, 2), (32, 1)]) == 10
	assert median([(32, 1), (7, 1)]) == 19.5, "the mean of the two middle values, in any order"
	assert median([(7, 1), (10, 2), (32, 1)]) == 10
	assert median([(3, 1), (5, 1), (9, 1), (40, 1)]) == 7


@given(st.lists(st.tuples(st.integers(min_value=-5, max_value=200), st.integers(min_value=0, max_value=6))))
def test_median_equals_the_median_of_the_values_listed_one_by_one(counted):
	values = [value for value, times in counted for _ in range(times)]
	expected = statistics.median(values) if values else None
	assert median(counted) == expected
