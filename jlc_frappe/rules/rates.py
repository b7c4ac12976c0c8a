"""Rates for governance figures: what share of a count met a standard."""

from __future__ import annotations

from collections.abc import Iterable


def percent(part: int, whole: int) -> float | None:
	"""`part` as a percentage of `whole`, to one decimal place; None when there is nothing to measure."""
	if not whole:
		return None
	return round(100 * part / whole, 1)


def share(part: int, whole: int) -> dict:
	"""{"count", "of", "percent"}: the form in which every governance output states a rate."""
	return {"count": part, "of": whole, "percent": percent(part, whole)}


def median(counted: Iterable[tuple[float, int]]) -> float | None:
	"""The median of values given with how often each occurs ([(value, times)]), so that a figure over many
	records is worked out from the few distinct values: the middle value, or the mean of the two middle ones;
	None when there is nothing to measure. Equals statistics.median of the values listed one by one."""
	ordered = sorted((value, times) for value, times in counted if times > 0)
	total = sum(times for _value, times in ordered)
	if not total:
		return None
	low, high = (total - 1) // 2, total // 2  # 0-based positions of the middle value(s)
	found, seen = {}, 0
	for value, times in ordered:
		for position in (low, high):
			if seen <= position < seen + times:
				found.setdefault(position, value)
		seen += times
		if high in found:
			break
	return found[low] if low == high else (found[low] + found[high]) / 2


# A rate's colour on report cards: green from GREEN_FROM %, amber from AMBER_FROM %, red below.
GREEN_FROM, AMBER_FROM = 95, 80


def rate_colour(rate: dict, green_from: float = GREEN_FROM, amber_from: float = AMBER_FROM) -> str:
	"""The indicator of a `share()`: Green, Orange or Red by the thresholds; Grey with nothing to measure."""
	if rate["percent"] is None:
		return "Grey"
	return "Green" if rate["percent"] >= green_from else "Orange" if rate["percent"] >= amber_from else "Red"


def rate_text(rate: dict) -> str:
	"""A `share()` as report cards print it: "91.1% (51/56)", or "-" with nothing to measure."""
	if rate["percent"] is None:
		return "-"
	return (
		str(rate["percent"]) + "% (" + str(rate["count"]) + "/" + str(rate["of"]) + ")"
	)  # no words to translate
