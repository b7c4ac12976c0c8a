"""The demo's complaints: each one logged, then moved through the workflow to its state, as the users who would
move it, on the days they would; and the support given to the staff named in them."""

import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from jlc_frappe.demo.clock import Timeline, after, working_day
from jlc_frappe.demo.data import MANAGER, OUTCOMES_SOUGHT, SIGNATORY, USERS, Case
from jlc_frappe.demo.people import complaint_people, patient_values, user_email
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules.outcomes import overall_outcome
from jlc_frappe.rules.reporting import reporting_year_of

# --- complaints: the plan -----------------------------------------------------------------------------------

FINISHED = ("Response Sent", "Closed", "Withdrawn")


def plan_complaint(timeline: Timeline, case: Case, rng: random.Random) -> None:
	case.received = working_day(add_days(getdate(today()), -case.days))
	case.event = case.event or rng.randint(3, 45)
	complaint_people(case, rng)
	case.by = case.by or case.handler or MANAGER
	timeline.at(case.received, case.by, _insert_complaint, case, rng.choice(OUTCOMES_SOUGHT))
	preset = jlc_settings.preset_for(case.severity, bool(case.multi))
	due = jlc_settings.preset_working_days()[preset]
	available = jlc_settings.get_calendar().working_days_between(case.received, getdate(today()))
	for offset, action, user in _moves(case, due, available):
		day = after(case.received, offset)
		case.last = day
		timeline.at(day, user, _MOVES.get(action, _move), case, action)
	case.last = case.last or case.received


def _moves(case: Case, due: int, available: int) -> list[tuple[int, str, str]]:
	"""(working days after receipt, action, user key) of each move to the complaint's state, oldest first."""
	handler, state = case.handler, "Closed" if case.reopen else case.state
	steps = [(0, "assign", MANAGER)] if case.by != handler and handler else []
	if state == "Received":
		return []
	if case.escalate:
		return [*steps, (1, "Resolve Early", handler), (5, "Escalate", handler)]
	if case.early or state == "Resolved Early":
		return [*steps, (1, "Resolve Early", handler)] + (
			[(8, "Close", handler)] if state == "Closed" else []
		)
	if state == "Withdrawn" and case.withdraw_at == "Received":
		return [*steps, (2, "Withdraw", handler)]
	steps.append((case.ack, "Acknowledge", handler))
	if state == "Acknowledged":
		return steps
	if state == "Withdrawn":
		if case.withdraw_at == "Under Investigation":
			steps.append((case.ack + 1, "Investigate", handler))
		return [*steps, (case.ack + 12, "Withdraw", handler)]
	steps.append((case.ack + 1, "Investigate", handler))
	sent = due + (15 if case.extend else case.late)
	if case.extend:
		steps.append((case.ack + 8, "extend", handler))
	if state == "Under Investigation" and not (case.returned or case.reopen):
		return steps
	tail = [(sent - 6, "Submit for Sign-off", handler)]
	if case.returned:
		tail.append((sent - 5, "Return for Changes", case.returned))
		if state != "Under Investigation":
			tail.append((sent - 4, "Submit for Sign-off", handler))
	if state in ("Signed Off", "Response Sent", "Closed"):
		tail.append((sent - 2, "Sign Off", SIGNATORY))
	if state in ("Response Sent", "Closed"):
		tail.append((sent, "Send Response", handler))
	if state == "Closed" or case.reopen:
		tail.append((sent + 10, "Close", handler))
	if case.reopen:
		tail.append((available - 15, "Reopen", MANAGER))
	elif state not in FINISHED:
		# an open complaint's latest moves happened in the last few days
		tail = [
			(available - 1 - 2 * (len(tail) - 1 - i), action, user)
			for i, (_o, action, user) in enumerate(tail)
		]
	steps += tail
	last = 0
	for i, (offset, action, user) in enumerate(steps):
		last = max(last, min(offset, available))
		steps[i] = (last, action, user)
	return steps


# --- complaints: the events ---------------------------------------------------------------------------------


def _insert_complaint(case: Case, outcome_sought: str) -> None:
	relation = case.who != "self"
	basis = None
	if relation:
		if case.died:
			basis = "Patient Died"
		elif case.age < 18:
			basis = "Child"
		elif case.capacity:
			basis = "Lacks Capacity"
		else:
			basis = "Asked To Act"
	front_line = USERS[case.by][2] == "JLC Staff"
	person = case.complainant
	values = {
		"doctype": "Complaint",
		"summary": case.summary,
		"description": case.description,
		"outcome_sought": outcome_sought,
		"received_on": case.received,
		"received_via": case.via,
		"event_date": add_days(case.received, -case.event),
		"possible_significant_harm": int(case.harm),
		"complainant_name": person["name"],
		"complainant_email": person["email"],
		"complainant_phone": person["phone"],
		"complainant_address": person["address"],
		"complainant_is_patient": int(not relation),
		"representative_basis": basis,
		**patient_values(case.patient),
		"staff_involved": [{"user": user_email(case.staff[0]), "role_in_events": case.staff[1]}]
		if case.staff
		else [],
	}
	if not front_line:  # what the complaints team adds to what the front line records
		values.update(
			{
				"severity": case.severity,
				"handler": user_email(case.handler) if case.handler else None,
				"acknowledgement_method": "Oral" if case.via in ("Phone", "In Person") else "Written",
				"discussion_offered": 1,
				"multi_organisation": int(bool(case.multi)),
				"other_organisations": case.multi,
				"best_interests_confirmed": int(basis in ("Child", "Lacks Capacity") and case.best_interests),
				"consent_status": case.consent if basis == "Asked To Act" else "Not Required",
				"time_limit_waived": int(case.waive),
				"delay_good_reason": "The complainant was having treatment and could not write sooner."
				if case.waive
				else None,
				"fair_investigation_reason": "The records are complete and the staff involved still work here"
				if case.waive
				else None,
			}
		)
	case.name = frappe.get_doc(values).insert().name


def _assign(case: Case, action: str) -> None:
	"""The complaints manager picks up a complaint logged at the front line and gives it a handler."""
	doc = frappe.get_doc("Complaint", case.name)
	doc.update(
		{
			"handler": user_email(case.handler),
			"severity": case.severity,
			"acknowledgement_method": "Oral" if case.via in ("Phone", "In Person") else "Written",
			"consent_status": case.consent if doc.representative_basis == "Asked To Act" else "Not Required",
		}
	)
	doc.save()


def _move(case: Case, action: str) -> None:
	doc = frappe.get_doc("Complaint", case.name)
	if _prepare(doc, case, action):
		doc.save()
	doc = apply_workflow(frappe.get_doc("Complaint", case.name), action)
	if action in ("Investigate", "Escalate"):
		_code_aspects(doc, case, outcomes=False)
		doc.save()
	elif action == "Resolve Early" and not case.escalate:
		doc.response_sent_on = today()  # the early resolution was given there and then
		doc.save()
	elif action == "Return for Changes":
		doc.add_comment("Comment", _RETURN_NOTE)


_RETURN_NOTE = (
	"Please say more clearly what has changed since, and offer to meet the family. Otherwise ready to sign."
)


def _prepare(doc, case: Case, action: str) -> bool:
	"""Fill in what the move needs before it is made (the form's action dialogs ask for the same)."""
	if action == "Resolve Early":
		_code_aspects(doc, case, outcomes=not case.escalate)
	elif action == "Submit for Sign-off":
		_code_aspects(doc, case, outcomes=True)
		doc.outcome = overall_outcome(row.outcome for row in doc.aspects)
		doc.draft_response = _draft_response(case, doc.outcome, revised=bool(doc.returned_for_changes))
	elif action == "Send Response":
		doc.ombudsman_rights_given = 1
	elif action == "Close":
		doc.learning_summary = case.learn or "Shared with the team concerned at its governance meeting."
	elif action == "Withdraw":
		doc.withdrawal_reason = case.reason
	else:
		return False
	return True


def _code_aspects(doc, case: Case, outcomes: bool) -> None:
	"""KO41a coding of the complaint, with the categories of the reporting year it was received in."""
	year = reporting_year_of(getdate(doc.received_on))
	codes = case.aspects.split()
	if not doc.aspects:
		for code in codes:
			subject, service, *staff = code.split(":")[0].split("/")
			doc.append(
				"aspects",
				{
					"subject_area": f"{subject} {year}",
					"service_area": f"{service} {year}",
					"staff_group": f"{staff[0]} {year}" if staff else None,
				},
			)
	if outcomes:
		letters = {"U": "Upheld", "P": "Partially Upheld", "N": "Not Upheld"}
		for row, code in zip(doc.aspects, codes, strict=True):
			row.outcome = letters[code.split(":")[1]] if ":" in code else "Partially Upheld"


def _draft_response(case: Case, outcome: str, revised: bool) -> str:
	person = case.complainant
	findings = {
		"Upheld": "We got this wrong, and I am very sorry.",
		"Partially Upheld": "Some of what you told us is borne out by the records, and I am sorry for that.",
		"Not Upheld": "The records show that the care was as it should have been, but I am sorry it felt "
		"otherwise and the team has reflected on what you told us.",
	}[outcome]
	revision = (
		"<p>The ward has since confirmed that the changes described above are in place, and I would welcome "
		"the chance to meet you to talk them through.</p>"
	)
	return (
		f"<p>Dear {person['title']} {person['last']},</p>"
		f"<p>Thank you for telling us about your concerns: {case.summary.lower()}. We have read the records "
		f"and spoken to the staff involved. {findings}</p>"
		+ (revision if revised else "")
		+ "<p>If you are not satisfied with this response, you can ask the Parliamentary and Health Service "
		"Ombudsman to look at your complaint.</p><p>Yours sincerely,<br>Richard Hale, Chief Executive</p>"
	)


def _extend(case: Case, action: str) -> None:
	"""The complainant agrees a later response date (reg 14), recorded with the reason."""
	doc = frappe.get_doc("Complaint", case.name)
	new_date = jlc_settings.get_calendar().add_working_days(getdate(doc.response_due), 20)
	doc.change_response_due(
		str(new_date),
		today(),
		"An independent clinical review is needed; the complainant agreed the later date by telephone.",
	)


_MOVES = {"assign": _assign, "extend": _extend}


# --- staff support ------------------------------------------------------------------------------------------


def plan_staff_support(timeline: Timeline, cases: dict) -> None:
	"""The two members of staff named in complaints are told, supported and kept informed by the handler."""
	for key, support in (
		("receptionist", {"wellbeing_support": 1, "peer_support": 1}),
		("dismissive", {"union_or_professional_body": 1, "occupational_health": 1}),
	):
		case = cases[key]
		record = {"name": None}
		timeline.at(after(case.received, case.ack + 1), case.handler, _support_staff, record, case, support)
		if case.state == "Closed":
			timeline.at(case.last, case.handler, _support_update, record, "Complaint closed; outcome shared.")


def _support_staff(record: dict, case: Case, support: dict) -> None:
	doc = frappe.get_doc(
		{
			"doctype": "Staff Support Record",
			"staff_member": user_email(case.staff[0]),
			"complaint": case.name,
			"informed_on": today(),
			"informed_by": frappe.session.user,
			"shared_with_staff": "What the complainant says happened, and that the investigation looks "
			"at what the service can learn, not at blame.",
			**support,
			"updates": [{"update": "Met their line manager, gave their account and was offered support."}],
		}
	).insert()
	record["name"] = doc.name


def _support_update(record: dict, text: str) -> None:
	doc = frappe.get_doc("Staff Support Record", record["name"])
	doc.append("updates", {"update": text})
	doc.save()
