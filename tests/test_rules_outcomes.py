"""KO41a outcomes and carried-forward counts (domain.md section 4)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules.outcomes import (
	NOT_UPHELD,
	OUTCOMES,
	PARTIALLY_UPHELD,
	UPHELD,
	carried_forward,
	overall_outcome,
)


def test_overall_outcome() -> None:
	assert overall_outcome([]) is None
	assert overall_outcome([UPHELD, None]) is None
	assert overall_outcome([UPHELD, ""]) is None
	assert overall_outcome([UPHELD, UPHELD]) == UPHELD
	assert overall_outcome([NOT_UPHELD]) == NOT_UPHELD
	assert overall_outcome([UPHELD, NOT_UPHELD]) == PARTIALLY_UPHELD
	assert overall_outcome([PARTIALLY_UPHELD]) == PARTIALLY_UPHELD
	assert overall_outcome(iter([NOT_UPHELD, NOT_UPHELD])) == NOT_UPHELD


def test_unknown_outcome_raises() -> None:
	with pytest.raises(ValueError, match="Unknown"):
		overall_outcome(["Withdrawn"])


def test_carried_forward() -> None:
	assert carried_forward(10, 5, 12) == 3
	assert carried_forward(0, 0, 0) == 0
	with pytest.raises(ValueError, match="negative"):
		carried_forward(1, 1, 3)
	with pytest.raises(ValueError, match="new"):
		carried_forward(1, -1, 0)


@settings(max_examples=200, deadline=None)
@given(outcomes=st.lists(st.sampled_from((*OUTCOMES, None)), max_size=8), data=st.data())
def test_overall_outcome_symmetric(outcomes: list[str | None], data: st.DataObject) -> None:
	shuffled = data.draw(st.permutations(outcomes))
	assert overall_outcome(outcomes) == overall_outcome(shuffled)


@settings(max_examples=200, deadline=None)
@given(
	bf=st.integers(min_value=-5, max_value=500),
	new=st.integers(min_value=-5, max_value=500),
	resolved=st.integers(min_value=-5, max_value=1000),
)
def test_carried_forward_never_negative(bf: int, new: int, resolved: int) -> None:
	try:
		result = carried_forward(bf, new, resolved)
	except ValueError:
		assert min(bf, new, resolved) < 0 or bf + new - resolved < 0
	else:
		assert result >= 0 and result == bf + new - resolved
