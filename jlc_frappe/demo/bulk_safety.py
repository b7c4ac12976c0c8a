"""Patient safety at scale: incidents (LFPSE-like harm grades), the duty of candour that moderate or worse harm and
complaints of possible significant harm open (contractual date from the rules), and claims with their finance."""

from datetime import timedelta

from jlc_frappe.demo.bulk import PREFIX, deadline_fields, stamp
from jlc_frappe.demo.bulk_complaints import pick
from jlc_frappe.demo.bulk_people import patient_age
from jlc_frappe.rules.candour import candour_contractual_due, harm_suggests_candour

PHYSICAL = (("None", 68), ("Low", 24), ("Moderate", 5), ("Severe", 1.5), ("Fatal", 0.5), ("", 1))
PSYCHOLOGICAL = (("None", 80), ("Low", 15), ("Moderate", 3.5), ("Severe", 0.5), ("", 1))
CATEGORIES = (
	"Slips, trips and falls",
	"Medication",
	"Deterioration",
	"Diagnosis",
	"Pressure ulcer",
	"Infection",
	"Treatment and procedure",
	"Access, admission and discharge",
	"Self-harm",
	"Documentation",
)
LOCATIONS = ("Ward 4", "Ward 7", "Emergency department", "Theatres", "Outpatients", "Community", "Radiology")
RESPONSES = (
	("None", 55),
	("SWARM", 20),
	("After Action Review", 15),
	("MDT review", 7),
	("Thematic review", 3),
)
CLAIM_STATUS_OLD = (
	("Open", 35),
	("Litigation", 10),
	("Settled", 30),
	("Closed - no payment", 20),
	("Withdrawn", 5),
)
SCHEME = (("CNST", 80), ("ELS", 8), ("LTPS", 5), ("PES", 4), ("Other", 3))


def make_incident(ctx, i: int, complaints: list) -> dict:
	rng, today = ctx.rng, ctx.today
	reported = ctx.received_date()
	year = ctx.year_of(reported)
	physical, psychological = pick(rng, PHYSICAL), pick(rng, PSYCHOLOGICAL)
	serious = physical in ("Severe", "Fatal")
	age = (today - reported).days
	status = "Reported" if age < 5 else "Under Review" if age < 25 else "Closed"
	if status == "Closed" and (serious or rng.random() < 0.05) and age < 200:
		status = "Learning Response"
	response = "PSII" if serious and rng.random() < 0.5 else pick(rng, RESPONSES)
	linked = complaints and rng.random() < 0.03
	if linked:
		complaint = rng.choice(complaints)
		patient = {"name": complaint.patient}
	elif rng.random() < 0.8:
		patient = ctx.people.person(reported, age=patient_age(rng), deceased=int(physical == "Fatal"))
	else:
		patient = None  # no patient identified (e.g. a staff or visitor incident)
	values = {
		"doctype": "Patient Safety Incident",
		"name": f"{PREFIX}PSI-{reported.year}-{i:07d}",
		"external_reference": f"LFPSE-GEN-{i:07d}",  # unique, and never a real reference
		"reported_on": reported,
		"occurred_on": reported - timedelta(days=pick(rng, ((0, 60), (1, 25), (3, 10), (10, 5)))),
		"service_area": ctx.master(year, "Complaint Service Area", reported),
		"location": rng.choice(LOCATIONS),
		"category": rng.choice(CATEGORIES),
		"status": status,
		"physical_harm": physical,
		"psychological_harm": psychological,
		"learning_response": response if status in ("Learning Response", "Closed") else "",
		"description": f"Generated incident: {physical or 'unknown'} physical harm.",
		"patient": patient and patient["name"],
		"creation": stamp(reported, rng),
	}
	if patient and harm_suggests_candour(physical, psychological):
		values["candour_notification"] = make_candour(ctx, values, None, physical, psychological)
	ctx.writer.add("Patient Safety Incident", values)
	if linked:
		note = {"complaint": complaint.name, "note": "The complaint is about this incident."}
		ctx.writer.child("Linked Complaint", values, "complaints", [note])
	return values


def harm_category(physical: str, psychological: str) -> str:
	if physical == "Fatal":
		return "Death"
	if physical == "Severe":
		return "Severe Harm"
	if physical == "Moderate":
		return "Moderate Harm"
	return "Prolonged Psychological Harm" if psychological in ("Moderate", "Severe") else "Moderate Harm"


def make_candour(ctx, incident: dict | None, complaint, physical="Moderate", psychological="") -> str:
	"""The duty of candour record of an incident (or a complaint of possible significant harm), as far as it has
	got today; returns its name."""
	rng, cal, today = ctx.rng, ctx.cal, ctx.today
	wd = cal.add_working_days
	reported = incident["reported_on"] if incident else complaint.received
	ctx.candour += 1
	name = f"{PREFIX}DOC-{reported.year}-{ctx.candour:06d}"
	due = candour_contractual_due(reported, ctx.candour_days, cal)
	lead = rng.choice(ctx.users["Patient Safety Lead"])["email"]
	plan = {"assessed": wd(reported, rng.randint(1, 5))}
	notifiable = rng.random() < 0.85
	if notifiable:
		route = rng.random()
		if route < 0.05:  # could not reach them, then did, or closed
			plan["unable"] = wd(plan["assessed"], rng.randint(3, 8))
			if rng.random() < 0.5:
				plan["closed"] = wd(plan["unable"], rng.randint(10, 30))
			else:
				plan["in_person"] = wd(plan["unable"], rng.randint(2, 10))
		elif route < 0.09:
			plan["declined"] = wd(plan["assessed"], rng.randint(1, 8))
			plan["closed"] = wd(plan["declined"], rng.randint(5, 20))
		else:
			plan["in_person"] = wd(reported, pick(rng, ((rng.randint(2, 10), 82), (rng.randint(11, 25), 18))))
		if "in_person" in plan:
			plan["written"] = wd(plan["in_person"], rng.randint(2, 10))
			plan["findings"] = wd(plan["written"], rng.randint(20, 90))
			plan["closed"] = wd(plan["findings"], rng.randint(0, 10))
	reached = {step for step, day in plan.items() if day <= today}
	steps = (
		("closed", "Closed"),
		("findings", "Findings Shared"),
		("written", "Written Notification Sent"),
		("declined", "Declined"),
		("in_person", "Notified In Person"),
		("unable", "Unable To Contact"),
		("assessed", "Notifiable" if notifiable else "Not Notifiable"),
	)
	state = next((state for step, state in steps if step in reached), "Assessment")
	on = {step: plan[step] if step in reached else None for step in plan}
	patient = incident["patient"] if incident else complaint.patient
	died = physical == "Fatal"
	values = {
		"doctype": "Candour Notification",
		"name": name,
		"incident": incident and incident["name"],
		"complaint": complaint and complaint.name,
		"reported_on": reported,
		"workflow_state": state,
		"contractual_due": due,
		"patient": patient,
		"creation": stamp(reported, rng),
	}
	if "assessed" in reached:
		values.update(
			notifiable="Yes" if notifiable else "No",
			harm_category=harm_category(physical, psychological) if notifiable else "",
			assessed_by=lead,
			assessed_on=on["assessed"],
			assessment_rationale="Harm graded by the clinical team and reviewed at the safety huddle.",
		)
	if died:
		relative = ctx.people.person(reported, contact_details="Next of kin: telephone and address on file.")
		values.update(acting_basis="Patient died", relevant_person=relative["name"])
	if on.get("in_person"):
		values.update(
			notified_in_person_on=on["in_person"],
			notified_by=lead,
			apology_given=1,
			facts_account_given=1,
			further_enquiries_explained=1,
			support_offered="Named contact and the patient advice and liaison service.",
		)
	if on.get("written"):
		values.update(written_notification_on=on["written"], written_apology_given=1)
	if on.get("findings"):
		values["findings_shared_on"] = on["findings"]
	if on.get("declined"):
		values["declined_reason"] = "The family asked not to be contacted again."
	values.update(
		deadline_fields("Candour Notification", state, today, ctx.soon, cal)((due, on.get("in_person")))
	)
	ctx.writer.add("Candour Notification", values)
	if on.get("unable") or on.get("declined"):
		attempts = [
			{
				"attempted_on": stamp(wd(plan["assessed"], n), rng),
				"method": method,
				"outcome": "No answer; message left.",
				"by_user": lead,
			}
			for n, method in ((1, "Telephone"), (2, "Letter"))
		]
		ctx.writer.child("Candour Contact Attempt", values, "contact_attempts", attempts)
	return name


def make_claim(ctx, i: int, incidents: list, complaints: list) -> None:
	rng, today = ctx.rng, ctx.today
	notified = ctx.received_date()
	year = ctx.year_of(notified)
	age = (today - notified).days
	status = "Open" if age < 180 else pick(rng, CLAIM_STATUS_OLD)
	scheme = pick(rng, SCHEME)
	incident = rng.choice(incidents) if incidents and rng.random() < 0.4 else None
	patient = ctx.people.person(notified, age=patient_age(rng))
	claimant = patient if rng.random() < 0.8 else ctx.people.person(notified)
	values = {
		"doctype": "Claim",
		"name": f"{PREFIX}CLM-{notified.year}-{i:06d}",
		"external_reference": f"NHSR-GEN-{i:06d}",
		"scheme": scheme,
		"claim_type": "Clinical negligence" if scheme in ("CNST", "ELS") else "Public liability",
		"incident_date": (incident or {}).get("reported_on")
		or notified - timedelta(days=rng.randint(60, 900)),
		"notified_on": notified,
		"status": status,
		"service_area": (incident or {}).get("service_area")
		or ctx.master(year, "Complaint Service Area", notified),
		"description": "Generated claim.",
		"claimant": claimant["name"],
		"patient": patient["name"],
		"creation": stamp(notified, rng),
	}
	ctx.writer.add("Claim", values)
	if incident:
		ctx.writer.child("Linked Incident", values, "incidents", [{"incident": incident["name"]}])
	if complaints and rng.random() < 0.2:
		ctx.writer.child(
			"Linked Complaint", values, "complaints", [{"complaint": rng.choice(complaints).name}]
		)
	reserve = rng.randint(5, 500) * 1000
	paid = reserve * rng.uniform(0.3, 1.1) if status == "Settled" else 0
	finance = {
		"doctype": "Claim Finance",
		"name": values["name"],
		"claim": values["name"],
		"damages_reserve": 0 if status in ("Closed - no payment", "Withdrawn") else reserve,
		"damages_paid": round(paid, 2),
		"claimant_costs_paid": round(paid * 0.3, 2),
		"defence_costs_paid": round(rng.randint(2, 40) * 1000.0, 2),
		"creation": values["creation"],
	}
	ctx.writer.add("Claim Finance", finance)
