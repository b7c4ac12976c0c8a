"""The demo's learning: learning actions from complaints, incidents and the complaints panel, the panel's
meetings, and the complaints the Ombudsman was asked to look at."""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, getdate, today

from jlc_frappe.demo.clock import Timeline, after, working_day
from jlc_frappe.demo.data import MANAGER
from jlc_frappe.demo.people import user_email
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules.reporting import reporting_year_of


@dataclass
class Action:
	"""A learning action, made a few working days after its first source's latest move."""

	title: str
	owner: str
	sources: list[str]  # complaint keys, "incident:KEY" or "panel:1"
	state: str
	after: int  # made this many working days after its sources' latest move
	due: int  # due this many working days after it was made
	theme: str
	description: str
	priority: str = "Medium"
	by: str = MANAGER
	done: int | None = None  # completed this many working days after it was made (default: before due)
	evidence: str = ""
	measure: str = ""
	result: str = ""
	ineffective: bool = False  # completed, found not effective, back in progress
	moved: str = ""  # the reason its due date was moved on by 40 working days
	public: str = ""  # "You said, we did" summary shared outside the trust
	cancel: str = ""


a = Action
# fmt: off
LEARNING = [
	# title, owner, sources, state, made (working days after its source), due (working days after it is
	# made), theme, what is to change
	a("Two-person swab count signed in every theatre record", "aisha", ["swab"], "Impact Verified", 3, 40,
	  "Clinical assessment and treatment",
	  "Scrub and circulating nurses both sign the swab count at wound closure; audited monthly.",
	  priority="High",
	  evidence="Theatre record template changed; all theatre staff briefed at the safety huddle.",
	  measure="Monthly audit of 30 theatre records.",
	  result="30 of 30 records signed by two staff, three months running."),
	a("Care package start date confirmed before discharge", "liam", ["discharge"], "Completed", 5, 60,
	  "Admission, discharge and transfer",
	  "Discharges to a package of care wait for written confirmation of the start date from the provider.",
	  evidence="Discharge checklist updated on wards 5, 7 and 9.",
	  measure="Readmissions within 7 days of discharge to a new care package, for three months."),
	a("Property log for hearing aids, glasses and dentures on ward 7", "liam", ["hearing"], "Impact Verified",
	  2, 20, "Dignity, privacy and fundamental care",
	  "Record hearing aids, glasses and dentures on admission, at every ward move and at discharge.",
	  evidence="Property log added to the admission bundle on ward 7.",
	  measure="Lost property reports from ward 7 over three months.",
	  result="No hearing aids or glasses lost since.",
	  public="You told us a hearing aid went missing on one of our wards. We now record hearing aids, "
	  "glasses and dentures when patients arrive, when they move ward and before they go home."),
	a("Customer care refresher for outpatient reception", "gemma", ["receptionist"], "In Progress", 3, 25,
	  "Staff attitude and behaviour",
	  "Half-day customer care session for every outpatient receptionist, including handling late arrivals."),
	a("Theatre manager reviews every on-the-day cancellation", "helen", ["hipcancel"], "In Progress", 5, 40,
	  "Access, appointments and waiting",
	  "Weekly review of on-the-day cancellations; each patient rebooked within 28 days.",
	  priority="High", moved="The new theatre scheduling system goes live later than planned."),
	a("Crisis team call-back within four hours", "aisha", ["crisis"], "Agreed", 3, 30,
	  "Access, appointments and waiting",
	  "The mental health crisis team calls the emergency department back within four hours with an arrival "
	  "time.",
	  priority="High", by="fiona"),
	a("Jaundice check recorded before every newborn discharge", "aisha", ["jaundice"], "In Progress", 2, 40,
	  "Clinical assessment and treatment",
	  "Midwives record a jaundice check on the newborn discharge checklist.",
	  priority="High", done=8, evidence="Checklist updated and midwives briefed.",
	  measure="Audit of 20 newborn discharges.",
	  result="Only 12 of 20 checklists had the jaundice check recorded.", ineffective=True),
	a("Side-effect leaflet with every new prescription", "tom", ["sideeffects"], "Cancelled", 2, 30,
	  "Medication",
	  "Clinics give a side-effect leaflet with every new prescription.",
	  priority="Low",
	  cancel="The hospital pharmacy already gives a leaflet with every new medicine; clinics now point "
	  "patients to it, so no separate action is needed."),
	a("Red trays and protected mealtimes on care of the elderly wards", "liam", ["meals"], "In Progress", 3,
	  38, "Dignity, privacy and fundamental care",
	  "Patients who need help to eat get a red tray; no ward rounds or tests during mealtimes."),
	a("Renal transport bookings checked the day before", "helen", ["transport"], "Proposed", 3, 40,
	  "Access, appointments and waiting",
	  "The renal unit checks every transport booking with the provider the day before dialysis."),
	a("Two-hourly toilet checks in the emergency department", "gemma", ["toilets"], "Completed", 2, 15,
	  "Environment and facilities",
	  "Domestic staff check and clean the department's toilets every two hours and sign the sheet.",
	  evidence="Sign-off sheets in place and checked by the housekeeping supervisor."),
	a("Family liaison named for every patient at the end of life", "aisha", ["eolc", "panel:1"], "Agreed", 2,
	  30, "Communication and information",
	  "Each patient recognised as dying has a named nurse who keeps their family informed.",
	  priority="High", by="fiona"),
	a("Falls risk assessment within six hours of admission to ward 7", "liam", ["incident:fall", "fall"],
	  "In Progress", 10, 60, "Clinical assessment and treatment",
	  "Falls risk assessed within six hours of admission; high-risk patients in a bay with a member of staff "
	  "present.",
	  priority="High"),
	a("Sepsis screening audit in the emergency department", "aisha", ["incident:sepsis"], "Proposed", 5, 30,
	  "Clinical assessment and treatment",
	  "Audit sepsis screening and time to antibiotics for patients waiting in the corridor.",
	  priority="High", by="aisha"),
]
# fmt: on
del a

# attendees of the complaints panel: (user key, role at the meeting); the chair is a Senior Leader
PANEL_CHAIR = "fiona"
PANEL_ATTENDEES = (
	("david", "Lay member"),
	("helen", "Head of patient experience"),
	("aisha", "Patient safety specialist"),
)


# --- learning and the complaints panel ----------------------------------------------------------------------


def plan_panels(timeline: Timeline, cases: dict) -> dict:
	"""A meeting held about two months ago with approved minutes; the next one scheduled."""
	held = working_day(add_days(getdate(today()), -63))
	upcoming = working_day(add_days(getdate(today()), 20))
	panels = {}
	scheduled = ((1, held, working_day(held, 10)), (2, upcoming, working_day(getdate(today()), 3)))
	for number, meeting_date, created in scheduled:
		# the three months before the month of the meeting
		period_from = add_months(meeting_date.replace(day=1), -3)
		period_to = add_days(meeting_date.replace(day=1), -1)
		panel = {"number": number, "name": None, "date": meeting_date, "period": (period_from, period_to)}
		panels[f"panel:{number}"] = panel
		timeline.at(created, MANAGER, _schedule_panel, panel)
	first = panels["panel:1"]
	timeline.at(held, MANAGER, _hold_panel, first)
	timeline.at(after(held, 2), MANAGER, _write_minutes, first)
	timeline.at(after(held, 6), PANEL_CHAIR, _approve_minutes, first)
	return panels


def _schedule_panel(panel: dict) -> None:
	period_from, period_to = panel["period"]
	closed = frappe.get_all(
		"Complaint",
		filters={"workflow_state": "Closed", "closed_on": ("between", [period_from, period_to])},
		order_by="closed_on desc",
		pluck="name",
		limit=3,
	)
	actions = frappe.get_all(
		"Learning Action",
		filters={"workflow_state": ("not in", ["Cancelled", "Impact Verified"])},
		order_by="due_date",
		pluck="name",
		limit=4,
	)
	attendees = list(PANEL_ATTENDEES) + ([("richard", "Chief executive")] if panel["number"] == 2 else [])
	doc = frappe.get_doc(
		{
			"doctype": "Complaints Panel Meeting",
			"meeting_date": panel["date"],
			"chair": user_email(PANEL_CHAIR),
			"period_from": period_from,
			"period_to": period_to,
			"attendees": [{"user": user_email(key), "role_at_meeting": role} for key, role in attendees],
			"cases": [
				{
					"complaint": name,
					"why_selected": "Closed in the period; learning for more than one team.",
				}
				for name in closed
			],
			"actions_reviewed": [{"learning_action": name} for name in actions],
		}
	).insert()
	panel["name"] = doc.name


def _hold_panel(panel: dict) -> None:
	doc = frappe.get_doc("Complaints Panel Meeting", panel["name"])
	for row in doc.attendees:
		row.present = 1
	for row in doc.cases:
		row.discussion = "The panel read the response and the handler's summary of the investigation."
		row.decisions = "Learning agreed; the ward manager to report back at the next panel."
	for row in doc.actions_reviewed:
		row.comment = "Progress noted."
	doc.save()
	apply_workflow(frappe.get_doc("Complaints Panel Meeting", panel["name"]), "Hold Meeting")


def _write_minutes(panel: dict) -> None:
	doc = frappe.get_doc("Complaints Panel Meeting", panel["name"])
	doc.minutes = (
		"<p>The panel reviewed the quarter's figures and the complaints on the agenda. Communication "
		"with families at the end of life was the main theme; the panel asked for a named family liaison "
		"for every patient recognised as dying.</p><p>Learning actions: progress noted; overdue actions "
		"to be escalated to the divisional directors.</p>"
	)
	doc.save()
	frappe.get_doc(
		{
			"doctype": "Panel Meeting Confidential Items",
			"meeting": panel["name"],
			"confidential_items": "<p>The panel discussed the support given to a member of the outpatients "
			"reception team named in a complaint. No further action about the individual.</p>",
		}
	).insert()


def _approve_minutes(panel: dict) -> None:
	apply_workflow(frappe.get_doc("Complaints Panel Meeting", panel["name"]), "Approve Minutes")


def plan_learning_action(
	timeline: Timeline, action: Action, cases: dict, incidents: dict, panels: dict
) -> None:
	def base(source: str) -> date:
		if source.startswith("incident:"):
			return incidents[source.split(":")[1]]["reported_on"]
		if source.startswith("panel:"):
			return panels[source]["date"]
		return cases[source].last

	made = after(max(base(source) for source in action.sources), action.after)
	state = {"record": None}
	timeline.at(made, action.by, _insert_learning_action, action, state, cases, incidents, panels)
	day = made
	steps = []
	if action.state == "Cancelled":
		steps.append((2, "Cancel", MANAGER))
	elif action.state != "Proposed":
		steps.append((2, "Agree", "fiona" if action.priority == "High" else MANAGER))
	if action.state in ("In Progress", "Completed", "Impact Verified"):
		steps.append((4, "Start", action.owner))
	if action.moved:
		steps.append((action.due - 10, "move", action.owner))
	if action.state in ("Completed", "Impact Verified") or action.ineffective:
		steps.append((action.done or action.due - 3, "Complete", action.owner))
	if action.state == "Impact Verified":
		steps.append(((action.done or action.due - 3) + 15, "Verify Impact", MANAGER))
	if action.ineffective:
		steps.append((action.done + 5, "Not Effective", MANAGER))
	for offset, move, user in steps:
		day = max(day, after(made, offset))
		timeline.at(day, user, _learning_move, action, state, move)


def _insert_learning_action(action: Action, state: dict, cases: dict, incidents: dict, panels: dict) -> None:
	def source(key: str) -> dict:
		if key.startswith("incident:"):
			return {
				"source_doctype": "Patient Safety Incident",
				"source_name": incidents[key.split(":")[1]]["name"],
			}
		if key.startswith("panel:"):
			return {"source_doctype": "Complaints Panel Meeting", "source_name": panels[key]["name"]}
		return {"source_doctype": "Complaint", "source_name": cases[key].name}

	first = next((cases[key] for key in action.sources if key in cases), None)
	service = first.aspects.split()[0].split(":")[0].split("/")[1] if first else None
	doc = frappe.get_doc(
		{
			"doctype": "Learning Action",
			"title": action.title,
			"description": action.description,
			"theme": action.theme,
			"priority": action.priority,
			"service_area": f"{service} {reporting_year_of(first.received)}" if service else None,
			"action_owner": user_email(action.owner),
			"due_date": jlc_settings.get_calendar().add_working_days(getdate(today()), action.due),
			"impact_measure": action.measure or None,
			"sources": [source(key) for key in action.sources],
		}
	).insert()
	state["record"] = doc.name


def _learning_move(action: Action, state: dict, move: str) -> None:
	doc = frappe.get_doc("Learning Action", state["record"])
	if move == "move":
		new_date = jlc_settings.get_calendar().add_working_days(getdate(doc.due_date), 40)
		doc.change_due_date(str(new_date), action.moved)
		return
	changes = {
		"Complete": {"evidence": action.evidence or "Done, as described."},
		"Verify Impact": {"impact_result": action.result},
		"Not Effective": {"impact_result": action.result},
		"Cancel": {"cancellation_reason": action.cancel},
	}.get(move)
	if changes:
		doc.update(changes)
		doc.save()
	doc = apply_workflow(frappe.get_doc("Learning Action", state["record"]), move)
	if move == "Verify Impact" and action.public:
		doc.update({"share_externally": 1, "public_summary": action.public})
		doc.save()


# --- the Ombudsman ------------------------------------------------------------------------------------------


def plan_ombudsman(timeline: Timeline, cases: dict) -> None:
	"""Two complainants took their complaint to the PHSO: one decided, one being assessed."""
	eolc, jaundice = cases["eolc"], cases["jaundice"]
	decided = {"case": eolc, "name": None, "reference": "C-2026-0412318"}
	referred = after(eolc.last, 20)
	timeline.at(referred, MANAGER, _refer, decided)
	timeline.at(after(referred, 10), MANAGER, _referral_stage, decided, "Assessment")
	timeline.at(after(referred, 25), MANAGER, _referral_stage, decided, "Investigation")
	decision = min(after(referred, 45), working_day(add_days(getdate(today()), -10)))
	timeline.at(decision, MANAGER, _referral_decision, decided)
	timeline.at(after(decision, 5), MANAGER, _apology_sent, decided)
	open_ = {"case": jaundice, "name": None, "reference": "C-2026-0587731"}
	referred = after(jaundice.last, 10)
	timeline.at(referred, MANAGER, _refer, open_)
	timeline.at(after(referred, 10), MANAGER, _referral_stage, open_, "Assessment")


def _refer(referral: dict) -> None:
	doc = frappe.get_doc(
		{
			"doctype": "Ombudsman Referral",
			"complaint": referral["case"].name,
			"referred_on": today(),
			"phso_reference": referral["reference"],
			"stage": "Enquiry",
			"notes": "The PHSO asked for the complaint file, the response and the clinical records.",
		}
	).insert()
	referral["name"] = doc.name


def _referral_stage(referral: dict, stage: str) -> None:
	doc = frappe.get_doc("Ombudsman Referral", referral["name"])
	doc.stage = stage
	doc.save()


def _referral_decision(referral: dict) -> None:
	doc = frappe.get_doc("Ombudsman Referral", referral["name"])
	doc.update({"stage": "Decision", "outcome": "Partly Upheld", "decision_on": today()})
	for recommendation, kind, days in (
		("Write to the family to apologise for the failings the Ombudsman found.", "Apology", 20),
		("Pay the family £500 in recognition of the distress caused.", "Financial remedy", 30),
		(
			"Prepare an action plan so that families of patients at the end of life are told promptly when "
			"their condition changes.",
			"Service improvement",
			90,
		),
	):
		doc.append(
			"recommendations",
			{"recommendation": recommendation, "kind": kind, "due_date": add_days(today(), days)},
		)
	doc.save()


def _apology_sent(referral: dict) -> None:
	doc = frappe.get_doc("Ombudsman Referral", referral["name"])
	doc.recommendations[0].update(
		{"status": "Completed", "evidence": "Letter of apology from the chief executive sent to the family."}
	)
	doc.save()
