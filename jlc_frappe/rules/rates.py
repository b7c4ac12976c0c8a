"""Rates for governance figures: what share of a count met a standard."""

from __future__ import annotations


def percent(part: int, whole: int) -> float | None:
	"""`part` as a percentage of `whole`, to one decimal place; None when there is nothing to measure."""
	if not whole:
		return None
	return round(100 * part / whole, 1)


def share(part: int, whole: int) -> dict:
	"""{"count", "of", "percent"}: the form in which every governance output states a rate."""
	return {"count": part, "of": whole, "percent": percent(part, whole)}
