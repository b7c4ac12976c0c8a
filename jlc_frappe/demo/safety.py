"""The demo's patient safety records: incidents, the duty of candour they and a complaint opened, and claims."""

import random

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, now_datetime, today

from jlc_frappe.demo.clock import Timeline, after, working_day
from jlc_frappe.demo.data import Case
from jlc_frappe.demo.people import make_person, patient_values
from jlc_frappe.rules.reporting import reporting_year_of
from jlc_frappe.tests.fixtures import nhs_number

# fmt: off
INCIDENTS = [
	# key, reported (days ago), occurred (days before), physical harm, psychological harm, service, location,
	# category, status, learning response, patient (a complaint key or an age), what happened
	("fall", 68, 1, "Severe", "Low", "SV06", "Ward 7", "Slips, trips and falls", "Learning Response",
	 "After Action Review", "fall",
	 "Unwitnessed fall in a four-bed bay on the way to the toilet; right hip fracture on x-ray, repaired the "
	 "next day."),
	("insulin", 45, 0, "Low", "None", "SV06", "Ward 4", "Medication", "Closed", "SWARM", 71,
	 "Evening insulin given twice after a handover; blood glucose monitored overnight, no lasting harm."),
	("sepsis", 25, 2, "Fatal", "", "SV01", "Emergency department", "Deterioration", "Under Review", "PSII",
	 "sepsis", "Patient with a high temperature waited six hours in the corridor before sepsis screening; "
	 "died two days later on the intensive care unit."),
	("wrist", 3, 6, "Moderate", "Low", "SV05", "Radiology", "Diagnosis", "Reported", "", 34,
	 "Distal radius fracture not reported on the first x-ray; found at the fracture clinic six days later."),
	("absconded", 100, 0, "None", "None", "SV08", "Oak ward", "Absent without leave", "Closed", "None", 29,
	 "Informal patient left the ward without telling staff; found safe at home by the police two hours "
	 "later."),
	("restraint", 21, 1, "None", "Low", "SV08", "Adolescent unit", "Restrictive practice", "Under Review",
	 "MDT review", "restraint",
	 "Prone restraint for four minutes during an incident of self-harm; bruising to both arms."),
]
# fmt: on
# incidents a complaints handler links to the complaint they are about (see _link_records)
INCIDENT_COMPLAINTS = {"fall": "fall", "sepsis": "sepsis", "restraint": "restraint"}


# --- incidents and the duty of candour ----------------------------------------------------------------------


def plan_incidents(timeline: Timeline, cases: dict, rng: random.Random) -> dict:
	incidents = {}
	for key, reported, before, physical, psychological, service, location, category, *rest in INCIDENTS:
		status, response, patient, description = rest
		if isinstance(patient, str):
			patient = cases[patient].patient
		else:
			who = make_person(rng, rng.random() < 0.5)
			birth = add_days(getdate(today()), -(patient * 365 + rng.randint(20, 330)))
			patient = {**who, "nhs_number": nhs_number(), "date_of_birth": birth, "deceased": 0}
		reported_on = working_day(add_days(getdate(today()), -reported))
		incident = {
			"key": key,
			"reported_on": reported_on,
			"name": None,
			"values": {
				"doctype": "Patient Safety Incident",
				"external_reference": f"LFPSE-{reported_on.year}-{rng.randint(10000, 99999)}",
				"reported_on": reported_on,
				"occurred_on": add_days(reported_on, -before),
				"service_area": f"{service} {reporting_year_of(reported_on)}",
				"location": location,
				"category": category,
				"status": status,
				"physical_harm": physical,
				"psychological_harm": psychological,
				"learning_response": response,
				"description": description,
				**patient_values(patient),
			},
		}
		incidents[key] = incident
		timeline.at(reported_on, "aisha", _insert_incident, incident)
		if key in INCIDENT_COMPLAINTS:
			case = cases[INCIDENT_COMPLAINTS[key]]
			day = max(case.received, reported_on)
			timeline.at(after(day, 2), "Administrator", _link_records, incident, case)
	_plan_candour(timeline, cases, incidents)
	return incidents


def _insert_incident(incident: dict) -> None:
	incident["name"] = frappe.get_doc(incident["values"]).insert().name


def _link_records(incident: dict, case: Case) -> None:
	"""The incident names the complaint about the same care. No JLC role may both write an incident and read
	complaints (the Patient Safety Lead does not read complaints, and a record links only records its writer
	may read), so on a real site a user holding both roles does this; the demo does it as Administrator."""
	doc = frappe.get_doc("Patient Safety Incident", incident["name"])
	doc.append("complaints", {"complaint": case.name, "note": "The complaint is about the same care."})
	doc.save()


def _plan_candour(timeline: Timeline, cases: dict, incidents: dict) -> None:
	"""Harm of moderate or worse opened an assessment for three incidents, and the cancer complaint one."""
	fall, sepsis, cancer = incidents["fall"], incidents["sepsis"], cases["cancer"]
	start = fall["reported_on"]
	timeline.at(
		after(start, 1), "aisha", _candour, fall, "Decide Notifiable", {"harm_category": "Severe Harm"}
	)
	timeline.at(after(start, 3), "aisha", _candour, fall, "Record In-person Notification", _NOTIFIED)
	timeline.at(after(start, 7), "aisha", _candour, fall, "Record Written Notification", _WRITTEN)
	son = cases["sepsis"].complainant
	relevant = {
		"harm_category": "Death",
		"acting_basis": "Patient died",
		"relevant_person_name": son["name"],
		"relevant_person_contact": f"{son['phone']}\n{son['address']}",
	}
	timeline.at(after(sepsis["reported_on"], 1), "aisha", _candour, sepsis, "Decide Notifiable", relevant)
	for offset, method, outcome in (
		(2, "Telephone", "No answer; voicemail left asking the family to call the patient safety team."),
		(6, "Letter", "Letter sent offering to meet at a time and place that suits the family."),
	):
		timeline.at(after(sepsis["reported_on"], offset), "aisha", _contact_attempt, sepsis, method, outcome)
	timeline.at(
		after(cancer.received, 4),
		"aisha",
		_candour,
		cancer,
		"Decide Notifiable",
		{"harm_category": "Moderate Harm"},
	)


_NOTIFIED = {"apology_given": 1, "facts_account_given": 1, "further_enquiries_explained": 1}
_WRITTEN = {"written_apology_given": 1}


def _candour_record(source):
	if isinstance(source, Case):
		return frappe.get_doc("Candour Notification", {"complaint": source.name})
	return frappe.get_doc("Candour Notification", {"incident": source["name"]})


def _candour(source, action: str, values: dict) -> None:
	doc = _candour_record(source)
	doc.update(values)
	if action == "Decide Notifiable":
		doc.update({"notifiable": "Yes", "assessed_by": frappe.session.user, "assessed_on": today()})
	elif action == "Record In-person Notification":
		doc.update({"notified_in_person_on": today(), "notified_by": frappe.session.user})
		doc.support_offered = "Patient advice and liaison service; named contact in the patient safety team."
	elif action == "Record Written Notification":
		doc.written_notification_on = today()
	doc.save()
	apply_workflow(_candour_record(source), action)


def _contact_attempt(source, method: str, outcome: str) -> None:
	doc = _candour_record(source)
	doc.append(
		"contact_attempts",
		{
			"attempted_on": now_datetime(),
			"method": method,
			"outcome": outcome,
			"by_user": frappe.session.user,
		},
	)
	doc.save()


# --- claims -------------------------------------------------------------------------------------------------


def plan_claims(timeline: Timeline, cases: dict, incidents: dict) -> None:
	"""A claim for the fall on ward 7 (open), and one for the retained swab (settled)."""
	fall, swab = cases["fall"], cases["swab"]
	open_claim = {
		"name": None,
		"values": {
			"external_reference": "CNST/2026/0417",
			"status": "Open",
			"incident_date": incidents["fall"]["values"]["occurred_on"],
			"service_area": f"SV06 {reporting_year_of(fall.received)}",
			"description": "Letter of claim: fall on ward 7 with a hip fracture; alleges the falls risk "
			"assessment was not acted on and the patient was left unsupervised.",
			"claimant_name": fall.patient["name"],
			"patient_name": fall.patient["name"],
			"nhs_number": fall.patient["nhs_number"],
		},
		"incident": "fall",
		"finance": {"damages_reserve": 45000, "defence_costs_paid": 1850},
	}
	timeline.at(working_day(add_days(getdate(today()), -20)), "mark", _insert_claim, open_claim, incidents)
	timeline.at(working_day(add_days(getdate(today()), -18)), "Administrator", _link_claim, open_claim, fall)
	settled = {
		"name": None,
		"values": {
			"external_reference": "CNST/2026/0188",
			"status": "Open",
			"incident_date": add_days(swab.received, -swab.event),
			"service_area": f"SV07 {reporting_year_of(swab.received)}",
			"description": "Retained swab after an emergency caesarean section; liability admitted.",
			"claimant_name": swab.patient["name"],
			"patient_name": swab.patient["name"],
			"nhs_number": swab.patient["nhs_number"],
		},
		"incident": None,
		"finance": {"damages_reserve": 15000},
	}
	notified = after(swab.last, 20)
	timeline.at(notified, "mark", _insert_claim, settled, incidents)
	timeline.at(after(notified, 2), "Administrator", _link_claim, settled, swab)
	settled_on = working_day(add_days(getdate(today()), -30))
	timeline.at(settled_on, "mark", _settle_claim, settled)


def _insert_claim(claim: dict, incidents: dict) -> None:
	doc = frappe.get_doc(
		{
			"doctype": "Claim",
			"scheme": "CNST",
			"claim_type": "Clinical negligence",
			"notified_on": today(),
			**claim["values"],
			"incidents": [{"incident": incidents[claim["incident"]]["name"]}] if claim["incident"] else [],
		}
	).insert()
	claim["name"] = doc.name
	frappe.get_doc({"doctype": "Claim Finance", "claim": doc.name, **claim["finance"]}).insert()


def _link_claim(claim: dict, case: Case) -> None:
	"""As _link_records: the Claims Lead may not read complaints, so may not link one to a claim."""
	doc = frappe.get_doc("Claim", claim["name"])
	doc.append("complaints", {"complaint": case.name, "note": "The complaint about the same care."})
	doc.save()


def _settle_claim(claim: dict) -> None:
	doc = frappe.get_doc("Claim", claim["name"])
	doc.status = "Settled"
	doc.save()
	finance = frappe.get_doc("Claim Finance", claim["name"])
	finance.update(
		{"damages_reserve": 0, "damages_paid": 12500, "claimant_costs_paid": 8400, "defence_costs_paid": 3100}
	)
	finance.save()
