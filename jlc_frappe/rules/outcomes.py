"""Complaint outcomes and counts for the KO41a national return (NHS England)."""

from __future__ import annotations

from collections.abc import Iterable

UPHELD = "Upheld"
PARTIALLY_UPHELD = "Partially Upheld"
NOT_UPHELD = "Not Upheld"
OUTCOMES = (UPHELD, PARTIALLY_UPHELD, NOT_UPHELD)


def overall_outcome(aspect_outcomes: Iterable[str | None]) -> str | None:
	"""KO41a: whole-complaint outcome from its aspects; ``None`` until every aspect has an outcome.

	All upheld -> Upheld; all not upheld -> Not Upheld; any other mix -> Partially Upheld.
	"""
	outcomes = list(aspect_outcomes)
	if not outcomes or any(not outcome for outcome in outcomes):
		return None
	unknown = sorted({outcome for outcome in outcomes if outcome not in OUTCOMES})
	if unknown:
		raise ValueError(f"Unknown aspect outcome(s): {', '.join(unknown)}; expected one of {OUTCOMES}.")
	distinct = set(outcomes)
	if distinct == {UPHELD}:
		return UPHELD
	if distinct == {NOT_UPHELD}:
		return NOT_UPHELD
	return PARTIALLY_UPHELD


def carried_forward(brought_forward: int, new: int, resolved: int) -> int:
	"""KO41a: carried forward = brought forward + new - resolved, never negative."""
	for name, value in (("brought forward", brought_forward), ("new", new), ("resolved", resolved)):
		if value < 0:
			raise ValueError(f"KO41a count '{name}' cannot be negative (got {value}).")
	result = brought_forward + new - resolved
	if result < 0:
		raise ValueError(
			f"KO41a carried forward would be negative: {brought_forward} brought forward + {new} new "
			f"- {resolved} resolved = {result}; more complaints resolved than were open."
		)
	return result
