"""Requests from the Care Quality Commission (domain.md §7): when the answer is due and where a request stands.

Regulation 16(3) (a summary of complaints, responses and further correspondence) and regulation 17(3) (a report
on how quality and safety are assessed, monitored and improved, with the improvement plans) of the Health and
Social Care Act 2008 (Regulated Activities) Regulations 2014: the provider answers within 28 days beginning with
the day after the request is received. Calendar days: no working-day calendar applies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from jlc_frappe.rules.deadlines import OPEN, OVERDUE, answer_status
from jlc_frappe.rules.messages import _

RESPONSE_DAYS = 28  # regulations 16(3) and 17(3) [law]
REGULATIONS = ("Regulation 16", "Regulation 17")

SENT = "Sent"
STATUSES = (OPEN, SENT, OVERDUE)


def due_on(received_on: date) -> date:
	"""The last of the 28 days beginning with the day after `received_on` (received 3 March: due 31 March)."""
	return received_on + timedelta(days=RESPONSE_DAYS)


def request_status(due: date | None, sent_on: date | None, today: date) -> str:
	"""Sent once the answer is sent; Overdue from the day after the due date; else Open."""
	return answer_status(due, sent_on, today, SENT)


def request_problems(
	received_on: date | None,
	period_from: date | None,
	period_to: date | None,
	sent_on: date | None,
	today: date,
	fmt: Callable[[date], str] = date.isoformat,
) -> list[str]:
	"""What is wrong with a request's dates (empty when nothing is); `fmt` shows a date to the reader."""
	problems = []
	if received_on and received_on > today:
		problems.append(
			_(
				"The request cannot be received in the future ({0}): enter the day it arrived.",
				fmt(received_on),
			)
		)
	if period_from and period_to and period_to < period_from:
		problems.append(
			_(
				"The period asked about ends ({0}) before it begins ({1}).",
				fmt(period_to),
				fmt(period_from),
			)
		)
	if sent_on and received_on and sent_on < received_on:
		problems.append(
			_(
				"The answer cannot be sent ({0}) before the request was received ({1}).",
				fmt(sent_on),
				fmt(received_on),
			)
		)
	if sent_on and sent_on > today:
		problems.append(_("The answer cannot be sent in the future ({0}).", fmt(sent_on)))
	return problems
