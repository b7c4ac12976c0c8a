"""Letters to complainants and to the people the duty of candour is owed to: which letter fits a record now, and the
words and dates that fill it.

The trust's wording lives in Email Templates of the same names (editable in the desk); the Frappe side
(`jlc_frappe/letters/`) gathers a record's facts and passes them here, then renders the template with the result.
Pure Python: dates come in as `datetime.date`, and every sentence is a translatable Message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from jlc_frappe.rules.messages import Message
from jlc_frappe.rules.messages import _ as _
from jlc_frappe.rules.outcomes import NOT_UPHELD, PARTIALLY_UPHELD, UPHELD

ACKNOWLEDGEMENT = "Complaint Acknowledgement"
HOLDING = "Complaint Holding Letter"
FINAL_RESPONSE = "Complaint Final Response"
EXCLUSION = "Complaint Exclusion Letter"
CANDOUR = "Candour Written Notification"
# The letters of each doctype, in the order the desk offers them.
LETTERS = {
	"Complaint": (ACKNOWLEDGEMENT, HOLDING, FINAL_RESPONSE, EXCLUSION),
	"Candour Notification": (CANDOUR,),
}
# When more than one letter may be sent, the one that fits the record best comes first.
PREFERENCE = (EXCLUSION, FINAL_RESPONSE, CANDOUR, ACKNOWLEDGEMENT, HOLDING)

# The workflow actions a letter records (the workflow and its rules decide whether they may happen now).
ACKNOWLEDGE_ACTION = "Acknowledge"
SEND_RESPONSE_ACTION = "Send Response"
WRITTEN_NOTIFICATION_ACTION = "Record Written Notification"
# A holding letter is written while the response is still to come.
HOLDING_STATES = ("Acknowledged", "Resolved Early", "Under Investigation", "Awaiting Sign-off", "Signed Off")
# A closed or withdrawn complaint is read-only: no letter records anything on it.
FINISHED_COMPLAINT_STATES = ("Closed", "Withdrawn")
# Reg 20(5): when the relevant person could not be contacted or declined, a letter may still be sent.
CANDOUR_NO_CONTACT_STATES = ("Unable To Contact", "Declined")

MONTHS = (
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
)

# Reg 8: why a complaint is outside the Regulations, in words a complainant understands, and where to go instead.
EXCLUSION_EXPLANATIONS = {
	"Oral complaint resolved by the next working day": _(
		"You raised your concern with us in person or by telephone, and it was put right to your satisfaction "
		"by the end of the next working day. The Regulations do not ask us to handle such a concern as a formal "
		"complaint. If you are not satisfied after all, please tell us and we will look into it."
	),
	"Employee complaint about their employment": _(
		"Your complaint is about your employment with us. Complaints by staff about their own employment are "
		"handled under our staff policies, such as the grievance policy, not under the Regulations. Your manager "
		"or our human resources team can explain how to raise it."
	),
	"Already investigated": _(
		"The matters you raise have already been investigated, either under the Regulations or by the "
		"Parliamentary and Health Service Ombudsman, so we cannot investigate them again as a new complaint. If "
		"you have new information, please tell us what it is and we will consider it."
	),
	"Freedom of Information request": _(
		"Your complaint is about a request for information under the Freedom of Information Act 2000. Such "
		"complaints are reviewed by our information governance team; if you are still not satisfied after their "
		"review, you can go to the Information Commissioner's Office."
	),
	"Complaint from another responsible body": _(
		"Your complaint comes from another NHS body or local authority. Such complaints are not handled under "
		"the Regulations; we will work with your organisation directly to resolve the matters you raise."
	),
}


def long_date(value: date | None) -> str:
	"""The date as letters write it: 4 March 2026 (no leading zero, the month in words); '' when unknown."""
	if not value:
		return ""
	return " ".join((str(value.day), MONTHS[value.month - 1], str(value.year)))


def lines(text: str | None) -> list[str]:
	"""A stored address or contact (several lines, or one line with commas) as the lines of a letter."""
	if not text:
		return []
	parts = text.splitlines() if "\n" in text.strip() else text.split(",")
	return [" ".join(part.split()) for part in parts if part.strip()]


def salutation(full_name: str | None) -> Message:
	"""How the letter opens: by the person's full name, as NHS letters do when no title is known."""
	name = " ".join((full_name or "").split())
	return _("Dear {0}", name) if name else _("Dear Sir or Madam")


def outcome_sentence(outcome: str | None) -> Message:
	"""The conclusion on one aspect of a complaint, in plain words."""
	if outcome == UPHELD:
		return _("We have upheld this part of your complaint.")
	if outcome == PARTIALLY_UPHELD:
		return _("We have partly upheld this part of your complaint.")
	if outcome == NOT_UPHELD:
		return _("We have not upheld this part of your complaint.")
	return _("We have not yet reached a conclusion on this part of your complaint.")


def apology_due(outcomes: Iterable[str | None]) -> bool:
	"""An apology belongs in the response when any aspect is upheld, wholly or in part."""
	return any(outcome in (UPHELD, PARTIALLY_UPHELD) for outcome in outcomes)


def exclusion_explanation(reason: str | None) -> Message | None:
	"""Why a complaint is outside the Regulations (reg 8), for the letter that tells the complainant."""
	return EXCLUSION_EXPLANATIONS.get(reason or "")


def latest_due_change(changes: list[dict]) -> dict | None:
	"""The latest change of the agreed response date (rows in the order they were recorded)."""
	return changes[-1] if changes else None


def action_line(
	title: str, state: str | None, due_date: date | None, completed_on: date | None
) -> Message | None:
	"""One learning action as the final response lists it; None for a cancelled action."""
	if state == "Cancelled":
		return None
	if completed_on or state in ("Completed", "Impact Verified"):
		when = long_date(completed_on)
		return _("{0} (done, {1}).", title, when) if when else _("{0} (done).", title)
	when = long_date(due_date)
	return _("{0} (to be done by {1}).", title, when) if when else _("{0} (planned).", title)


def letter_file_name(reference: str, letter: str, on: date) -> str:
	"""The PDF kept on the record: reference, letter and date, so a list of them reads in order."""
	return " ".join((reference, letter, on.isoformat())) + ".pdf"


# --- the complaints mailbox -------------------------------------------------------------------------------------

# A complaint's name (Complaint autoname COMP-.YYYY.-.#####), as letters' subjects give it.
COMPLAINT_REFERENCE = re.compile(r"\bCOMP-\d{4}-\d{5,}\b", re.IGNORECASE)
# Reply and forward prefixes mail programs put before a subject (Re:, RE:, Fwd:, FW:, AW:, WG:).
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
SUMMARY_LENGTH = 140


def complaint_reference_in(subject: str | None) -> str | None:
	"""The complaint reference an email's subject gives (a reply to one of our letters keeps it), else None."""
	found = COMPLAINT_REFERENCE.search(subject or "")
	return found.group(0).upper() if found else None


def email_summary(subject: str | None) -> str:
	"""A new complaint's summary from its email's subject: without Re:/Fwd:, one line, at most 140 characters."""
	text = " ".join(_SUBJECT_PREFIX.sub("", subject or "").split())
	return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 3].rstrip() + "..."


# --- which letter may be sent now ------------------------------------------------------------------------------


def letter_problems(
	letter: str,
	state: str | None,
	actions: Iterable[str],
	*,
	due_changes: int = 0,
	exclusion_reason: str | None = None,
	facts_account: str | None = None,
	further_enquiries: str | None = None,
) -> list[Message]:
	"""Why `letter` cannot be sent for a record in `state` now; [] when it can.

	`actions` are the workflow actions the user may take on the record now (the Workflow decides them); a letter
	that records a move needs its action. The rules behind each move still run when the letter is sent.
	"""
	actions, state_name = set(actions), state or ""
	if letter in LETTERS["Complaint"] and state in FINISHED_COMPLAINT_STATES:
		return [_("The complaint is {0}: letters are sent while it is open.", state_name)]
	if letter == ACKNOWLEDGEMENT and ACKNOWLEDGE_ACTION not in actions:
		return [_("The acknowledgement is sent while the complaint is Received; it is {0}.", state_name)]
	if letter == HOLDING:
		if state not in HOLDING_STATES:
			return [
				_(
					"A holding letter is sent while the response is still to come; the complaint is {0}.",
					state_name,
				)
			]
		if not due_changes:
			return [_("Change the response date first: the holding letter gives the new date and why.")]
	if letter == FINAL_RESPONSE and SEND_RESPONSE_ACTION not in actions:
		return [
			_(
				"The final response is sent once the Responsible Person has signed it off; the complaint is {0}.",
				state_name,
			)
		]
	if letter == EXCLUSION and not exclusion_reason:
		return [_("Record why the complaint is outside the Regulations (reg 8) first.")]
	if letter == CANDOUR:
		problems = []
		if WRITTEN_NOTIFICATION_ACTION not in actions and state not in CANDOUR_NO_CONTACT_STATES:
			problems.append(
				_(
					"The written notification follows the notification in person; the record is {0}.",
					state_name,
				)
			)
		if not (facts_account or "").strip() or not (further_enquiries or "").strip():
			problems.append(
				_("Record the account of the facts and the further enquiries first: the letter gives them.")
			)
		return problems
	return []


def fitting_letter(available: Iterable[str], exclusion_explained: bool = False) -> str | None:
	"""The letter that fits the record best among those that may be sent now."""
	available = set(available)
	if exclusion_explained:
		available.discard(EXCLUSION)
	return next((letter for letter in PREFERENCE if letter in available), None)


# --- what fills each letter ------------------------------------------------------------------------------------


def common_context(reference: str, recipient: str | None, address: str | None, trust: dict, on: date) -> dict:
	"""What every letter shows: who it is to, from whom, the reference and the date."""
	return {
		"reference": reference,
		"recipient_name": " ".join((recipient or "").split()),
		"recipient_address": lines(address),
		"salutation": salutation(recipient),
		"trust_name": trust.get("trust_name") or "",
		"trust_address": lines(trust.get("trust_address")),
		"today": long_date(on),
	}


def complaint_context(
	record: dict,
	people: dict,
	aspects: list[dict],
	actions: list[dict],
	due_changes: list[dict],
	trust: dict,
	signatory: dict,
	on: date,
) -> dict:
	"""The variables of the complaint letters' templates.

	record: name, summary, received_on, response_due, complainant_is_patient, representative_basis, consent_status,
	not_under_regulations_reason, signed_off_response. people: complainant_name, complainant_address, patient_name,
	patient_deceased.
	aspects: subject, detail, finding, outcome. actions: title, state, due_date, completed_on. due_changes: old_date,
	new_date, agreed_with_complainant_on, reason. trust: JLC Settings' letter fields. signatory: sender_name,
	signed_off_by_name (the Responsible Person who signed the response off).
	"""
	context = common_context(
		record["name"], people.get("complainant_name"), people.get("complainant_address"), trust, on
	)
	change = latest_due_change(due_changes) or {}
	outcomes = [aspect.get("outcome") for aspect in aspects]
	about_patient = not record.get("complainant_is_patient") and bool(people.get("patient_name"))
	context.update(
		{
			"summary": (record.get("summary") or "").strip().rstrip("."),
			"received_on": long_date(record.get("received_on")),
			"response_due": long_date(record.get("response_due")),
			"patient_name": (people.get("patient_name") or "") if about_patient else "",
			"patient_died": about_patient
			and (
				bool(people.get("patient_deceased")) or record.get("representative_basis") == "Patient Died"
			),
			"consent_needed": record.get("consent_status") in ("Pending", "Refused"),
			"contact": trust.get("complaints_contact") or "",
			"advocacy_service": trust.get("advocacy_service") or "",
			"old_due": long_date(change.get("old_date")),
			"new_due": long_date(change.get("new_date")),
			"agreed_on": long_date(change.get("agreed_with_complainant_on")),
			"change_reason": change.get("reason") or "",
			"aspects": [
				{
					"heading": _aspect_heading(aspect),
					"finding": aspect.get("finding") or "",
					"conclusion": outcome_sentence(aspect.get("outcome")),
				}
				for aspect in aspects
			],
			"apology": apology_due(outcomes),
			"actions": [
				line
				for action in actions
				if (
					line := action_line(
						action.get("title") or "",
						action.get("state"),
						action.get("due_date"),
						action.get("completed_on"),
					)
				)
			],
			"response_text": record.get("signed_off_response") or "",
			"exclusion_explanation": exclusion_explanation(record.get("not_under_regulations_reason")) or "",
			"phso_name": trust.get("phso_name") or "",
			"phso_helpline": trust.get("phso_helpline") or "",
			"phso_website": trust.get("phso_website") or "",
			"phso_address": lines(trust.get("phso_address")),
			"sender_name": signatory.get("sender_name") or "",
			"signatory_name": signatory.get("signed_off_by_name") or "",
			"signatory_title": trust.get("signatory_title") or "",
		}
	)
	return context


def _aspect_heading(aspect: dict) -> str:
	"""What the complainant raised, in their terms (the aspect's detail), else its subject area."""
	return " ".join((aspect.get("detail") or "").split()) or aspect.get("subject") or ""


def candour_context(record: dict, people: dict, trust: dict, signatory: dict, on: date) -> dict:
	"""The variables of the candour written notification's template.

	record: name, notified_in_person_on, facts_account, further_enquiries, support_offered. people: patient_name,
	relevant_person_name, relevant_person_address (the letter goes to the relevant person when someone acts for
	the patient, else to the patient, at patient_address). signatory: sender_name, notified_by_name.
	"""
	acting = bool(people.get("relevant_person_name"))
	recipient = people.get("relevant_person_name") if acting else people.get("patient_name")
	address = people.get("relevant_person_address") if acting else people.get("patient_address")
	context = common_context(record["name"], recipient, address, trust, on)
	context.update(
		{
			"patient_name": (people.get("patient_name") or "") if acting else "",
			"notified_in_person_on": long_date(record.get("notified_in_person_on")),
			"notified_by_name": signatory.get("notified_by_name") or "",
			"facts_account": record.get("facts_account") or "",
			"further_enquiries": record.get("further_enquiries") or "",
			"support_offered": record.get("support_offered") or "",
			"contact": trust.get("patient_safety_contact") or "",
			"sender_name": signatory.get("sender_name") or "",
		}
	)
	return context
