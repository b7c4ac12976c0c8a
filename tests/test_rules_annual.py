"""The annual report's arithmetic: well-founded decisions and the most common subjects (regulation 18)."""

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules.annual import decisions, most_common


def test_decisions_split_well_founded_from_not():
	found = decisions({"Upheld": 2, "Partially Upheld": 3, "Not Upheld": 5})
	assert found == {
		"decided": 10,
		"well_founded": 5,
		"upheld": 2,
		"partially_upheld": 3,
		"not_well_founded": 5,
		"well_founded_share": {"count": 5, "of": 10, "percent": 50.0},
	}


def test_decisions_with_nothing_decided():
	found = decisions({"Upheld": None})
	assert (found["decided"], found["well_founded"], found["not_well_founded"]) == (0, 0, 0)
	assert found["well_founded_share"]["percent"] is None, "nothing decided is not 0%"


def test_decisions_ignore_other_keys():
	assert decisions({"Upheld": 1, "total": 9})["decided"] == 1


def test_most_common_top_three_highest_first():
	counts = {"SA01": 1, "SA02": 4, "SA03": 0, "SA04": 2, "SA05": 3}
	assert most_common(counts) == [("SA02", 4), ("SA05", 3), ("SA04", 2)]


def test_most_common_keeps_every_key_tied_with_the_last():
	counts = {"SA01": 2, "SA02": 5, "SA03": 2, "SA04": 1, "SA05": 2}
	assert most_common(counts) == [("SA02", 5), ("SA01", 2), ("SA03", 2), ("SA05", 2)]


def test_most_common_never_lists_zero_and_copes_with_few():
	assert most_common({"SA01": 0, "SA02": 1}) == [("SA02", 1)]
	assert most_common({}) == []
	assert most_common({"SA01": 3}, n=0) == []


@given(
	st.dictionaries(st.text(min_size=1, max_size=4), st.integers(min_value=0, max_value=9)), st.integers(1, 5)
)
def test_most_common_properties(counts, n):
	top = most_common(counts, n)
	values = [count for _key, count in top]
	assert values == sorted(values, reverse=True)
	assert all(count > 0 and counts[key] == count for key, count in top)
	nonzero = [count for count in counts.values() if count]
	assert len(top) >= min(n, len(nonzero))
	if top:  # nothing left out counts more than the last listed
		left_out = [counts[key] for key in counts if key not in dict(top)]
		assert all(count < values[-1] for count in left_out), "ties with the last one listed are listed"
