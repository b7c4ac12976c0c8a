"""The headline at the top of a record: where it stands against its deadline, and what is next.

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

LEARNING_ACTION_NEXT_STEP = {
	"Proposed": _("proposed: agree it and its owner"),
	"Agreed": _("agreed: start it"),
	"In Progress": _("in progress: complete it with the evidence"),
	"Completed": _("completed: verify its impact"),
	"Impact Verified": _("impact verified"),
	"Cancelled": _("cancelled"),
}
LEARNING_ACTION_FINISHED = ("Impact Verified", "Cancelled")

CANDOUR_NEXT_STEP = {
	"Assessment": _("assess whether the duty of candour applies"),
	"Notifiable": _("notify the relevant person in person"),
	"Notified In Person": _("notified in person: send the written notification"),
	"Written Notification Sent": _("written notification sent: share the findings"),
	"Findings Shared": _("findings shared: close it"),
	"Not Notifiable": _("not notifiable"),
	"Unable To Contact": _("the relevant person could not be contacted"),
	"Declined": _("the relevant person declined to be notified"),
	"Closed": _("closed"),
}
CANDOUR_FINISHED = ("Not Notifiable", "Unable To Contact", "Declined", "Closed")

# Each kind of deadline: (what is due, what is said once it is done).
DEADLINES = {
	"acknowledgement": (_("Acknowledgement"), _("Acknowledged")),
	"response": (_("Response"), _("Response sent")),
	"action": (_("Action"), _("Completed")),
	"candour": (_("Notification in person"), _("Notified in person")),
}


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
	deadline = acknowledgement if kind == "acknowledgement" else response
	return deadline_headline(kind, deadline, next_step, today, due_soon_days, cal, fmt)


def record_headline(
	kind: str,
	state: str,
	deadline: tuple[date | None, date | None],
	today: date,
	due_soon_days: int,
	cal: WorkingCalendar,
	fmt: Callable[[date], str] = date.isoformat,
) -> tuple[Message, str]:
	"""(headline, colour) for a learning action (kind "action") or a candour notification ("candour")."""
	steps, finished = {
		"action": (LEARNING_ACTION_NEXT_STEP, LEARNING_ACTION_FINISHED),
		"candour": (CANDOUR_NEXT_STEP, CANDOUR_FINISHED),
	}[kind]
	next_step = steps.get(state) or Message(state or "")
	if state in finished:
		return (
			_("Learning action {0}", next_step) if kind == "action" else _("Candour: {0}", next_step)
		), GREY
	return deadline_headline(kind, deadline, next_step, today, due_soon_days, cal, fmt)


def deadline_headline(kind, deadline, next_step, today, due_soon_days, cal, fmt) -> tuple[Message, str]:
	due, done_on = deadline
	if due is None:
		return _("Next: {0}", next_step), BLUE
	phrase, colour = _deadline(kind, due, done_on, today, due_soon_days, cal, fmt)
	return _("{0}: {1}", phrase, next_step), colour


def _deadline(kind, due, done_on, today, due_soon_days, cal, fmt) -> tuple[Message, str]:
	"""The deadline in words; its colour is its deadline status (rules.deadlines), so the two always agree."""
	colour = STATUS_COLOURS[deadline_status(due, done_on, today, due_soon_days, cal)]
	what, done, when = *DEADLINES[kind], fmt(due)
	if done_on is not None:
		if colour == GREEN:
			return _("{0} on time ({1})", done, fmt(done_on)), colour
		late = max(cal.working_days_between(due, done_on), 1)
		return _("{0} {1} working days late (due {2})", done, late, when), colour
	if today > due:
		days = cal.working_days_between(due, today)
		if days == 1:
			return _("{0} overdue by 1 working day (due {1})", what, when), colour
		return _("{0} overdue by {1} working days (due {2})", what, days, when), colour
	days = cal.working_days_between(today, due)
	if today == due:
		return _("{0} due today ({1})", what, when), colour
	if days == 0:  # due on a day the trust is closed, before the next working day
		return _("{0} due on {1}", what, when), colour
	if days == 1:
		return _("{0} due in 1 working day ({1})", what, when), colour
	return _("{0} due in {1} working days ({2})", what, days, when), colour
