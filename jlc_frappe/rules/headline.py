"""The headline at the top of a complaint: where it stands against its deadline, and what is next.

    Response overdue by 6 working days (due 14-11-2026): awaiting sign-off by the Responsible Person

Pure Python: the Frappe side passes the dates, the calendar and a date formatter, and translates the Message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.deadlines import DUE_SOON, MET, MISSED, ON_TRACK, OVERDUE, deadline_status
from jlc_frappe.rules.messages import Message
from jlc_frappe.rules.messages import _ as _

RED, ORANGE, GREEN, BLUE, GREY = "red", "orange", "green", "blue", "gray"
STATUS_COLOURS = {OVERDUE: RED, MISSED: RED, DUE_SOON: ORANGE, ON_TRACK: GREEN, MET: GREEN}

# What comes next in each state of the complaint workflow.
NEXT_STEP = {
	"Received": _("acknowledge it, offering to discuss how it will be handled"),
	"Acknowledged": _("resolve it early, or investigate"),
	"Resolved Early": _("resolved early: close it, or investigate if the complainant is not satisfied"),
	"Under Investigation": _("under investigation: submit the draft response for sign-off"),
	"Awaiting Sign-off": _("awaiting sign-off by the Responsible Person"),
	"Signed Off": _("signed off: send the response"),
	"Response Sent": _("response sent: close it with the outcomes"),
	"Closed": _("closed"),
	"Withdrawn": _("withdrawn"),
}
ACKNOWLEDGING_STATES = ("Received",)
FINISHED_STATES = ("Closed", "Withdrawn")


def complaint_headline(
	state: str,
	acknowledgement: tuple[date | None, date | None],
	response: tuple[date | None, date | None],
	today: date,
	due_soon_days: int,
	cal: WorkingCalendar,
	fmt: Callable[[date], str] = date.isoformat,
) -> tuple[Message, str]:
	"""(headline, colour) for a complaint in `state`; `acknowledgement` and `response` are (due, done_on)."""
	next_step = NEXT_STEP.get(state) or Message(state)
	if state in FINISHED_STATES:
		return _("Complaint {0}", next_step), GREY
	kind = "acknowledgement" if state in ACKNOWLEDGING_STATES else "response"
	due, done_on = acknowledgement if kind == "acknowledgement" else response
	if due is None:
		return _("Next: {0}", next_step), BLUE
	phrase, colour = _deadline(kind, due, done_on, today, due_soon_days, cal, fmt)
	return _("{0}: {1}", phrase, next_step), colour


def _deadline(kind, due, done_on, today, due_soon_days, cal, fmt) -> tuple[Message, str]:
	"""The deadline in words; its colour is its deadline status (rules.deadlines), so the two always agree."""
	colour = STATUS_COLOURS[deadline_status(due, done_on, today, due_soon_days, cal)]
	ack, when = kind == "acknowledgement", fmt(due)
	if done_on is not None:
		if colour == GREEN:
			sent = fmt(done_on)
			return (
				_("Acknowledged on time ({0})", sent) if ack else _("Response sent on time ({0})", sent)
			), colour
		late = max(cal.working_days_between(due, done_on), 1)
		return (
			_("Acknowledged {0} working days late (due {1})", late, when)
			if ack
			else _("Response sent {0} working days late (due {1})", late, when)
		), colour
	if today > due:
		days = cal.working_days_between(due, today)
		if days == 1:
			return (
				_("Acknowledgement overdue by 1 working day (due {0})", when)
				if ack
				else _("Response overdue by 1 working day (due {0})", when)
			), colour
		return (
			_("Acknowledgement overdue by {0} working days (due {1})", days, when)
			if ack
			else _("Response overdue by {0} working days (due {1})", days, when)
		), colour
	days = cal.working_days_between(today, due)
	if today == due:
		return (
			_("Acknowledgement due today ({0})", when) if ack else _("Response due today ({0})", when)
		), colour
	if days == 0:  # due on a day the trust is closed, before the next working day
		return (_("Acknowledgement due on {0}", when) if ack else _("Response due on {0}", when)), colour
	if days == 1:
		return (
			_("Acknowledgement due in 1 working day ({0})", when)
			if ack
			else _("Response due in 1 working day ({0})", when)
		), colour
	return (
		_("Acknowledgement due in {0} working days ({1})", days, when)
		if ack
		else _("Response due in {0} working days ({1})", days, when)
	), colour
