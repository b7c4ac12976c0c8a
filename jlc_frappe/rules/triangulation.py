"""Triangulation: complaints beside incidents, claims and candour, and where several rise at once.

A source *rises* in a month when its count is at least ``min_count`` and at least ``ratio`` times its average
over the three months before (a month without records counts as zero, so the average is always the sum of the
three months divided by three). A service area (or theme) and month where two or more sources rise is a
*hotspot*: a signal to look at, not a finding. ``min_count`` and ``ratio`` are site settings (JLC Settings).

Months are written as their first day (a ``date``). Comparisons are exact (no floating-point rounding): a
ratio of 1.1 over an average of 10 needs 11, not 11.000000000000002.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from decimal import Decimal

from jlc_frappe.rules.messages import _

SOURCES = ("complaints", "incidents", "claims", "candour")
BASELINE_MONTHS = 3
HOTSPOT_MIN_SOURCES = 2
# Site settings override these (JLC Settings: hotspot_min_count, hotspot_ratio).
HOTSPOT_MIN_COUNT_DEFAULT = 3
HOTSPOT_RATIO_DEFAULT = 1.5


def month_of(d: date) -> date:
	"""The first day of the month containing ``d``."""
	return d.replace(day=1)


def add_months(month: date, n: int) -> date:
	"""The first day of the month ``n`` months after (before, for negative n) the month of ``month``."""
	index = month.year * 12 + month.month - 1 + n
	return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
	"""First days of every month from the month of ``first`` to the month of ``last``, both included."""
	months, month, end = [], month_of(first), month_of(last)
	while month <= end:
		months.append(month)
		month = add_months(month, 1)
	return months


def baseline_months(month: date) -> list[date]:
	"""The three months before the month of ``month``, oldest first."""
	return [add_months(month_of(month), -n) for n in range(BASELINE_MONTHS, 0, -1)]


def baseline_average(counts: Mapping[date, int], month: date) -> Decimal:
	"""Average count over the three months before ``month``; a month missing from ``counts`` counts zero."""
	return Decimal(sum(counts.get(m, 0) for m in baseline_months(month))) / BASELINE_MONTHS


def settings_problems(min_count, ratio) -> list[str]:
	"""Why these hotspot settings cannot be used (empty when they can)."""
	problems: list[str] = []
	if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
		problems.append(
			_("The hotspot minimum count must be a whole number of at least 1, not {0}.", min_count)
		)
	number = isinstance(ratio, int | float | Decimal) and not isinstance(ratio, bool)
	if not number or not math.isfinite(ratio) or ratio < 1:
		problems.append(_("The hotspot ratio must be a number of at least 1, not {0}.", ratio))
	return problems


def rises(count: int, baseline_total: int, min_count: int, ratio: float | Decimal) -> bool:
	"""True when ``count`` is at least ``min_count`` and at least ``ratio`` times ``baseline_total`` / 3.

	``baseline_total`` is the sum of the three months before (missing months zero). Raises ValueError for
	settings that :func:`settings_problems` refuses.
	"""
	problems = settings_problems(min_count, ratio)
	if problems:
		raise ValueError(" ".join(problems))
	exact_ratio = ratio if isinstance(ratio, Decimal) else Decimal(str(ratio))
	return count >= min_count and count * BASELINE_MONTHS >= exact_ratio * baseline_total


def rising_sources(
	counts: Mapping[str, Mapping[date, int]], month: date, min_count: int, ratio: float | Decimal
) -> list[str]:
	"""The sources (in SOURCES order, then any others sorted) that rise in ``month``.

	``counts`` is {source: {month first day: count}}; missing sources and months count zero.
	"""
	month = month_of(month)
	known = [s for s in SOURCES if s in counts] + sorted(s for s in counts if s not in SOURCES)
	return [
		source
		for source in known
		if rises(
			counts[source].get(month, 0),
			sum(counts[source].get(m, 0) for m in baseline_months(month)),
			min_count,
			ratio,
		)
	]


def is_hotspot(rising: Iterable[str]) -> bool:
	"""Two or more distinct sources rising in the same area and month make a hotspot."""
	return len(set(rising)) >= HOTSPOT_MIN_SOURCES


def hotspot_rows(
	counts: Mapping[tuple[Hashable, str, date], int],
	from_date: date,
	to_date: date,
	min_count: int = HOTSPOT_MIN_COUNT_DEFAULT,
	ratio: float | Decimal = HOTSPOT_RATIO_DEFAULT,
	key: str = "service_area",
) -> list[dict]:
	"""One row per area (``key``) and month from ``from_date`` to ``to_date``, for every area with a count.

	``counts`` is {(area, source, month first day): count} and may hold the three months before
	``from_date`` (read so the rule works from the first month). A row is
	``{key, "month", "complaints", "incidents", "claims", "candour", "rising", "hotspot"}``; rows are
	sorted by area then month, and areas with no record in the reported months are left out.
	"""
	months = months_between(from_date, to_date)
	by_area: dict[Hashable, dict[str, dict[date, int]]] = {}
	for (area, source, month), n in counts.items():
		series = by_area.setdefault(area, {s: {} for s in SOURCES}).setdefault(source, {})
		series[month_of(month)] = series.get(month_of(month), 0) + n
	rows = []
	for area in sorted(by_area, key=lambda a: (a is None, str(a))):
		series = by_area[area]
		if not any(series[s].get(m) for s in series for m in months):
			continue
		for month in months:
			rising = rising_sources(series, month, min_count, ratio)
			row = {key: area, "month": month}
			row.update({source: series.get(source, {}).get(month, 0) for source in SOURCES})
			row.update({"rising": rising, "hotspot": is_hotspot(rising)})
			rows.append(row)
	return rows
