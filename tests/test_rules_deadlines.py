"""Acknowledgement and response deadlines (SI 2009/309 regs 13 and 14) and deadline statuses."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.candour import CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT, candour_contractual_due
from jlc_frappe.rules.deadlines import (
	DEADLINE_STATUSES,
	DUE_SOON,
	MET,
	MISSED,
	ON_TRACK,
	OVERDUE,
	acknowledgement_due,
	deadline_status,
	next_deadline,
	pending_status_thresholds,
	response_due_from_preset,
	statutory_response_limit,
	validate_response_due_change,
	working_days_left,
	working_days_to_respond,
)

CAL = WorkingCalendar()
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def test_status_order() -> None:
	assert DEADLINE_STATUSES == ("On track", "Due soon", "Overdue", "Met", "Missed")


def test_ack_christmas_2026() -> None:
	# Received Thu 24 Dec 2026. Not working: Fri 25 (Christmas), Sat 26, Sun 27,
	# Mon 28 (Boxing Day substitute). Tue 29 = 1, Wed 30 = 2, Thu 31 = 3 -> due Thu 31 Dec 2026
	# (31 Dec 2026 is a Thursday, not a Tuesday).
	assert acknowledgement_due(date(2026, 12, 24), CAL) == date(2026, 12, 31)


def test_ack_easter_2026_year_end() -> None:
	# Received Tue 31 Mar 2026: Wed 1 Apr = 1, Thu 2 = 2, Fri 3 (Good Friday), weekend, Mon 6 (Easter Monday)
	# skipped, Tue 7 Apr = 3.
	assert acknowledgement_due(date(2026, 3, 31), CAL) == date(2026, 4, 7)


def test_ack_easter_2025() -> None:
	# Received Wed 16 Apr 2025: Thu 17 = 1, Fri 18 (Good Friday), weekend, Mon 21 (Easter Monday), Tue 22 = 2,
	# Wed 23 = 3.
	assert acknowledgement_due(date(2025, 4, 16), CAL) == date(2025, 4, 23)


def test_ack_saturday_receipt() -> None:
	# Received Sat 7 Mar 2026: Mon 9 = 1, Tue 10 = 2, Wed 11 = 3.
	assert acknowledgement_due(date(2026, 3, 7), CAL) == date(2026, 3, 11)


def test_ack_closure_day() -> None:
	# Received Mon 9 Mar 2026 with the site closed Wed 11: Tue 10 = 1, Thu 12 = 2, Fri 13 = 3 (not Thu 12).
	assert acknowledgement_due(date(2026, 3, 9), CAL) == date(2026, 3, 12)
	cal = WorkingCalendar([date(2026, 3, 11)])
	assert acknowledgement_due(date(2026, 3, 9), cal) == date(2026, 3, 13)


def test_response_preset() -> None:
	# 25 working days from Mon 2 Mar 2026: Tue 3..Fri 6 Mar = 4; three full weeks to Fri 27 Mar = 19;
	# Mon 30 Mar..Thu 2 Apr = 23; Fri 3 (Good Friday), weekend, Mon 6 (Easter Monday) skipped;
	# Tue 7 Apr = 24, Wed 8 Apr = 25.
	assert response_due_from_preset(date(2026, 3, 2), 25, CAL) == date(2026, 4, 8)


def test_statutory_limit() -> None:
	assert statutory_response_limit(date(2024, 2, 29)) == date(2024, 8, 29)
	assert statutory_response_limit(date(2026, 3, 31)) == date(2026, 9, 30)
	assert statutory_response_limit(date(2025, 8, 31)) == date(2026, 2, 28)


def test_candour_due() -> None:
	# Reported Thu 2 Apr 2026, 10 working days: Good Friday and Easter Monday skipped ->
	# Tue 7 .. Fri 10 (4), Mon 13 .. Fri 17 (9), Mon 20 Apr = 10.
	due = candour_contractual_due(date(2026, 4, 2), CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT, CAL)
	assert due == date(2026, 4, 20)


RECEIVED = date(2026, 3, 31)  # statutory limit 30 Sep 2026


def test_change_ok() -> None:
	assert (
		validate_response_due_change(
			RECEIVED, date(2026, 5, 1), date(2026, 6, 1), date(2026, 4, 20), date(2026, 4, 21)
		)
		== []
	)


def test_change_beyond_limit_agreed_in_time() -> None:
	problems = validate_response_due_change(
		RECEIVED, date(2026, 9, 1), date(2026, 12, 1), date(2026, 9, 30), date(2026, 10, 5)
	)
	assert problems == []


def test_change_beyond_limit_agreed_late() -> None:
	problems = validate_response_due_change(
		RECEIVED, date(2026, 9, 1), date(2026, 12, 1), date(2026, 10, 1), date(2026, 10, 5)
	)
	assert len(problems) == 1
	assert "before the 6 months end" in problems[0]


def test_change_problems() -> None:
	assert (
		len(
			validate_response_due_change(RECEIVED, None, date(2026, 3, 1), date(2026, 4, 1), date(2026, 4, 2))
		)
		== 1
	)
	missing = validate_response_due_change(RECEIVED, None, date(2026, 6, 1), None, date(2026, 4, 2))
	assert len(missing) == 1 and "missing" in missing[0]
	future = validate_response_due_change(
		RECEIVED, None, date(2026, 6, 1), date(2026, 4, 3), date(2026, 4, 2)
	)
	assert len(future) == 1 and "future" in future[0]
	early = validate_response_due_change(
		RECEIVED, None, date(2026, 6, 1), date(2026, 3, 30), date(2026, 4, 2)
	)
	assert len(early) == 1 and "before the complaint was received" in early[0]
	same = validate_response_due_change(
		RECEIVED, date(2026, 6, 1), date(2026, 6, 1), date(2026, 4, 1), date(2026, 4, 2)
	)
	assert len(same) == 1 and "no change" in same[0]


def test_deadline_status_examples() -> None:
	due = date(2026, 4, 7)
	assert deadline_status(None, None, date(2026, 4, 1), 2, CAL) == ""
	assert deadline_status(due, date(2026, 4, 7), date(2026, 5, 1), 2, CAL) == MET
	assert deadline_status(due, date(2026, 4, 8), date(2026, 5, 1), 2, CAL) == MISSED
	assert deadline_status(due, None, date(2026, 4, 8), 2, CAL) == OVERDUE
	assert deadline_status(due, None, due, 0, CAL) == DUE_SOON
	# Thu 2 Apr + 1 working day = Tue 7 Apr (Easter): due soon with a 1-day window.
	assert deadline_status(due, None, date(2026, 4, 2), 1, CAL) == DUE_SOON
	assert deadline_status(due, None, date(2026, 4, 1), 1, CAL) == ON_TRACK


def _sql_status(due: date, today: date, soon_limit: date) -> str:
	"""The bulk SQL job's CASE expression, in Python."""
	if due < today:
		return OVERDUE
	if due <= soon_limit:
		return DUE_SOON
	return ON_TRACK


@settings(max_examples=200, deadline=None)
@given(
	due=DATES,
	today=DATES,
	due_soon_days=st.integers(min_value=0, max_value=30),
	closures=st.frozensets(DATES, max_size=10),
)
def test_sql_thresholds_agree(due: date, today: date, due_soon_days: int, closures: frozenset[date]) -> None:
	cal = WorkingCalendar(closures)
	today_t, soon_limit = pending_status_thresholds(today, due_soon_days, cal)
	assert today_t == today
	assert _sql_status(due, today_t, soon_limit) == deadline_status(due, None, today, due_soon_days, cal)


def test_next_deadline_is_the_first_still_to_meet() -> None:
	ack, resp = date(2026, 11, 5), date(2026, 12, 17)
	assert next_deadline([(ack, None), (resp, None)]) == ack
	assert next_deadline([(ack, date(2026, 11, 3)), (resp, None)]) == resp
	assert next_deadline([(ack, date(2026, 11, 3)), (resp, date(2026, 12, 1))]) is None
	assert next_deadline([(None, None), (resp, None)]) == resp


def test_working_days_left_counts_down_and_goes_negative() -> None:
	cal = WorkingCalendar()
	due = date(2026, 12, 24)  # Thursday before Christmas
	assert working_days_left(due, date(2026, 12, 21), cal) == 3
	assert working_days_left(due, due, cal) == 0
	assert working_days_left(due, date(2026, 12, 29), cal) == -1, "Christmas and Boxing Day substitute"
	assert working_days_left(None, due, cal) is None


def test_working_days_to_respond() -> None:
	# received Tue 1 Aug 2023, answered Fri 29 Sep: 42 working days (the summer bank holiday on 28 Aug)
	assert working_days_to_respond(date(2023, 8, 1), date(2023, 9, 29), CAL) == 42
	assert working_days_to_respond(date(2023, 8, 1), date(2023, 8, 1), CAL) == 0
	assert working_days_to_respond(date(2023, 8, 1), None, CAL) is None
	assert working_days_to_respond(None, date(2023, 8, 1), CAL) is None
