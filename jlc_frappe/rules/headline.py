"""The headline at the top of a complaint: where it stands against its deadline, and what is next.

    Response overdue by 6 working days (due 14-11-2026): awaiting sign-off by the Responsible Person

Pure Python: the Frappe side passes the dates, the calendar and a date formatter, and translates the Message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.messages import Message
from jlc_frappe.rules.messages import _ as _

RED, ORANGE, GREEN, BLUE, GREY = "red", "orange", "green", "blue", "gray"

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
	when = fmt(due)
	if done_on is not None:
		late = cal.working_days_between(due, done_on)
		if late <= 0:
			return _pick(
				kind,
				_("Acknowledged on time ({0})", fmt(done_on)),
				_("Response sent on time ({0})", fmt(done_on)),
			), GREEN
		return (
			_pick(
				kind,
				_("Acknowledged {0} working days late (due {1})", late, when),
				_("Response sent {0} working days late (due {1})", late, when),
			),
			RED,
		)
	if today > due:
		days = cal.working_days_between(due, today)
		if days == 1:
			return _pick(
				kind,
				_("Acknowledgement overdue by 1 working day (due {0})", when),
				_("Response overdue by 1 working day (due {0})", when),
			), RED
		return (
			_pick(
				kind,
				_("Acknowledgement overdue by {0} working days (due {1})", days, when),
				_("Response overdue by {0} working days (due {1})", days, when),
			),
			RED,
		)
	if today == due:
		return _pick(
			kind, _("Acknowledgement due today ({0})", when), _("Response due today ({0})", when)
		), ORANGE
	days = cal.working_days_between(today, due)
	colour = ORANGE if due <= cal.add_working_days(today, due_soon_days) else GREEN
	if days == 0:  # due on a day the trust is closed, before the next working day
		return _pick(kind, _("Acknowledgement due on {0}", when), _("Response due on {0}", when)), colour
	if days == 1:
		return _pick(
			kind,
			_("Acknowledgement due in 1 working day ({0})", when),
			_("Response due in 1 working day ({0})", when),
		), colour
	return (
		_pick(
			kind,
			_("Acknowledgement due in {0} working days ({1})", days, when),
			_("Response due in {0} working days ({1})", days, when),
		),
		colour,
	)


def _pick(kind: str, acknowledgement: Message, response: Message) -> Message:
	return acknowledgement if kind == "acknowledgement" else response
