"""Time limit for making a complaint (SI 2009/309 reg 12)."""

from __future__ import annotations

from datetime import date

from jlc_frappe.rules.calendar import add_months
from jlc_frappe.rules.messages import _

# reg 12: 12 months from the event or, if later, from when the complainant learned of it.
TIME_LIMIT_MONTHS = 12

IN_TIME = "In time"
LATE = "Late"
LATE_WAIVED = "Late - waived"
NOT_KNOWN = "Not known"


def time_limit_expires(event_date: date | None, became_aware_on: date | None) -> date | None:
	"""Reg 12: 12 months from the later of the event date and the date the complainant learned of it."""
	known = [d for d in (event_date, became_aware_on) if d is not None]
	if not known:
		return None
	return add_months(max(known), TIME_LIMIT_MONTHS)


def time_limit_status(
	received_on: date, event_date: date | None, became_aware_on: date | None, waived: bool
) -> str:
	"""Reg 12 status: receipt on the expiry date itself is still in time."""
	expiry = time_limit_expires(event_date, became_aware_on)
	if expiry is None:
		return NOT_KNOWN
	if received_on <= expiry:
		return IN_TIME
	return LATE_WAIVED if waived else LATE


def _is_blank(text: str | None) -> bool:
	return text is None or not text.strip()


def waiver_problems(waived: bool, good_reason: str | None, fair_investigation: str | None) -> list[str]:
	"""Reg 12: a waiver needs both judgements recorded (good reason for delay; still fair to investigate)."""
	if not waived:
		return []
	problems = []
	if _is_blank(good_reason):
		problems.append(
			_("Record the good reason for the complainant's delay before waiving the time limit.")
		)
	if _is_blank(fair_investigation):
		problems.append(
			_(
				"Record why the complaint can still be investigated effectively and fairly "
				"before waiving the time limit."
			)
		)
	return problems


def became_aware_problems(event_date: date | None, became_aware_on: date | None) -> list[str]:
	"""Reg 12: the complainant cannot have learned of the event before it happened."""
	if event_date is not None and became_aware_on is not None and became_aware_on < event_date:
		return [_("The date the complainant became aware cannot be before the event date.")]
	return []
