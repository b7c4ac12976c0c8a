"""Calendar months of a reporting period, the keys of governance figures by month."""

from __future__ import annotations

from datetime import date


def month_key(d: date) -> str:
	"""`d`'s month as YYYY-MM (what SQL's DATE_FORMAT(d, '%Y-%m') gives)."""
	return d.isoformat()[:7]


def months_between(start: date, end: date) -> list[str]:
	"""Every month from `start`'s to `end`'s (both included) as YYYY-MM, so a month without records still
	shows; empty when the period ends before it starts."""
	first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
	return [month_key(date(index // 12, index % 12 + 1, 1)) for index in range(first, last + 1)]
