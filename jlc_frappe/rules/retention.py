"""How long JLC keeps a record, and what anonymising it clears (domain.md section 8).

The NHS Records Management Code of Practice keeps a complaint's case file 10 years after its closure, then has it
reviewed for destruction: JLC then anonymises it. The people it names (the identity store's links), their contact
details and every free-text narrative are cleared, or replaced when the field is required; the coded fields that
every count reads (dates, outcomes, routes, statuses, KO41a aspects, age bands) stay, so the figures of past years
never change. Periods and trigger fields are a site's data (JLC Retention Policy): the defaults are [verify].

A record is due when its work is over (`FINISHED`), its trigger date is set, its period has run from that date,
it is not on legal hold and it was not anonymised already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from jlc_frappe.rules.calendar import add_months
from jlc_frappe.rules.messages import _

COMPLAINT = "Complaint"
INCIDENT = "Patient Safety Incident"
CLAIM = "Claim"
CANDOUR = "Candour Notification"
STAFF_SUPPORT = "Staff Support Record"
FAIR_TREATMENT = "Fair Treatment Review"
SUBJECT_ACCESS = "Subject Access Request"
# The doctypes a retention policy may govern, in the order they are shown.
RETAINED_DOCTYPES = (COMPLAINT, INCIDENT, CLAIM, CANDOUR, STAFF_SUPPORT, FAIR_TREATMENT, SUBJECT_ACCESS)

# When a record's work is over: (field, values). A record whose work is not over is never due, whatever its
# dates say. Doctypes not named here (support records, fair treatment reviews) are over once their trigger date is.
FINISHED = {
	COMPLAINT: ("workflow_state", ("Closed", "Withdrawn")),
	INCIDENT: ("status", ("Closed",)),
	CLAIM: ("status", ("Settled", "Closed - no payment", "Withdrawn")),
	CANDOUR: ("workflow_state", ("Closed", "Not Notifiable")),
	SUBJECT_ACCESS: ("status", ("Completed",)),
}
# Doctypes whose closure date JLC keeps itself (`closed_on`, set when the work is over): their own forms have none.
CLOSURE_DATED = (INCIDENT, CLAIM, CANDOUR)

# Fields every retained doctype carries for retention (in their "Records management" section).
LEGAL_HOLD = "legal_hold"
ANONYMISED_ON = "anonymised_on"
RETENTION_FIELDS = (LEGAL_HOLD, ANONYMISED_ON)

PLACEHOLDER = "Anonymised"  # written into a required text field (a record's summary, a reason of a change)
PERSON = "JLC Person"
# Staff a record is about (not staff acting in their role): cleared with the record.
STAFF_SUBJECTS = {STAFF_SUPPORT: ("staff_member",), FAIR_TREATMENT: ("staff_member",)}
# Text fields that are codes, or copies of codes and of staff names in their role, that reports read: kept.
KEPT_TEXT = {
	COMPLAINT: ("age_band", "handler_name", "ombudsman_stage", "ombudsman_outcome"),
	INCIDENT: ("category",),
	"Complaint Staff Involved": ("full_name",),
	"Fair Treatment Answer": ("step_id", "answer", "question"),
	"Fair Treatment Assessor": ("full_name",),
}
# Records about a retained record that go with it (doctype, link field naming it): the Ombudsman's notes and
# recommendations about a complaint name the complainant as its narratives do.
DEPENDENTS = {COMPLAINT: (("Ombudsman Referral", "complaint"),)}

TEXT_TYPES = frozenset(
	(
		"Data",
		"Small Text",
		"Text",
		"Long Text",
		"Text Editor",
		"HTML Editor",
		"Markdown Editor",
		"Code",
		"JSON",
		"Attach",
		"Attach Image",
		"Signature",
		"Password",
	)
)

# Where a record stands (the dry-run report's status).
ANONYMISED, OPEN, NO_TRIGGER, RETAINED, HELD, DUE = (
	"Anonymised",
	"Open",
	"No trigger date",
	"Retained",
	"On legal hold",
	"Due",
)
STATUSES = (DUE, HELD, RETAINED, NO_TRIGGER, OPEN, ANONYMISED)


# --- dates ------------------------------------------------------------------------------------------------------


def due_on(trigger: date, years: int) -> date:
	"""The day a record's period ends: its trigger date `years` later (29 February: 28 February, as
	calendar.add_months)."""
	return add_months(trigger, 12 * years)


def latest_due_trigger(on_date: date, years: int) -> date:
	"""The latest trigger date whose period has ended by `on_date`: a record is due on `on_date` exactly when its
	trigger date is on or before this (what a database query compares with)."""
	latest = add_months(on_date, -12 * years)
	while due_on(latest + timedelta(days=1), years) <= on_date:
		latest += timedelta(days=1)
	return latest


@dataclass(frozen=True)
class Standing:
	"""Where a record stands against its policy: `status` (STATUSES), `due` (its period's end, when known) and
	`reason` (a Message saying why)."""

	status: str
	due: date | None
	reason: str


def standing(
	trigger: date | None,
	years: int,
	on_date: date,
	*,
	finished: bool = True,
	legal_hold: bool = False,
	anonymised: bool = False,
	trigger_label: str = "",
	fmt: Callable[[date], str] = date.isoformat,
) -> Standing:
	"""Where a record stands on `on_date`: anonymised already; open (its work not over); without a trigger date;
	retained (period not ended); on legal hold (ended, but held); or due. `fmt` shows a date to the reader."""
	due = due_on(trigger, years) if trigger else None
	if anonymised:
		return Standing(ANONYMISED, due, _("Anonymised already."))
	if not finished:
		return Standing(OPEN, due, _("Its work is not over: the retention period starts when it is closed."))
	if not trigger:
		return Standing(
			NO_TRIGGER, None, _("It has no {0}, so its retention period cannot start.", trigger_label)
		)
	if due > on_date:
		return Standing(
			RETAINED, due, _("Kept until {0} ({1} years after its {2}).", fmt(due), years, trigger_label)
		)
	if legal_hold:
		return Standing(HELD, due, _("Its period ended on {0}, but it is on legal hold.", fmt(due)))
	return Standing(
		DUE, due, _("Its period ended on {0}: {1} years after its {2}.", fmt(due), years, trigger_label)
	)


def closed_on(finished: bool, stored: date | None, today: date) -> date | None:
	"""A closure-dated record's `closed_on`: kept while its work is over, today when it is just over, cleared when
	it is reopened."""
	if not finished:
		return None
	return stored or today


def is_finished(doctype: str, values: dict) -> bool:
	"""Whether a record's work is over (FINISHED), from its values."""
	if doctype not in FINISHED:
		return True
	fieldname, states = FINISHED[doctype]
	return values.get(fieldname) in states


def trigger_problems(doctype: str, trigger_field: str, date_fields: dict[str, str], years: int) -> list[str]:
	"""What is wrong with a policy (empty when nothing is): `date_fields` are {fieldname: label} of the doctype's
	date fields."""
	problems = []
	if doctype not in RETAINED_DOCTYPES:
		problems.append(_("JLC keeps no retention policy for {0}.", doctype))
	if trigger_field not in date_fields:
		separator = ", "
		choices = separator.join(date_fields)
		problems.append(
			_("{0} is not a date field of {1}: choose one of {2}.", trigger_field, doctype, choices)
		)
	if years is None or years < 1:
		problems.append(_("A retention period is at least one year."))
	return problems


# --- what anonymising clears ---------------------------------------------------------------------------------


@dataclass
class Plan:
	"""What anonymising a record of a doctype does to its table: `people` (links to the identity store) and
	`cleared` set to NULL, `replaced` set to PLACEHOLDER (required text), everything else kept."""

	people: list[str] = field(default_factory=list)
	cleared: list[str] = field(default_factory=list)
	replaced: list[str] = field(default_factory=list)
	kept: list[str] = field(default_factory=list)

	def changed(self) -> list[str]:
		return self.people + self.cleared + self.replaced


def plan(doctype: str, fields: list[dict]) -> Plan:
	"""What anonymising clears of `doctype`, from its fields ({fieldname, fieldtype, options, reqd, is_virtual}).

	Links to JLC Person (the people it is about) and the staff it is about (STAFF_SUBJECTS) are cleared; text
	of any kind (narratives, contacts, references, attachments) is cleared, or replaced when required, unless it is
	a code (KEPT_TEXT); other fields (dates, selects, checks, numbers, links to masters and staff in their role)
	are kept. A text field added later is cleared too: nothing new is kept without being named here."""
	result = Plan()
	kept_text = set(KEPT_TEXT.get(doctype, ()))
	staff = set(STAFF_SUBJECTS.get(doctype, ()))
	for df in fields:
		name, fieldtype = df["fieldname"], df["fieldtype"]
		if df.get("is_virtual") or fieldtype in ("Table", "Table MultiSelect"):
			continue
		if fieldtype == "Link" and df.get("options") == PERSON:
			result.people.append(name)
		elif name in staff:
			result.cleared.append(name)
		elif fieldtype in TEXT_TYPES and name not in kept_text:
			(result.replaced if df.get("reqd") else result.cleared).append(name)
		elif fieldtype not in ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading"):
			result.kept.append(name)
	return result
