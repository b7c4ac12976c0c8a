"""Duty of candour (regulation 20): the assessment opened automatically, and what each step requires."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from jlc_frappe import identity
from jlc_frappe.rules import candour as candour_rules
from jlc_frappe.translation import translate

ASSESSMENT, NOTIFIABLE, NOT_NOTIFIABLE = "Assessment", "Notifiable", "Not Notifiable"
NOTIFIED_IN_PERSON, WRITTEN_SENT, FINDINGS_SHARED = (
	"Notified In Person",
	"Written Notification Sent",
	"Findings Shared",
)
UNABLE_TO_CONTACT, DECLINED, CLOSED = "Unable To Contact", "Declined", "Closed"
NO_CONTACT_STATES = (UNABLE_TO_CONTACT, DECLINED)

ALLOWED_MOVES = {
	(ASSESSMENT, NOTIFIABLE),
	(ASSESSMENT, NOT_NOTIFIABLE),
	(NOTIFIABLE, NOTIFIED_IN_PERSON),
	(NOTIFIED_IN_PERSON, WRITTEN_SENT),
	(WRITTEN_SENT, FINDINGS_SHARED),
	(FINDINGS_SHARED, CLOSED),
	(NOTIFIABLE, UNABLE_TO_CONTACT),
	(NOTIFIABLE, DECLINED),
	(NOTIFIED_IN_PERSON, DECLINED),
	(UNABLE_TO_CONTACT, NOTIFIED_IN_PERSON),
	(UNABLE_TO_CONTACT, CLOSED),
	(DECLINED, CLOSED),
}


def ensure_assessment(incident=None, complaint=None):
	"""Open a candour assessment for an incident or complaint, never twice for the same one."""
	source = incident or complaint
	filters = {"incident": incident.name} if incident else {"complaint": complaint.name}
	existing = frappe.db.get_value("Candour Notification", filters, "name")
	if not existing:
		existing = frappe.get_doc(
			{
				"doctype": "Candour Notification",
				"incident": incident.name if incident else None,
				"complaint": complaint.name if complaint else None,
				"reported_on": incident.reported_on if incident else complaint.received_on,
				"patient": source.patient,
			}
		).insert(ignore_permissions=True)  # opened by the system for the patient safety team
		existing = existing.name
	if incident and incident.candour_notification != existing:
		incident.db_set("candour_notification", existing, update_modified=False)


def on_complaint_update(doc, method=None):
	"""doc_events hook: a complaint flagged as possible significant harm opens a candour assessment."""
	if doc.possible_significant_harm:
		ensure_assessment(complaint=doc)


def move_problems(doc, old_state: str, new_state: str) -> list[str]:
	if (old_state, new_state) not in ALLOWED_MOVES:
		return [_("A candour record cannot move from {0} to {1}.").format(_(old_state), _(new_state))]
	problems = []
	if new_state == NOTIFIABLE and doc.notifiable != "Yes":
		problems.append(_("Record the decision that the incident is notifiable (Yes) first."))
	if new_state == NOT_NOTIFIABLE and doc.notifiable != "No":
		problems.append(_("Record the decision that the incident is not notifiable (No) first."))
	if new_state == NOTIFIED_IN_PERSON and not (doc.notified_in_person_on and doc.notified_by):
		problems.append(_("Record when and by whom the person was notified in person."))
	if new_state == NOTIFIED_IN_PERSON and not (doc.facts_account_given and doc.further_enquiries_explained):
		problems.append(
			_("The notification gives a true account of the facts and explains the further enquiries.")
		)
	if new_state == WRITTEN_SENT and not doc.written_notification_on:
		problems.append(_("Record when the written notification was sent."))
	if new_state == FINDINGS_SHARED and not doc.findings_shared_on:
		problems.append(_("Record when the results of the enquiries were shared."))
	if new_state in NO_CONTACT_STATES and not doc.contact_attempts:
		problems.append(_("Record every attempt to contact the person first."))
	return problems


def record_problems(doc) -> list[str]:
	"""What the record itself must hold, whatever its state."""
	problems = [
		translate(p)
		for p in candour_rules.notifiable_decision_problems(
			doc.notifiable, doc.harm_category, doc.assessed_by, doc.assessment_rationale
		)
	]
	birth = identity.value(doc, "date_of_birth")
	problems += [
		translate(p)
		for p in candour_rules.acting_basis_problems(
			doc.acting_basis,
			getdate(birth) if birth else None,
			getdate(doc.reported_on),
			bool(identity.value(doc, "patient_deceased")),
		)
	]
	if doc.notified_in_person_on and not doc.apology_given:
		problems.append(_("A notification must include an apology: record that it was given."))
	if doc.written_notification_on:
		if not doc.written_apology_given:
			problems.append(_("The written notification must include an apology."))
		if not doc.notified_in_person_on and doc.workflow_state not in NO_CONTACT_STATES:
			problems.append(
				_(
					"The written notification follows the notification in person (unless the person "
					"could not be contacted or declined)."
				)
			)
		elif doc.notified_in_person_on and getdate(doc.written_notification_on) < getdate(
			doc.notified_in_person_on
		):
			problems.append(_("The written notification cannot come before the notification in person."))
	for fieldname in (
		"notified_in_person_on",
		"written_notification_on",
		"findings_shared_on",
		"assessed_on",
	):
		if doc.get(fieldname) and getdate(doc.get(fieldname)) > getdate(today()):
			problems.append(_("{0} cannot be in the future.").format(_(doc.meta.get_label(fieldname))))
	return problems
