"""England working days and month arithmetic.

Working day (SI 2012/3094, sister regulations to SI 2009/309): any day except Saturday, Sunday, Christmas Day,
Good Friday or a bank holiday in England. We use the England and Wales bank-holiday calendar from ``holidays``
(which includes substitute days and one-off proclaimed days) plus the site's configurable closure days.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def add_months(d: date, months: int) -> date:
	"""Return ``d`` plus ``months`` calendar months, clamped to the last day of the target month.

	31 Aug + 6 months = 28/29 Feb; 29 Feb 2024 + 12 months = 28 Feb 2025.
	"""
	index = d.year * 12 + (d.month - 1) + months
	year, month0 = divmod(index, 12)
	month = month0 + 1
	last_day = _stdlib_calendar.monthrange(year, month)[1]
	return date(year, month, min(d.day, last_day))


def _is_weekend(d: date) -> bool:
	return d.weekday() >= _SATURDAY


def _weekdays_up_to(d: date) -> int:
	"""Number of Monday-Friday days from a fixed epoch up to and including ``d`` (may be negative)."""
	ordinal = d.toordinal()  # date(1, 1, 1) has ordinal 1 and is a Monday
	weeks, rest = divmod(ordinal - 1, 7)
	return weeks * 5 + min(rest + 1, 5)


class WorkingCalendar:
	"""England working-day calendar with optional site closure days (SI 2012/3094 definition)."""

	def __init__(self, closure_days: Iterable[date] = ()) -> None:
		self._closures: frozenset[date] = frozenset(closure_days)
		self._weekday_closed_by_year: dict[int, frozenset[date]] = {}

	def _weekday_closed(self, year: int) -> frozenset[date]:
		"""Mon-Fri days of ``year`` that are bank holidays or site closures (cached per year)."""
		cached = self._weekday_closed_by_year.get(year)
		if cached is None:
			import holidays  # here, not at the top: importing the rules (hooks.py does) stays cheap

			bank = holidays.country_holidays("GB", subdiv="ENG", years=year)
			days = {d for d in bank if d.year == year}
			days |= {d for d in self._closures if d.year == year}
			cached = frozenset(d for d in days if not _is_weekend(d))
			self._weekday_closed_by_year[year] = cached
		return cached

	def is_working_day(self, d: date) -> bool:
		"""True unless ``d`` is a weekend day, an England bank holiday or a site closure day."""
		return not _is_weekend(d) and d not in self._weekday_closed(d.year)

	def next_working_day(self, d: date) -> date:
		"""First working day strictly after ``d``."""
		return self.add_working_days(d, 1)

	def add_working_days(self, start: date, n: int) -> date:
		"""Date ``n`` working days after ``start`` (start not counted); ``n < 0`` counts backwards.

		``n == 0`` returns ``start`` unchanged, even when it is not a working day.
		"""
		step = _ONE_DAY if n >= 0 else -_ONE_DAY
		remaining = abs(n)
		current = start
		while remaining:
			current += step
			if self.is_working_day(current):
				remaining -= 1
		return current

	def working_days_between(self, start: date, end: date) -> int:
		"""Working days ``d`` with ``start < d <= end``; minus the reverse count when ``end < start``."""
		if end < start:
			return -self.working_days_between(end, start)
		weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
		closed = sum(
			1
			for year in range(start.year, end.year + 1)
			for d in self._weekday_closed(year)
			if start < d <= end
		)
		return weekdays - closed
