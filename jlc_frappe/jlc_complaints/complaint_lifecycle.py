"""The complaint lifecycle: which moves exist, what each requires and what it records.

The Workflow made by install.py says *who* may make a move. This module says *what must be true* and *what
the move records*, so the statutory rules hold however the move is made: the form, `apply_workflow` or a
REST call that sets `workflow_state`.
"""

import frappe
from frappe import _
from frappe.utils import strip_html, today

from jlc_frappe.letters.files import correspondence_files
from jlc_frappe.permissions import RESPONSIBLE_PERSON, has_role
from jlc_frappe.rules import outcomes
from jlc_frappe.rules.time_limit import LATE

RECEIVED = "Received"
ACKNOWLEDGED = "Acknowledged"
RESOLVED_EARLY = "Resolved Early"
UNDER_INVESTIGATION = "Under Investigation"
AWAITING_SIGN_OFF = "Awaiting Sign-off"
SIGNED_OFF = "Signed Off"
RESPONSE_SENT = "Response Sent"
CLOSED = "Closed"
WITHDRAWN = "Withdrawn"

TERMINAL_STATES = (CLOSED, WITHDRAWN)
# Being investigated: from the start of the investigation until the response is sent.
INVESTIGATION_STATES = (UNDER_INVESTIGATION, AWAITING_SIGN_OFF, SIGNED_OFF)
OPEN_STATES = (
	RECEIVED,
	ACKNOWLEDGED,
	RESOLVED_EARLY,
	UNDER_INVESTIGATION,
	AWAITING_SIGN_OFF,
	SIGNED_OFF,
	RESPONSE_SENT,
)
EARLY_RESOLUTION, INVESTIGATION = "Early Resolution", "Investigation"

# (from, to) pairs the statutory process allows, whatever the configured Workflow says.
ALLOWED_MOVES = {
	(RECEIVED, ACKNOWLEDGED),
	(RECEIVED, RESOLVED_EARLY),
	(ACKNOWLEDGED, RESOLVED_EARLY),
	(ACKNOWLEDGED, UNDER_INVESTIGATION),
	(RESOLVED_EARLY, UNDER_INVESTIGATION),
	(RESOLVED_EARLY, CLOSED),
	(UNDER_INVESTIGATION, AWAITING_SIGN_OFF),
	(AWAITING_SIGN_OFF, UNDER_INVESTIGATION),
	(AWAITING_SIGN_OFF, SIGNED_OFF),
	(SIGNED_OFF, RESPONSE_SENT),
	(RESPONSE_SENT, CLOSED),
	(CLOSED, UNDER_INVESTIGATION),
} | {(state, WITHDRAWN) for state in OPEN_STATES}


def apply_move(doc, old_state: str, new_state: str) -> None:
	"""Check a move and record what it means; throws (changing nothing) when a requirement is missing."""
	if (old_state, new_state) not in ALLOWED_MOVES:
		frappe.throw(
			_("A complaint cannot move from {0} to {1}.").format(_(old_state), _(new_state)),
			title=_("Not allowed"),
		)
	problems = _ready_to_handle(doc) if old_state == RECEIVED and new_state != WITHDRAWN else []
	check, record = _MOVES.get(new_state, (None, None))
	problems += check(doc, old_state) if check else []
	if problems:
		frappe.throw("<br>".join(problems), title=_("Cannot move to {0}").format(_(new_state)))
	if record:
		record(doc, old_state)


def _ready_to_handle(doc) -> list[str]:
	problems = []
	if doc.time_limit_status == LATE:
		problems.append(
			_(
				"The complaint was made after the 12-month time limit (reg 12). Record that the limit is waived, "
				"with the good reason for the delay and why it can still be investigated fairly, or withdraw it."
			)
		)
	if doc.representative_basis in ("Child", "Lacks Capacity") and not doc.best_interests_confirmed:
		problems.append(
			_(
				"Confirm that the representative acts in the patient's best interests (reg 5); if you are not "
				"satisfied, explain why in writing and withdraw the complaint."
			)
		)
	return problems


def _check_acknowledge(doc, old_state):
	if not doc.acknowledgement_method:
		return [_("Record how the complaint was acknowledged (in writing or orally).")]
	return []


def _record_acknowledged(doc, old_state):
	doc.acknowledged_on = doc.acknowledged_on or today()


def _record_resolved_early(doc, old_state):
	doc.route = EARLY_RESOLUTION
	doc.acknowledged_on = doc.acknowledged_on or today()


def _record_investigation(doc, old_state):
	doc.route = INVESTIGATION
	doc.returned_for_changes = int(old_state == AWAITING_SIGN_OFF)  # "returned to me", until resubmitted
	if old_state == CLOSED:
		doc.reopened_count = (doc.reopened_count or 0) + 1
		doc.closed_on = None


def _check_awaiting_sign_off(doc, old_state):
	problems = [] if doc.aspects else [_("Record at least one aspect of the complaint before sign-off.")]
	if not strip_html(doc.draft_response or "").strip() and not _has_attachment(doc):
		problems.append(_("Give the draft response to sign off, as text or as an attached document."))
	return problems


def _has_attachment(doc) -> bool:
	"""A document attached to the complaint: not a letter's PDF nor an email's attachment (jlc_frappe/letters/)."""
	own = frappe.get_all(
		"File", filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name}, pluck="file_url"
	)
	return bool(set(own) - correspondence_files(doc.doctype, doc.name))


def _record_awaiting_sign_off(doc, old_state):
	doc.returned_for_changes = 0


def _check_sign_off(doc, old_state):
	user = frappe.session.user
	problems = []
	if not has_role(RESPONSIBLE_PERSON):
		problems.append(_("Only the Responsible Person (or their delegate) signs off a response."))
	if user == doc.handler:
		problems.append(_("The handler of a complaint cannot sign off its response."))
	return problems


def _record_sign_off(doc, old_state):
	doc.signed_off_by = frappe.session.user
	doc.signed_off_on = today()
	doc.signed_off_response = doc.draft_response or _("(the draft response attached to the complaint)")


def _check_send_response(doc, old_state):
	if doc.consent_status in ("Pending", "Refused"):
		return [
			_(
				"The patient's consent to share their information with the representative is {0}: the response "
				"cannot be sent yet."
			).format(_(doc.consent_status))
		]
	return []


def _record_response_sent(doc, old_state):
	doc.response_sent_on = doc.response_sent_on or today()


def _check_close(doc, old_state):
	problems = []
	if not doc.aspects:
		problems.append(_("Record at least one aspect of the complaint before closing it."))
	if any(not row.outcome for row in doc.aspects):
		problems.append(_("Give every aspect an outcome (upheld, partially upheld or not upheld)."))
	if not doc.outcome:
		doc.outcome = outcomes.overall_outcome(row.outcome for row in doc.aspects) if doc.aspects else None
	if not doc.outcome:
		problems.append(_("Give the complaint an overall outcome."))
	if doc.route == INVESTIGATION and not doc.ombudsman_rights_given:
		problems.append(_("Tell the complainant of their right to go to the Ombudsman (PHSO) and record it."))
	return problems


def _record_close(doc, old_state):
	doc.closed_on = today()
	doc.response_sent_on = doc.response_sent_on or doc.closed_on


def _check_withdraw(doc, old_state):
	return [] if (doc.withdrawal_reason or "").strip() else [_("Record why the complaint is withdrawn.")]


def _record_withdraw(doc, old_state):
	doc.withdrawn_on = today()


_MOVES = {
	ACKNOWLEDGED: (_check_acknowledge, _record_acknowledged),
	RESOLVED_EARLY: (None, _record_resolved_early),
	UNDER_INVESTIGATION: (None, _record_investigation),
	AWAITING_SIGN_OFF: (_check_awaiting_sign_off, _record_awaiting_sign_off),
	SIGNED_OFF: (_check_sign_off, _record_sign_off),
	RESPONSE_SENT: (_check_send_response, _record_response_sent),
	CLOSED: (_check_close, _record_close),
	WITHDRAWN: (_check_withdraw, _record_withdraw),
}
