"""Complaint acknowledgement and response deadlines (SI 2009/309 regs 13 and 14)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar, add_months
from jlc_frappe.rules.messages import _

ACKNOWLEDGEMENT_WORKING_DAYS = 3  # reg 13: acknowledge within 3 working days of receipt
STATUTORY_RESPONSE_MONTHS = 6  # reg 14: respond within 6 months unless a longer period is agreed

ON_TRACK = "On track"
DUE_SOON = "Due soon"
OVERDUE = "Overdue"
MET = "Met"
MISSED = "Missed"
DEADLINE_STATUSES = (ON_TRACK, DUE_SOON, OVERDUE, MET, MISSED)
OPEN = "Open"  # a request not yet answered and not yet late (answer_status)


def acknowledgement_due(received_on: date, cal: WorkingCalendar) -> date:
	"""Reg 13: the acknowledgement is due 3 working days after receipt (the day of receipt not counted)."""
	return cal.add_working_days(received_on, ACKNOWLEDGEMENT_WORKING_DAYS)


def response_due_from_preset(received_on: date, working_days: int, cal: WorkingCalendar) -> date:
	"""Local target response date: ``working_days`` working days after receipt."""
	return cal.add_working_days(received_on, working_days)


def statutory_response_limit(received_on: date) -> date:
	"""Reg 14: 6 calendar months from receipt, clamped to month end."""
	return add_months(received_on, STATUTORY_RESPONSE_MONTHS)


def _agreement_problems(received_on: date, new_due: date, agreed_on: date | None, today: date) -> list[str]:
	"""Problems with the date the complainant agreed the new response date (reg 14)."""
	if agreed_on is None:
		return [_("The date the new response date was agreed with the complainant is missing.")]
	problems = []
	if agreed_on > today:
		problems.append(_("The agreement date cannot be in the future."))
	if agreed_on < received_on:
		problems.append(_("The agreement date cannot be before the complaint was received."))
	limit = statutory_response_limit(received_on)
	if new_due > limit and agreed_on > limit:
		problems.append(
			_(
				"A response date after the statutory limit ({0}) needs a longer period "
				"agreed with the complainant before the 6 months end.",
				limit.isoformat(),
			)
		)
	return problems


def validate_response_due_change(
	received_on: date, old_due: date | None, new_due: date, agreed_on: date | None, today: date
) -> list[str]:
	"""Reg 14: check a change of the agreed response date; returns problems (empty when fine)."""
	problems = []
	if new_due < received_on:
		problems.append(_("The new response date cannot be before the complaint was received."))
	if old_due is not None and new_due == old_due:
		problems.append(_("The new response date is the same as the current one (no change)."))
	problems.extend(_agreement_problems(received_on, new_due, agreed_on, today))
	return problems


def deadline_status(
	due: date | None, done_on: date | None, today: date, due_soon_days: int, cal: WorkingCalendar
) -> str:
	"""Deadline status: Met/Missed once done, else Overdue/Due soon/On track ("" without a due date)."""
	if due is None:
		return ""
	if done_on is not None:
		return MET if done_on <= due else MISSED
	if today > due:
		return OVERDUE
	if due <= cal.add_working_days(today, due_soon_days):
		return DUE_SOON
	return ON_TRACK


def answer_status(due: date | None, answered_on: date | None, today: date, answered: str) -> str:
	"""Where a request with one answer stands (a CQC request, a subject access request): `answered` once it is
	answered, on time or not; Overdue from the day after the due date; else Open. The daily job's set-based form
	is deadline_status.refresh_answer_statuses."""
	if answered_on:
		return answered
	if due and today > due:
		return OVERDUE
	return OPEN


def pending_status_thresholds(today: date, due_soon_days: int, cal: WorkingCalendar) -> tuple[date, date]:
	"""Thresholds ``(today, soon_limit)`` for a SQL job updating pending (not done) deadlines in bulk.

	The job sets: ``due < today`` -> Overdue; ``due <= soon_limit`` -> Due soon; otherwise On track.
	This agrees with ``deadline_status`` for deadlines with no ``done_on``.
	"""
	return today, cal.add_working_days(today, due_soon_days)


def next_deadline(deadlines: Iterable[tuple[date | None, date | None]]) -> date | None:
	"""The first of `deadlines` ((due, done_on) pairs, in the order they fall due) still to be met."""
	return next((due for due, done_on in deadlines if due is not None and done_on is None), None)


def working_days_left(due: date | None, today: date, cal: WorkingCalendar) -> int | None:
	"""Working days from `today` to `due`: 0 when due today (or before the next working day), negative when late."""
	return None if due is None else cal.working_days_between(today, due)


def working_days_to_respond(
	received_on: date | None, sent_on: date | None, cal: WorkingCalendar
) -> int | None:
	"""Working days from receipt to the response being sent (the day received not counted); None until sent."""
	if received_on is None or sent_on is None:
		return None
	return cal.working_days_between(received_on, sent_on)
