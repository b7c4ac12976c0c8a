"""Duty of candour (SI 2014/2936 reg 20; NHS Standard Contract): timing, harm, decision and relevant person.

The statutory duty is "as soon as reasonably practicable"; the contractual due date is a separate fact. The
incident's recorded LFPSE harm grade only opens a candour assessment; the notifiable decision stays explicit.
"""

from __future__ import annotations

from datetime import date

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.messages import _
from jlc_frappe.rules.people import age_on, is_child_for_candour

# NHS Standard Contract / CQC guidance; a site setting overrides.
CANDOUR_CONTRACTUAL_WORKING_DAYS_DEFAULT = 10


def candour_contractual_due(reported_on: date, working_days: int, cal: WorkingCalendar) -> date:
	"""Contractual notification due date: ``working_days`` working days after the incident was reported."""
	return cal.add_working_days(reported_on, working_days)


# LFPSE records physical and psychological harm separately [verify] (domain.md §6).
PHYSICAL_HARM = ("None", "Low", "Moderate", "Severe", "Fatal")
PSYCHOLOGICAL_HARM = ("None", "Low", "Moderate", "Severe")
# Reg 20: a notifiable safety incident could result in, or appears to have resulted in, one of these.
HARM_CATEGORIES = ("Death", "Severe Harm", "Moderate Harm", "Prolonged Psychological Harm")
# Reg 20 "relevant person": someone lawfully acting for the service user in these cases only.
ACTING_BASES = ("Patient died", "Under 16 and not competent", "16 or over and lacks capacity")

_PHYSICAL_OPENS_CANDOUR = frozenset({"Moderate", "Severe", "Fatal"})
_PSYCHOLOGICAL_OPENS_CANDOUR = frozenset({"Moderate", "Severe"})


def _harm_level(value: str | None, levels: tuple[str, ...], kind: str) -> str | None:
	"""The recorded level, None when not recorded; ValueError for a value outside the LFPSE list."""
	if value is None or value == "":
		return None
	if value not in levels:
		expected = ", ".join(levels)
		raise ValueError(_("Unknown {0} harm level {1}; expected one of {2}.", kind, repr(value), expected))
	return value


def harm_suggests_candour(physical: str | None, psychological: str | None) -> bool:
	"""True when the recorded LFPSE harm is moderate or worse, which opens a candour assessment.

	Physical Moderate/Severe/Fatal or psychological Moderate/Severe (reg 20: death, severe or moderate harm,
	prolonged psychological harm). The recorded LFPSE grade is not itself the candour decision: a health care
	professional still decides whether the incident is notifiable (see :func:`notifiable_decision_problems`).
	None or "" means not recorded; an unknown level raises ValueError.
	"""
	physical_level = _harm_level(physical, PHYSICAL_HARM, _("physical"))
	psychological_level = _harm_level(psychological, PSYCHOLOGICAL_HARM, _("psychological"))
	return physical_level in _PHYSICAL_OPENS_CANDOUR or psychological_level in _PSYCHOLOGICAL_OPENS_CANDOUR


def notifiable_decision_problems(
	notifiable: str | None, harm_category: str | None, professional: str | None, rationale: str | None
) -> list[str]:
	"""Why a notifiable-safety-incident decision is incomplete (empty when it is complete).

	Reg 20: notifiable in "a health care professional's reasonable opinion", so a decision (Yes or No) names
	the professional who made it. Yes names the reg 20 harm category (HARM_CATEGORIES). No gives a rationale.
	""/None means not decided yet: no problems.
	"""
	if notifiable is None or notifiable == "":
		return []
	if notifiable not in ("Yes", "No"):
		return [_("Notifiable must be Yes, No or blank, not {0}.", repr(notifiable))]
	problems: list[str] = []
	if _blank(professional):
		problems.append(
			_("Record the health care professional who decided whether the incident is notifiable.")
		)
	if notifiable == "Yes":
		if _blank(harm_category):
			problems.append(_("A notifiable incident needs its harm category (reg 20)."))
		elif harm_category not in HARM_CATEGORIES:
			categories = ", ".join(HARM_CATEGORIES)
			problems.append(_("{0} is not a reg 20 harm category ({1}).", repr(harm_category), categories))
	elif _blank(rationale):
		problems.append(_("A decision that the incident is not notifiable needs a rationale."))
	return problems


def acting_basis_problems(
	basis: str | None, date_of_birth: date | None, on: date, patient_deceased: bool
) -> list[str]:
	"""Why someone may not act for the patient on this basis (empty when they may).

	Reg 20 "relevant person": someone lawfully acting for the service user only when the user has died;
	is under 16 and not competent; or is 16 or over and lacks capacity (the 16 rule, not the complaints
	rule's 18). Ages are on ``on`` (the incident date). Unknown date of birth: no age problem. None/""
	basis: the patient is the relevant person, no problems.
	"""
	if basis is None or basis == "":
		return []
	if basis not in ACTING_BASES:
		bases = ", ".join(ACTING_BASES)
		return [_("{0} is not a basis for acting for the patient ({1}).", repr(basis), bases)]
	if basis == "Patient died":
		return [] if patient_deceased else [_("'Patient died' needs the patient to be recorded as deceased.")]
	if date_of_birth is None:
		return []
	if date_of_birth > on:
		return [_("Date of birth {0} is after {1}.", date_of_birth.isoformat(), on.isoformat())]
	age = age_on(date_of_birth, on)
	child = is_child_for_candour(date_of_birth, on)
	if basis == "Under 16 and not competent" and not child:
		return [_("The patient was {0} on {1}, not under 16 (reg 20).", age, on.isoformat())]
	if basis == "16 or over and lacks capacity" and child:
		return [_("The patient was {0} on {1}, under 16 (reg 20).", age, on.isoformat())]
	return []


def _blank(value: str | None) -> bool:
	"""True for None or whitespace-only text."""
	return value is None or not str(value).strip()
