"""Complaint events, told as they happen: a new complaint (the Complaints Managers), a new handler (the handler),
a response submitted for sign-off (the Responsible Persons), signed off or returned for changes (the handler), a
High or Extreme severity (the Senior Leaders, from complaint_people.notify_escalation).

Each notice gives the complaint's reference and summary, never the complainant's or the patient's details; it
goes only to users who may read the complaint as it is stored (so never to a Senior Leader named in it as staff
involved), and not to the person who made the change.
"""

import frappe
from frappe import _
from frappe.utils import formatdate
from frappe.utils.user import get_users_with_role

from jlc_frappe.jlc_complaints import complaint_lifecycle as lifecycle
from jlc_frappe.permissions import COMPLAINTS_MANAGER, RESPONSIBLE_PERSON
from jlc_frappe.reminders import deliver


def on_complaint_update(doc, method=None) -> None:
	"""Complaint on_update (hooks.py doc_events): what this save means for whom."""
	before = doc.get_doc_before_save()
	told: list[tuple[list[str], str]] = []
	if before is None:
		told.append(
			(
				get_users_with_role(COMPLAINTS_MANAGER),
				_("New complaint {0}, received on {1}").format(doc.name, formatdate(doc.received_on)),
			)
		)
	if doc.handler and doc.handler != (before.handler if before else None):
		told.append(([doc.handler], _("Complaint {0} is assigned to you").format(doc.name)))
	old_state, new_state = (before.workflow_state if before else None), doc.workflow_state
	if old_state != new_state:
		told += _state_notices(doc, old_state, new_state)
	tell(doc, told)


def _state_notices(doc, old_state: str | None, new_state: str) -> list[tuple[list[str], str]]:
	if new_state == lifecycle.AWAITING_SIGN_OFF:
		message = _("Complaint {0}: the response is ready for sign-off").format(doc.name)
		return [(get_users_with_role(RESPONSIBLE_PERSON), message)]
	if old_state != lifecycle.AWAITING_SIGN_OFF or not doc.handler:
		return []
	if new_state == lifecycle.SIGNED_OFF:
		return [
			([doc.handler], _("Complaint {0}: the response is signed off and can be sent").format(doc.name))
		]
	if new_state == lifecycle.UNDER_INVESTIGATION:
		return [([doc.handler], _("Complaint {0}: the response was returned for changes").format(doc.name))]
	return []


def tell_of_serious_complaint(doc, leaders: list[str]) -> None:
	"""The Senior Leaders told of a High or Extreme complaint, with its summary."""
	tell(doc, [(leaders, _("Complaint {0} escalated: severity {1}").format(doc.name, _(doc.severity)))])


def tell(doc, told: list[tuple[list[str], str]]) -> None:
	"""Send each (users, subject) about complaint `doc` to those users who may read it, but the one acting."""
	if not told:
		return
	actor = frappe.session.user
	stored = frappe.get_doc(doc.doctype, doc.name)  # the row rules ask the stored complaint, not this save
	notices = [
		deliver.Notice(user, doc.doctype, doc.name, subject, doc.summary or "")
		for users, subject in told
		for user in dict.fromkeys(users)
		if user != actor and _may_read(stored, user)
	]
	deliver.send(notices, from_user=actor)


def _may_read(doc, user: str) -> bool:
	if user in ("Administrator", "Guest") or not frappe.db.get_value("User", {"name": user, "enabled": 1}):
		return False
	return bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=user))
