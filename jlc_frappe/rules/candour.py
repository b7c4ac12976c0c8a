"""Duty of candour timing (SI 2014/2936 reg 20; NHS Standard Contract).

The statutory duty is "as soon as reasonably practicable"; the contractual due date is a separate fact.
"""

from __future__ import annotations

from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar

# NHS Standard Contract / CQC guidance; a site setting overrides.
CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT = 10


def candour_contractual_due(reported_on: date, working_days: int, cal: WorkingCalendar) -> date:
	"""Contractual notification due date: ``working_days`` working days after the incident was reported."""
	return cal.add_working_days(reported_on, working_days)
