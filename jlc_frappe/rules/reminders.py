"""Which reminders fall due on a day: the kinds, their lead times and the once-only rule.

A reminder is about one deadline of one record, for one person. A "before" kind is sent in the days before the
deadline (its lead time, in working days); an "overdue" kind once the deadline has passed undone. Reminders go
out on working days only (no email to a closed office): the first working day in a reminder's window sends it,
so one missed run loses nothing. Each (record, kind, deadline, recipient) is sent once; a moved deadline is a
new deadline, so its reminders fall due again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.messages import _

BEFORE = "Before"
OVERDUE = "Overdue"
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Kind:
	"""A kind of reminder: its name (the settings row and the record of what was sent), when it is sent, its
	default lead time (working days before the deadline, for BEFORE kinds) and who receives it (for people)."""

	name: str
	timing: str
	days_before: int
	recipients: str


ACKNOWLEDGEMENT_DUE = "Acknowledgement due"
RESPONSE_DUE_SOON = "Response due soon"
ACKNOWLEDGEMENT_OVERDUE = "Acknowledgement overdue"
RESPONSE_OVERDUE = "Response overdue"
ACTION_DUE_SOON = "Learning action due soon"
ACTION_OVERDUE = "Learning action overdue"
CANDOUR_ASSESSMENT_OPEN = "Candour assessment open"
CANDOUR_DUE_SOON = "Candour notification due soon"
CANDOUR_OVERDUE = "Candour notification overdue"
CQC_REQUEST_DUE = "CQC request due"
CQC_REQUEST_OVERDUE = "CQC request overdue"

_HANDLER = "The complaint's handler (the Complaints Managers when it has none)"
_HANDLER_AND_MANAGERS = "The complaint's handler and every Complaints Manager"
_SAFETY_LEADS = "Every Patient Safety Lead"

# The kinds, with their defaults (JLC Settings > Reminders lets a site change `enabled` and the lead time).
KINDS = (
	Kind(ACKNOWLEDGEMENT_DUE, BEFORE, 1, _HANDLER),
	Kind(RESPONSE_DUE_SOON, BEFORE, 5, _HANDLER),
	Kind(ACKNOWLEDGEMENT_OVERDUE, OVERDUE, 0, _HANDLER_AND_MANAGERS),
	Kind(RESPONSE_OVERDUE, OVERDUE, 0, _HANDLER_AND_MANAGERS),
	Kind(ACTION_DUE_SOON, BEFORE, 5, "The action's owner"),
	Kind(ACTION_OVERDUE, OVERDUE, 0, "The action's owner"),
	Kind(CANDOUR_ASSESSMENT_OPEN, BEFORE, 5, _SAFETY_LEADS),
	Kind(CANDOUR_DUE_SOON, BEFORE, 2, _SAFETY_LEADS),
	Kind(CANDOUR_OVERDUE, OVERDUE, 0, _SAFETY_LEADS),
	Kind(CQC_REQUEST_DUE, BEFORE, 5, "The request's owner (whoever logged it when no owner is named)"),
	Kind(CQC_REQUEST_OVERDUE, OVERDUE, 0, "The request's owner (whoever logged it when no owner is named)"),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


@dataclass(frozen=True)
class KindSetting:
	"""A kind as a site set it: sent or not, and its lead time."""

	kind: Kind
	enabled: bool
	days_before: int


def kind_settings(rows: Iterable[tuple[str, bool, int]]) -> dict[str, KindSetting]:
	"""Every kind as the site set it; `rows` are (kind, enabled, days before) from JLC Settings. A kind without
	a row keeps its defaults (enabled), so a kind added in a later version works before anyone looks at it."""
	chosen = {name: (bool(enabled), int(days or 0)) for name, enabled, days in rows if name in KINDS_BY_NAME}
	settings = {}
	for kind in KINDS:
		enabled, days = chosen.get(kind.name, (True, kind.days_before))
		settings[kind.name] = KindSetting(kind, enabled, max(days, 0))
	return settings


def kind_problems(rows: Iterable[tuple[str, int]]) -> list[str]:
	"""Problems with the reminder rows of JLC Settings ((kind, days before) pairs); empty when fine."""
	problems, seen = [], set()
	for name, days in rows:
		if name not in KINDS_BY_NAME:
			problems.append(_("{0} is not a kind of reminder.", name))
		elif name in seen:
			problems.append(_("The reminder {0} is listed more than once.", name))
		seen.add(name)
		if (days or 0) < 0:
			problems.append(_("The reminder {0} cannot be sent a negative number of days before.", name))
	return problems


def is_sending_day(day: date, cal: WorkingCalendar) -> bool:
	"""Reminders go out on working days only."""
	return cal.is_working_day(day)


def _window_end(today: date, days_before: int, cal: WorkingCalendar) -> date:
	"""The last deadline a BEFORE reminder sent today covers: `days_before` working days on, and the closed days
	that follow (a deadline on a Saturday is reminded on the Friday, not after it)."""
	return cal.next_working_day(cal.add_working_days(today, days_before)) - _ONE_DAY


def due_window(
	timing: str, today: date, days_before: int, cal: WorkingCalendar
) -> tuple[date | None, date] | None:
	"""(first, last) deadline (inclusive; first None = no lower bound) whose reminders of this timing fall due
	`today`, for a query over every record at once; None when nothing is sent today. Agrees with `falls_due`."""
	if not is_sending_day(today, cal):
		return None
	if timing == OVERDUE:
		return None, today - _ONE_DAY
	return today, _window_end(today, days_before, cal)


def falls_due(timing: str, due: date | None, today: date, days_before: int, cal: WorkingCalendar) -> bool:
	"""Whether a reminder of this timing about a pending deadline `due` falls due `today` (sent or not yet)."""
	window = due_window(timing, today, days_before, cal)
	if due is None or window is None:
		return False
	first, last = window
	return (first is None or first <= due) and due <= last


@dataclass(frozen=True, order=True)
class Reminder:
	"""One reminder: about `deadline` of record `doctype`/`name`, of `kind`, for `recipient`."""

	doctype: str
	name: str
	kind: str
	deadline: date
	recipient: str

	@property
	def key(self) -> tuple[str, str, str, date, str]:
		return (self.doctype, self.name, self.kind, self.deadline, self.recipient)


def not_yet_sent(candidates: Iterable[Reminder], sent: Iterable[tuple]) -> list[Reminder]:
	"""The reminders of `candidates` not among the keys already `sent` (each once, in order)."""
	done = set(sent)
	fresh = []
	for reminder in candidates:
		if reminder.key not in done:
			done.add(reminder.key)
			fresh.append(reminder)
	return fresh


def reminders_due(
	deadlines: Mapping[tuple[str, str], date | None],
	kind: KindSetting,
	recipients: Mapping[tuple[str, str], Iterable[str]],
	today: date,
	cal: WorkingCalendar,
	sent: Iterable[tuple] = (),
) -> list[Reminder]:
	"""The reminders of one kind to send `today`: for each record ((doctype, name) -> its pending deadline), one
	per recipient, unless the kind is off, the deadline is not in its window, or it was sent for that deadline.
	The daily job asks the same question of the database with `due_window`."""
	if not kind.enabled:
		return []
	candidates = [
		Reminder(doctype, name, kind.kind.name, due, recipient)
		for (doctype, name), due in sorted(deadlines.items())
		if falls_due(kind.kind.timing, due, today, kind.days_before, cal)
		for recipient in sorted(set(recipients.get((doctype, name), ())))
	]
	return not_yet_sent(candidates, sent)
