"""Duty of candour (SI 2014/2936 reg 20): harm, the notifiable decision, the relevant person and timing."""

from datetime import date
from itertools import product

import pytest

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.candour import (
	ACTING_BASES,
	CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT,
	HARM_CATEGORIES,
	PHYSICAL_HARM,
	PSYCHOLOGICAL_HARM,
	acting_basis_problems,
	candour_contractual_due,
	harm_suggests_candour,
	notifiable_decision_problems,
)

UNDER_16 = "Under 16 and not competent"
LACKS_CAPACITY = "16 or over and lacks capacity"
INCIDENT = date(2026, 3, 10)


def test_harm_explicit_cases() -> None:
	assert not harm_suggests_candour("None", "None")
	assert not harm_suggests_candour("Low", "Low")
	assert harm_suggests_candour("Moderate", "None")
	assert harm_suggests_candour("Fatal", None)
	assert harm_suggests_candour("Low", "Severe")
	assert harm_suggests_candour(None, "Moderate")
	assert not harm_suggests_candour(None, None)
	assert not harm_suggests_candour("", "")


def test_harm_truth_table_exhaustive() -> None:
	"""True iff physical is Moderate/Severe/Fatal or psychological is Moderate/Severe (incl. not recorded)."""
	for physical, psychological in product((None, *PHYSICAL_HARM), (None, *PSYCHOLOGICAL_HARM)):
		expected = physical in {"Moderate", "Severe", "Fatal"} or psychological in {"Moderate", "Severe"}
		assert harm_suggests_candour(physical, psychological) is expected, (physical, psychological)


def test_harm_unknown_level_raises() -> None:
	with pytest.raises(ValueError):
		harm_suggests_candour("Fatal", "Fatal")  # LFPSE psychological harm has no "Fatal"
	with pytest.raises(ValueError):
		harm_suggests_candour("moderate", None)


def test_notifiable_not_decided_has_no_problems() -> None:
	assert notifiable_decision_problems(None, None, None, None) == []
	assert notifiable_decision_problems("", "", "", "") == []


def test_notifiable_yes() -> None:
	assert notifiable_decision_problems("Yes", "Moderate Harm", "dr.a@example.nhs.uk", None) == []
	for category in HARM_CATEGORIES:
		assert notifiable_decision_problems("Yes", category, "dr.a@example.nhs.uk", "") == []
	no_category = notifiable_decision_problems("Yes", "", "dr.a@example.nhs.uk", "")
	assert len(no_category) == 1 and "harm category" in no_category[0]
	assert len(notifiable_decision_problems("Yes", "Low Harm", "dr.a@example.nhs.uk", "")) == 1
	assert len(notifiable_decision_problems("Yes", "Death", None, "")) == 1
	assert len(notifiable_decision_problems("Yes", None, "  ", None)) == 2


def test_notifiable_no() -> None:
	assert (
		notifiable_decision_problems("No", None, "dr.a@example.nhs.uk", "Harm was low; no extra treatment.")
		== []
	)
	blank = notifiable_decision_problems("No", None, "dr.a@example.nhs.uk", "   ")
	assert len(blank) == 1 and "rationale" in blank[0]
	assert len(notifiable_decision_problems("No", None, None, None)) == 2


def test_notifiable_unknown_value() -> None:
	assert len(notifiable_decision_problems("Maybe", None, "dr.a@example.nhs.uk", "x")) == 1


def test_acting_basis_none_means_patient_is_relevant_person() -> None:
	assert acting_basis_problems(None, date(2015, 1, 1), INCIDENT, False) == []
	assert acting_basis_problems("", None, INCIDENT, True) == []


def test_acting_basis_unknown_string() -> None:
	assert len(acting_basis_problems("Parent", None, INCIDENT, False)) == 1


def test_acting_basis_patient_died() -> None:
	assert acting_basis_problems("Patient died", date(1950, 1, 1), INCIDENT, True) == []
	assert len(acting_basis_problems("Patient died", date(1950, 1, 1), INCIDENT, False)) == 1


def test_acting_basis_16th_birthday() -> None:
	# 15 years 364 days on 10 Mar 2026 (16 on 11 Mar 2026).
	almost_16 = date(2010, 3, 11)
	assert acting_basis_problems(UNDER_16, almost_16, INCIDENT, False) == []
	assert len(acting_basis_problems(LACKS_CAPACITY, almost_16, INCIDENT, False)) == 1
	# Turned 16 on the incident date.
	sixteen_today = date(2010, 3, 10)
	assert len(acting_basis_problems(UNDER_16, sixteen_today, INCIDENT, False)) == 1
	assert acting_basis_problems(LACKS_CAPACITY, sixteen_today, INCIDENT, False) == []


def test_acting_basis_17_is_child_for_complaints_not_candour() -> None:
	seventeen = date(2009, 1, 1)  # 17 on 10 Mar 2026: a child under SI 2009/309 reg 2, not for reg 20
	problems = acting_basis_problems(UNDER_16, seventeen, INCIDENT, False)
	assert len(problems) == 1 and "17" in problems[0]
	assert acting_basis_problems(LACKS_CAPACITY, seventeen, INCIDENT, False) == []


def test_acting_basis_leap_day_birthday() -> None:
	leap = date(2008, 2, 29)
	assert acting_basis_problems(UNDER_16, leap, date(2024, 2, 28), False) == []
	assert len(acting_basis_problems(UNDER_16, leap, date(2024, 2, 29), False)) == 1
	# 2100 is not a leap year: born 29 Feb 2084, still 15 on 28 Feb 2100 and 16 on 1 Mar 2100.
	leap_2084 = date(2084, 2, 29)
	assert acting_basis_problems(UNDER_16, leap_2084, date(2100, 2, 28), False) == []
	assert acting_basis_problems(LACKS_CAPACITY, leap_2084, date(2100, 3, 1), False) == []
	assert len(acting_basis_problems(LACKS_CAPACITY, leap_2084, date(2100, 2, 28), False)) == 1


def test_acting_basis_unknown_or_impossible_dob() -> None:
	for basis in ACTING_BASES[1:]:
		assert acting_basis_problems(basis, None, INCIDENT, False) == []
		assert len(acting_basis_problems(basis, date(2026, 3, 11), INCIDENT, False)) == 1


def test_contractual_due_across_christmas() -> None:
	"""Reported Thu 24 Dec 2026; 10 working days later is Tue 12 Jan 2027.

	Hand count: Fri 25 Dec Christmas Day, Sat 26 / Sun 27, Mon 28 Dec Boxing Day (substitute) are not working
	days.
	Tue 29 (1), Wed 30 (2), Thu 31 (3); Fri 1 Jan New Year's Day, Sat 2 / Sun 3 not; Mon 4 (4), Tue 5 (5),
	Wed 6 (6), Thu 7 (7), Fri 8 (8); weekend; Mon 11 (9), Tue 12 Jan 2027 (10).
	"""
	cal = WorkingCalendar()
	due = candour_contractual_due(date(2026, 12, 24), CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT, cal)
	assert due == date(2027, 1, 12)
	assert cal.working_days_between(date(2026, 12, 24), due) == 10
	# A site closure day in between pushes it one working day on.
	closed = WorkingCalendar(closure_days=[date(2027, 1, 4)])
	assert candour_contractual_due(date(2026, 12, 24), 10, closed) == date(2027, 1, 13)
