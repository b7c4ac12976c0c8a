"""The learning action lifecycle: which moves exist, what each requires and what it records."""

import frappe
from frappe import _
from frappe.utils import today

from jlc_frappe.permissions import COMPLAINTS_MANAGER, SENIOR_LEADER, has_role

PROPOSED, AGREED, IN_PROGRESS = "Proposed", "Agreed", "In Progress"
COMPLETED, IMPACT_VERIFIED, CANCELLED = "Completed", "Impact Verified", "Cancelled"
FINISHED_STATES = (COMPLETED, IMPACT_VERIFIED, CANCELLED)
RECORD_STATES = (IMPACT_VERIFIED, CANCELLED)  # kept as they are, but for what is shared publicly

ALLOWED_MOVES = {
	(PROPOSED, AGREED),
	(AGREED, IN_PROGRESS),
	(IN_PROGRESS, COMPLETED),
	(COMPLETED, IMPACT_VERIFIED),
	(COMPLETED, IN_PROGRESS),
	(PROPOSED, CANCELLED),
	(AGREED, CANCELLED),
	(IN_PROGRESS, CANCELLED),
}


def apply_move(doc, old_state: str, new_state: str) -> None:
	if (old_state, new_state) not in ALLOWED_MOVES:
		frappe.throw(_("A learning action cannot move from {0} to {1}.").format(_(old_state), _(new_state)))
	problems = _checks(doc, old_state, new_state)
	if problems:
		frappe.throw("<br>".join(problems), title=_("Cannot move to {0}").format(_(new_state)))
	_record(doc, old_state, new_state)


def _is_owner_or_lead(doc) -> bool:
	return frappe.session.user == doc.action_owner or has_role(COMPLAINTS_MANAGER, SENIOR_LEADER)


def _has_attachment(doc) -> bool:
	return bool(frappe.db.exists("File", {"attached_to_doctype": doc.doctype, "attached_to_name": doc.name}))


def _checks(doc, old_state, new_state) -> list[str]:
	problems = []
	if new_state in (IN_PROGRESS, COMPLETED) and old_state != COMPLETED and not _is_owner_or_lead(doc):
		problems.append(_("Only the action owner (or a Complaints Manager or Senior Leader) can do this."))
	if new_state == COMPLETED and not (doc.evidence or "").strip() and not _has_attachment(doc):
		problems.append(_("Give the evidence that the action was done: describe it or attach it."))
	if new_state == IMPACT_VERIFIED:
		if frappe.session.user == doc.action_owner:
			problems.append(_("The impact is verified by someone other than the action owner."))
		if not ((doc.impact_measure or "").strip() and (doc.impact_result or "").strip()):
			problems.append(_("Record how the impact was measured and what the measure showed."))
	if old_state == COMPLETED and new_state == IN_PROGRESS and not (doc.impact_result or "").strip():
		problems.append(_("Record what the measure showed, so the owner knows why the change did not work."))
	if new_state == CANCELLED and not (doc.cancellation_reason or "").strip():
		problems.append(_("Record why the action is cancelled."))
	return problems


def _record(doc, old_state, new_state) -> None:
	if new_state == AGREED:
		doc.agreed_by, doc.agreed_on = frappe.session.user, today()
	elif new_state == COMPLETED:
		doc.completed_on = today()
	elif new_state == IMPACT_VERIFIED:
		doc.verified_by, doc.verified_on = frappe.session.user, today()
	elif old_state == COMPLETED and new_state == IN_PROGRESS:
		doc.not_effective_count = (doc.not_effective_count or 0) + 1
		doc.completed_on = None
