"""Which reminders fall due on a day (jlc_frappe.rules.reminders): weekends, bank holidays, moved deadlines."""

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.reminders import (
	ACKNOWLEDGEMENT_DUE,
	ACKNOWLEDGEMENT_OVERDUE,
	BEFORE,
	CQC_REQUEST_DUE,
	KINDS,
	KINDS_BY_NAME,
	OVERDUE,
	RESPONSE_DUE_SOON,
	Reminder,
	due_window,
	falls_due,
	kind_problems,
	kind_settings,
	not_yet_sent,
	reminders_due,
)

CAL = WorkingCalendar()
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
APP = Path(__file__).resolve().parent.parent / "jlc_frappe"
COMPLAINT = ("Complaint", "COMP-2026-00001")


def _setting(name, enabled=True, days=None):
	kind = KINDS_BY_NAME[name]
	return kind_settings([(name, enabled, kind.days_before if days is None else days)])[name]


def _due(name, due, today, cal=CAL, sent=(), recipients=("handler@example.com",), **kw):
	return reminders_due({COMPLAINT: due}, _setting(name, **kw), {COMPLAINT: recipients}, today, cal, sent)


# --- acknowledgement due tomorrow (the next working day) --------------------------------------------------------


def test_acknowledgement_reminded_the_working_day_before() -> None:
	# due Thu 5 Nov 2026: reminded on Wed 4, not on Tue 3
	assert _due(ACKNOWLEDGEMENT_DUE, date(2026, 11, 5), date(2026, 11, 4))
	assert not _due(ACKNOWLEDGEMENT_DUE, date(2026, 11, 5), date(2026, 11, 3))


def test_monday_deadline_reminded_on_friday_not_at_the_weekend() -> None:
	monday = date(2026, 11, 9)
	assert _due(ACKNOWLEDGEMENT_DUE, monday, date(2026, 11, 6))  # Friday
	for weekend in (date(2026, 11, 7), date(2026, 11, 8)):
		assert not _due(ACKNOWLEDGEMENT_DUE, monday, weekend), "nothing is sent on a weekend"


def test_easter_bank_holidays() -> None:
	# Tue 7 Apr 2026 after Good Friday 3 Apr and Easter Monday 6 Apr: the working day before is Thu 2 Apr
	due = date(2026, 4, 7)
	assert _due(ACKNOWLEDGEMENT_DUE, due, date(2026, 4, 2))
	assert not _due(ACKNOWLEDGEMENT_DUE, due, date(2026, 4, 1))
	for closed in (date(2026, 4, 3), date(2026, 4, 6)):
		assert not _due(ACKNOWLEDGEMENT_DUE, due, closed), f"{closed} is a bank holiday"


def test_christmas_closure_and_site_closure_days() -> None:
	# Thu 24 Dec 2026 -> Tue 29 Dec: Christmas, the weekend and the Boxing Day substitute (Mon 28) are closed
	assert _due(ACKNOWLEDGEMENT_DUE, date(2026, 12, 29), date(2026, 12, 24))
	# a site closure day (Wed 23 Dec) is not a sending day and moves "the working day before" back
	closed = WorkingCalendar([date(2026, 12, 24)])
	assert not _due(ACKNOWLEDGEMENT_DUE, date(2026, 12, 29), date(2026, 12, 24), cal=closed)
	assert _due(ACKNOWLEDGEMENT_DUE, date(2026, 12, 29), date(2026, 12, 23), cal=closed)


def test_missed_run_catches_up_while_the_deadline_is_ahead() -> None:
	due = date(2026, 11, 13)  # Friday; response reminded from 5 working days before (Fri 6 Nov)
	assert _due(RESPONSE_DUE_SOON, due, date(2026, 11, 6))
	assert _due(RESPONSE_DUE_SOON, due, date(2026, 11, 12)), "a later run still sends it"
	assert _due(RESPONSE_DUE_SOON, due, due), "and on the day itself"
	assert not _due(RESPONSE_DUE_SOON, due, date(2026, 11, 5))


def test_weekend_deadline_reminded_before_it() -> None:
	saturday = date(2026, 11, 14)  # a CQC request is due 28 calendar days on: may fall on a Saturday
	assert _due(CQC_REQUEST_DUE, saturday, date(2026, 11, 13), days=0), "on the day: the Friday before"
	assert not _due(CQC_REQUEST_DUE, saturday, date(2026, 11, 16), days=0), "after it, only the overdue kind"


# --- overdue, once ---------------------------------------------------------------------------------------------


def test_overdue_from_the_next_working_day() -> None:
	due = date(2026, 11, 6)  # Friday
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, due, due)
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, due, date(2026, 11, 7)), "Saturday: not a sending day"
	assert _due(ACKNOWLEDGEMENT_OVERDUE, due, date(2026, 11, 9))


def test_sent_once_across_reruns_and_again_after_the_deadline_moves() -> None:
	today, due = date(2026, 11, 9), date(2026, 11, 6)
	first = _due(ACKNOWLEDGEMENT_OVERDUE, due, today)
	assert first == [Reminder(*COMPLAINT, ACKNOWLEDGEMENT_OVERDUE, due, "handler@example.com")]
	sent = [r.key for r in first]
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, due, today, sent=sent), "a rerun sends nothing"
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, due, date(2026, 11, 10), sent=sent), "nor does the next day"
	moved = date(2026, 11, 12)
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, moved, date(2026, 11, 10), sent=sent), "not overdue yet"
	again = _due(ACKNOWLEDGEMENT_OVERDUE, moved, date(2026, 11, 13), sent=sent)
	assert [r.deadline for r in again] == [moved], "the moved deadline is reminded again"


def test_due_soon_reminder_again_after_the_response_date_moves() -> None:
	first_due, today = date(2026, 11, 13), date(2026, 11, 9)
	sent = [r.key for r in _due(RESPONSE_DUE_SOON, first_due, today)]
	assert sent
	later = date(2026, 12, 18)  # agreed with the complainant
	assert not _due(RESPONSE_DUE_SOON, later, date(2026, 11, 10), sent=sent)
	assert _due(RESPONSE_DUE_SOON, later, date(2026, 12, 11), sent=sent)
	assert not _due(RESPONSE_DUE_SOON, first_due, date(2026, 11, 10), sent=sent), "moved back: already sent"


def test_each_recipient_once_and_a_new_recipient_gets_it() -> None:
	due, today = date(2026, 11, 6), date(2026, 11, 9)
	both = _due(
		ACKNOWLEDGEMENT_OVERDUE, due, today, recipients=("h@example.com", "m@example.com", "h@example.com")
	)
	assert [r.recipient for r in both] == ["h@example.com", "m@example.com"]
	new_handler = _due(
		ACKNOWLEDGEMENT_OVERDUE, due, today, sent=[r.key for r in both], recipients=("h2@example.com",)
	)
	assert [r.recipient for r in new_handler] == ["h2@example.com"]


def test_disabled_kind_sends_nothing_and_lead_time_is_the_sites() -> None:
	assert not _due(ACKNOWLEDGEMENT_OVERDUE, date(2026, 11, 6), date(2026, 11, 9), enabled=False)
	due = date(2026, 11, 20)
	assert not _due(RESPONSE_DUE_SOON, due, date(2026, 11, 10))
	assert _due(RESPONSE_DUE_SOON, due, date(2026, 11, 10), days=10)


def test_no_deadline_no_reminder() -> None:
	assert not _due(ACKNOWLEDGEMENT_DUE, None, date(2026, 11, 9))


def test_not_yet_sent_keeps_order_and_drops_repeats() -> None:
	a = Reminder("Complaint", "A", ACKNOWLEDGEMENT_DUE, date(2026, 1, 5), "x")
	b = Reminder("Complaint", "B", ACKNOWLEDGEMENT_DUE, date(2026, 1, 5), "x")
	assert not_yet_sent([b, a, b], [a.key]) == [b]


# --- settings ---------------------------------------------------------------------------------------------------


def test_kind_settings_defaults_and_unknown_rows() -> None:
	settings_ = kind_settings([(RESPONSE_DUE_SOON, 0, 3), ("Made up", 1, 1)])
	assert set(settings_) == set(KINDS_BY_NAME)
	assert (settings_[RESPONSE_DUE_SOON].enabled, settings_[RESPONSE_DUE_SOON].days_before) == (False, 3)
	assert settings_[ACKNOWLEDGEMENT_DUE].enabled and settings_[ACKNOWLEDGEMENT_DUE].days_before == 1


def test_kind_problems() -> None:
	assert kind_problems([(k.name, k.days_before) for k in KINDS]) == []
	problems = kind_problems([(ACKNOWLEDGEMENT_DUE, 1), (ACKNOWLEDGEMENT_DUE, -1), ("Made up", 0)])
	assert len(problems) == 3
	assert all(problem.template for problem in problems), "translatable messages"


def test_kinds_are_the_doctypes_options() -> None:
	"""The Select options of the settings row and of the record of what was sent are exactly the kinds."""
	names = [kind.name for kind in KINDS]
	assert len(names) == len(set(names))
	assert {kind.timing for kind in KINDS} == {BEFORE, OVERDUE}
	for doctype in ("jlc_reminder_kind", "jlc_reminder_sent"):
		meta = json.loads((APP / "jlc_setup" / "doctype" / doctype / f"{doctype}.json").read_text())
		kind = next(f for f in meta["fields"] if f["fieldname"] == "kind")
		assert kind["options"].split("\n") == names, doctype


# --- the window the daily query uses agrees with the rule -------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
	today=DATES, offset=st.integers(min_value=-30, max_value=30), days=st.integers(min_value=0, max_value=15)
)
def test_window_agrees_with_falls_due(today: date, offset: int, days: int) -> None:
	due = today + timedelta(days=offset)
	for timing in (BEFORE, OVERDUE):
		window = due_window(timing, today, days, CAL)
		in_window = window is not None and (window[0] is None or window[0] <= due) and due <= window[1]
		assert in_window == falls_due(timing, due, today, days, CAL)


@settings(max_examples=200, deadline=None)
@given(due=DATES, days=st.integers(min_value=0, max_value=10))
def test_every_before_reminder_has_a_sending_day_before_its_deadline(due: date, days: int) -> None:
	"""Whatever the weekends and holidays, a daily run finds a working day on or before the deadline (or, for a
	deadline on a closed day, the working day before it) when the reminder falls due."""
	last_chance = due if CAL.is_working_day(due) else CAL.add_working_days(due, -1)
	assert falls_due(BEFORE, due, last_chance, days, CAL)
	assert not falls_due(BEFORE, due, due + timedelta(days=1), days, CAL)


@settings(max_examples=200, deadline=None)
@given(due=DATES)
def test_overdue_first_falls_due_on_the_next_working_day(due: date) -> None:
	first = CAL.next_working_day(due)
	assert falls_due(OVERDUE, due, first, 0, CAL)
	day = due
	while day < first:
		assert not falls_due(OVERDUE, due, day, 0, CAL)
		day += timedelta(days=1)
