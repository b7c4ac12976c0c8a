"""Staff training and objectives (seed 2.1 and 3.5): when a completion runs out, when a member of staff must have
done a module, where they stand on a given day, and when their objectives are next reviewed.

A module is required of a person from the later of the day they joined and the day the trust began to require it
(so a module added today does not make everyone overdue at once), and must be done `within_days` after that. A
completion counts until it expires, `refresh_months` after it was done (never when the module needs no refresher):
on its expiry date it no longer counts. Objectives are reviewed every REVIEW_MONTHS months.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from jlc_frappe.rules.messages import _
from jlc_frappe.rules.rates import share

COMPLETE, DUE, OVERDUE, EXPIRED = "Complete", "Due", "Overdue", "Expired"
# In the order reports show them: done, still in time, late, done once but run out.
STATUSES = (COMPLETE, DUE, OVERDUE, EXPIRED)
REVIEW_MONTHS = 12
# An objective's evidence is given as practical examples; its progress at review.
PROGRESS = ("Not yet shown", "Partly shown", "Shown")


def add_months(day: date, months: int) -> date:
	"""`day` moved by whole calendar months, on the same day of the month or that month's last day (31 January
	plus one month is 28 or 29 February)."""
	index = day.year * 12 + day.month - 1 + months
	year, month = divmod(index, 12)
	last = calendar.monthrange(year, month + 1)[1]
	return date(year, month + 1, min(day.day, last))


def expires_on(completed_on: date | None, refresh_months: int | None) -> date | None:
	"""The day a completion stops counting: `refresh_months` after it; None when it never does (no refresher)."""
	if completed_on is None or not refresh_months:
		return None
	return add_months(completed_on, refresh_months)


def due_on(joined_on: date | None, required_from: date | None, within_days: int | None) -> date | None:
	"""The last day to complete a module: `within_days` after the later of joining and the module being
	required; None when neither date is known."""
	start = max((d for d in (joined_on, required_from) if d is not None), default=None)
	if start is None:
		return None
	return start + timedelta(days=max(within_days or 0, 0))


def counts_on(valid_until: date | None, as_of: date) -> bool:
	"""Whether a completion valid until `valid_until` (None: for good) still counts on `as_of`."""
	return valid_until is None or as_of < valid_until


def status(as_of: date, due: date | None, completed_on: date | None, valid_until: date | None) -> str:
	"""Where a member of staff stands on a module on `as_of`, from their latest completion on or before it
	(`completed_on`, valid until `valid_until`) and the day it is due: COMPLETE while a completion counts, EXPIRED
	once it has run out, else DUE until the due day has passed and OVERDUE after."""
	if completed_on is not None and completed_on <= as_of:
		return COMPLETE if counts_on(valid_until, as_of) else EXPIRED
	if due is None or as_of <= due:
		return DUE
	return OVERDUE


def tally(statuses: Iterable[str]) -> dict[str, int]:
	"""How many of each status, every status present (zeros included)."""
	found = dict.fromkeys(STATUSES, 0)
	for value in statuses:
		found[value] += 1
	return found


def complete_rate(counts: dict[str, int]) -> dict:
	"""Of the modules required (person by module), the share complete: a rates.share()."""
	return share(counts.get(COMPLETE, 0), sum(counts.values()))


def review_due_on(set_on: date | None, reviewed_on: date | None) -> date | None:
	"""When objectives are next reviewed: REVIEW_MONTHS after the last review, or after they were set."""
	last = reviewed_on or set_on
	return add_months(last, REVIEW_MONTHS) if last else None


def check_module(within_days: int | None, refresh_months: int | None) -> list[str]:
	"""What is wrong with a module's periods: none may be negative."""
	problems = []
	if (within_days or 0) < 0:
		problems.append(_("The days allowed after joining cannot be negative."))
	if (refresh_months or 0) < 0:
		problems.append(_("The months before a refresher is needed cannot be negative."))
	return problems


def check_completion(completed_on: date | None, today: date) -> list[str]:
	"""A completion is recorded once it has happened."""
	if completed_on is not None and completed_on > today:
		return [_("The training cannot be completed in the future ({0}).", completed_on.isoformat())]
	return []
