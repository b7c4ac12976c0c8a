"""Time limit for complaints (SI 2009/309 reg 12)."""

from datetime import date

from jlc_frappe.rules.time_limit import (
	IN_TIME,
	LATE,
	LATE_WAIVED,
	NOT_KNOWN,
	became_aware_problems,
	time_limit_expires,
	time_limit_status,
	waiver_problems,
)


def test_expires_leap_day() -> None:
	# Event 29 Feb 2024; 12 months later there is no 29 Feb, so the limit clamps to 28 Feb 2025.
	assert time_limit_expires(date(2024, 2, 29), None) == date(2025, 2, 28)


def test_expires_uses_later_date() -> None:
	assert time_limit_expires(date(2025, 1, 10), date(2025, 6, 1)) == date(2026, 6, 1)
	assert time_limit_expires(None, date(2025, 6, 1)) == date(2026, 6, 1)
	assert time_limit_expires(date(2025, 6, 1), date(2025, 1, 10)) == date(2026, 6, 1)
	assert time_limit_expires(None, None) is None


def test_status() -> None:
	event = date(2024, 2, 29)
	assert time_limit_status(date(2025, 2, 28), event, None, False) == IN_TIME  # anniversary still in time
	assert time_limit_status(date(2025, 3, 1), event, None, False) == LATE
	assert time_limit_status(date(2025, 3, 1), event, None, True) == LATE_WAIVED
	assert time_limit_status(date(2025, 3, 1), event, date(2024, 6, 1), False) == IN_TIME
	assert time_limit_status(date(2025, 3, 1), None, None, True) == NOT_KNOWN


def test_waiver_problems() -> None:
	assert waiver_problems(False, None, None) == []
	assert waiver_problems(True, "Was in hospital", "Records still held") == []
	assert len(waiver_problems(True, "  ", "Records still held")) == 1
	assert len(waiver_problems(True, "Was in hospital", None)) == 1
	assert len(waiver_problems(True, None, "")) == 2


def test_became_aware_problems() -> None:
	assert became_aware_problems(date(2025, 5, 1), date(2025, 4, 30)) != []
	assert became_aware_problems(date(2025, 5, 1), date(2025, 5, 1)) == []
	assert became_aware_problems(None, date(2025, 5, 1)) == []
	assert became_aware_problems(date(2025, 5, 1), None) == []
