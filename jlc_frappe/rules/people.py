"""Ages: who is a child for complaints (SI 2009/309 reg 2) and for candour (SI 2014/2936 reg 20)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from jlc_frappe.rules.messages import _

COMPLAINTS_CHILD_AGE = 18  # SI 2009/309 reg 2: a child is under 18
CANDOUR_CHILD_AGE = 16  # SI 2014/2936 reg 20: relevant person acts for a user under 16
UNKNOWN_BAND = "Unknown"


def age_on(date_of_birth: date, on: date) -> int:
	"""Whole years of age on ``on``; a 29 Feb birthday counts from 1 Mar in non-leap years."""
	if on < date_of_birth:
		raise ValueError(
			_("Date {0} is before date of birth {1}.", on.isoformat(), date_of_birth.isoformat())
		)
	had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
	return on.year - date_of_birth.year - (0 if had_birthday else 1)


def is_child_for_complaints(dob: date, on: date) -> bool:
	"""Reg 2 (SI 2009/309): a child is a person under 18."""
	return age_on(dob, on) < COMPLAINTS_CHILD_AGE


def is_child_for_candour(dob: date, on: date) -> bool:
	"""Reg 20 (SI 2014/2936): under 16 (not the complaints rule's 18)."""
	return age_on(dob, on) < CANDOUR_CHILD_AGE


def age_band(dob: date | None, on: date, bands: Sequence[tuple[str, int]]) -> str:
	"""Label of the band with the greatest lower bound <= age (KO41a age section; bands are editable data).

	"Unknown" when dob is missing, after ``on``, or below every band. Row order does not matter; if two rows
	share a lower bound the alphabetically last label wins, so the result is still order-independent.
	"""
	if dob is None or dob > on:
		return UNKNOWN_BAND
	age = age_on(dob, on)
	eligible = [(lower, label) for label, lower in bands if lower <= age]
	if not eligible:
		return UNKNOWN_BAND
	return max(eligible)[1]
