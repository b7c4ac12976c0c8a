"""Subject access requests (UK GDPR article 12(3) and 15): when the answer is due and where a request stands.

A request is answered without undue delay and at the latest one month after it is received. The ICO's reading
[verify]: from the day it is received to the same date of the next month; when that month has no such date, its
last day; when the day is not a working day, the next working day. For a complex request, or many of them, the
limit is extended by up to two further months, and the person is told so within the first month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar, add_months
from jlc_frappe.rules.deadlines import OPEN, OVERDUE, answer_status
from jlc_frappe.rules.messages import _

MONTHS = 1  # article 12(3) [law]
EXTENDED_MONTHS = 3  # one month and two further months [law]

COMPLETED = "Completed"
STATUSES = (OPEN, OVERDUE, COMPLETED)


def due_on(received_on: date, extended: bool = False, calendar: WorkingCalendar | None = None) -> date:
	"""The last day to answer a request received on `received_on` (3 September: 3 October; 31 January: 28 or
	29 February), moved to the next working day when it is not one (with a `calendar`)."""
	due = add_months(received_on, EXTENDED_MONTHS if extended else MONTHS)
	if calendar is not None and not calendar.is_working_day(due):
		due = calendar.next_working_day(due)
	return due


def request_status(due: date | None, completed_on: date | None, today: date) -> str:
	"""Completed once answered; Overdue from the day after the due date; else Open."""
	return answer_status(due, completed_on, today, COMPLETED)


def request_problems(
	received_on: date | None,
	completed_on: date | None,
	today: date,
	*,
	extending: bool = False,
	first_due: date | None = None,
	fmt: Callable[[date], str] = date.isoformat,
) -> list[str]:
	"""What is wrong with a request's dates (empty when nothing is). `extending`: the extension is being set now,
	which the law allows only within the first month (`first_due`, the unextended limit)."""
	problems = []
	if received_on and received_on > today:
		problems.append(_("A request cannot be received in the future ({0}).", fmt(received_on)))
	if completed_on and received_on and completed_on < received_on:
		problems.append(
			_(
				"The answer ({0}) cannot be sent before the request was received ({1}).",
				fmt(completed_on),
				fmt(received_on),
			)
		)
	if completed_on and completed_on > today:
		problems.append(_("The answer cannot be sent in the future ({0}).", fmt(completed_on)))
	if extending and first_due and today > first_due:
		problems.append(
			_(
				"The time to answer can be extended only within the first month (until {0}), telling the person "
				"why.",
				fmt(first_due),
			)
		)
	return problems
