"""Complaints at scale: each one planned from receipt to its last step with the app's rules (deadlines, time
limit, age band, outcome from its aspects), then written as it stands today, with its aspects, staff named,
agreed changes of the response date and any Ombudsman referral."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from jlc_frappe.demo.bulk import PREFIX, deadline_fields, stamp
from jlc_frappe.demo.bulk_people import patient_age
from jlc_frappe.rules import deadlines, outcomes, people, time_limit

EARLY, INVESTIGATION = "Early Resolution", "Investigation"
CLOSED, WITHDRAWN = "Closed", "Withdrawn"
VIA = (
	("Letter", 20),
	("Email", 35),
	("Phone", 15),
	("In Person", 5),
	("Web Form", 18),
	("MP", 4),
	("Solicitor", 3),
)
SEVERITY = (("Low", 40), ("Moderate", 40), ("High", 15), ("Extreme", 5))
ASPECT_OUTCOME = ((outcomes.UPHELD, 28), (outcomes.PARTIALLY_UPHELD, 27), (outcomes.NOT_UPHELD, 45))
REPRESENTATIVE = (("Asked To Act", 60), ("Lacks Capacity", 15), ("Physically Unable", 10))
WITHDRAWAL = (
	"The complainant asked to withdraw: the matter was put right on the ward.",
	"The complainant no longer wishes to pursue the complaint.",
	"The complainant is taking legal advice and asked us to stop.",
)
ROLES_IN_EVENTS = ("Nurse in charge", "Consultant", "Receptionist", "Healthcare assistant", "Junior doctor")
PHSO = (("Upheld", 15), ("Partly Upheld", 25), ("Not Upheld", 30), ("Not Investigated", 30))
RECOMMENDATIONS = (
	("Apology", "Write to the complainant to apologise for the failings identified."),
	("Financial remedy", "Pay the complainant a sum in recognition of the distress caused."),
	("Service improvement", "Review the pathway and share the learning with the teams involved."),
	("Action plan", "Produce an action plan showing what will change and by when."),
)


def pick(rng, table):
	values, weights = zip(*table, strict=True)
	return rng.choices(values, weights)[0]


@dataclass
class Made:
	"""What later records need to know about a complaint."""

	name: str
	received: date
	state: str
	patient: str
	service_areas: list[str]
	closed_on: date | None = None
	outcome: str | None = None
	handler: str | None = None
	harm: bool = False
	extra: dict = field(default_factory=dict)


def plan_dates(ctx, received: date, route: str, due: date) -> dict:
	"""Every step's date, as it would happen (some after today: not yet)."""
	rng, cal = ctx.rng, ctx.cal
	wd = cal.add_working_days
	plan = {"ack": wd(received, pick(rng, ((0, 12), (1, 30), (2, 28), (3, 18), (4, 6), (5, 4), (8, 2))))}
	if route == EARLY:
		plan["close"] = wd(plan["ack"], rng.randint(2, 20))
		if rng.random() < 0.1:  # escalated to an investigation
			plan["escalate"] = wd(plan["ack"], rng.randint(3, 10))
			plan.pop("close")
	if route == INVESTIGATION or "escalate" in plan:
		start = plan.get("escalate") or wd(plan["ack"], rng.randint(0, 3))
		plan["investigate"] = start
		late = rng.random() < 0.24
		sent = wd(due, rng.randint(1, 35)) if late else wd(due, -rng.randint(0, 15))
		sent = max(sent, wd(start, 8))
		plan["sign_off_asked"] = wd(sent, -rng.randint(3, 10))
		plan["signed"] = wd(sent, -rng.randint(0, 2))
		plan["sent"], plan["close"] = sent, wd(sent, rng.randint(0, 12))
		if rng.random() < 0.01:
			plan["reopen"] = plan["close"] + timedelta(days=rng.randint(10, 60))
			plan["reclose"] = wd(plan["reopen"], rng.randint(15, 40))
	if rng.random() < 0.04:
		plan["withdraw"] = wd(received, rng.randint(1, 45))
		if plan["withdraw"] >= plan.get("close", date.max):
			plan.pop("withdraw")
	return plan


def state_today(plan: dict, route: str, today: date) -> str:
	def done(step):
		return step in plan and plan[step] <= today

	if done("withdraw"):
		return WITHDRAWN
	steps = (
		("reclose", CLOSED),
		("reopen", "Under Investigation"),
		("close", CLOSED),
		("sent", "Response Sent"),
		("signed", "Signed Off"),
		("sign_off_asked", "Awaiting Sign-off"),
		("investigate", "Under Investigation"),
		("ack", "Resolved Early" if route == EARLY else "Acknowledged"),
	)
	return next((state for step, state in steps if done(step)), "Received")


def make_complaint(ctx, i: int) -> Made:
	rng, cal, today = ctx.rng, ctx.cal, ctx.today
	received = ctx.received_date()
	year = ctx.year_of(received)
	severity, multi = pick(rng, SEVERITY), rng.random() < 0.03
	preset = ctx.preset_for[(severity, multi)]
	response_due = deadlines.response_due_from_preset(received, ctx.presets[preset], cal)
	outside = rng.random() < 0.01
	route = EARLY if outside or (severity in ("Low", "Moderate") and rng.random() < 0.45) else INVESTIGATION
	extension = None
	if route == INVESTIGATION and rng.random() < 0.1:  # a later date agreed with the complainant
		agreed = cal.add_working_days(received, rng.randint(10, 20))
		extension = (response_due, cal.add_working_days(response_due, rng.randint(15, 40)), agreed)
		response_due = extension[1]
	plan = plan_dates(ctx, received, route, response_due)
	if outside:
		plan = {"ack": received, "close": cal.add_working_days(received, 1)}
	state = state_today(plan, route, today)
	reached = {step: day for step, day in plan.items() if day <= today}
	if state == WITHDRAWN:  # nothing after the withdrawal happened
		reached = {step: day for step, day in reached.items() if day < plan["withdraw"] or step == "withdraw"}
	if extension and extension[2] > today:
		extension, response_due = None, extension[0]
	name = f"{PREFIX}COMP-{received.year}-{i:06d}"

	# people
	age = patient_age(rng)
	died = age > 60 and rng.random() < 0.08
	patient = ctx.people.person(received, age=age, deceased=int(died))
	by_patient = not died and age >= 18 and rng.random() < 0.72
	basis = ""
	if by_patient:
		complainant = patient
	else:
		last = patient["full_name"].split()[-1]
		complainant = ctx.people.person(received, surname=last if rng.random() < 0.7 else None)
		basis = "Patient Died" if died else "Child" if age < 18 else pick(rng, REPRESENTATIVE)
	consent = "Obtained" if basis in ("Asked To Act", "Physically Unable") else "Not Required"
	if consent == "Obtained" and "sent" not in reached and rng.random() < 0.2:
		consent = "Pending"

	# time limit (reg 12)
	late = rng.random() < 0.02
	event = received - timedelta(days=rng.randint(400, 500) if late else rng.randint(1, 150))
	aware = event + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.1 else None

	# aspects: KO41a masters of the year received, surging where the triangulation should see it
	aspects, service_areas = [], []
	if reached.get("ack") or rng.random() < 0.5:
		for _n in range(pick(rng, ((1, 55), (2, 30), (3, 15)))):
			service = ctx.master(year, "Complaint Service Area", received)
			subject = ctx.master(year, "Complaint Subject Area")
			aspects.append(
				{
					"subject_area": subject,
					"service_area": service,
					"staff_group": ctx.master(year, "Staff Group") if rng.random() < 0.8 else None,
					"detail": ctx.titles[subject],
				}
			)
			service_areas.append(service)
	closed = state == CLOSED
	if closed or "reopen" in reached:  # a reopened complaint keeps its findings until closed again
		finding = pick(rng, ASPECT_OUTCOME)  # the aspects of a complaint mostly share its finding
		for aspect in aspects:
			aspect["outcome"] = finding if rng.random() < 0.8 else pick(rng, ASPECT_OUTCOME)
	decided = aspects and (closed or "reopen" in reached)
	outcome = outcomes.overall_outcome(a["outcome"] for a in aspects) if decided else None

	handler = None
	if reached.get("ack") or rng.random() < 0.4:
		handler = rng.choice(ctx.users["Complaints Handler"])
	signatory = ctx.users["Responsible Person"][0]
	acknowledged_on = reached.get("ack")
	response_sent_on = reached.get("sent") or (reached.get("close") if route == EARLY else None)
	closed_on = (reached.get("reclose") or reached.get("close")) if closed else None
	withdrawn_on = reached.get("withdraw")
	investigated = route == INVESTIGATION or "escalate" in reached
	summary_subject = ctx.titles[aspects[0]["subject_area"]] if aspects else "Concerns about care"
	values = {
		"doctype": "Complaint",
		"name": name,
		"summary": f"{summary_subject} ({ctx.titles[service_areas[0]] if service_areas else 'service to be confirmed'})",
		"route": INVESTIGATION if investigated else EARLY,
		"received_on": received,
		"received_via": pick(rng, VIA),
		"workflow_state": state,
		"handler": handler and handler["email"],
		"handler_name": handler and handler["full_name"],
		"severity": severity,
		"timescale_preset": preset,
		"multi_organisation": int(multi),
		"other_organisations": "Integrated care board; community trust" if multi else None,
		"description": f"Generated complaint about {summary_subject.lower()}.",
		"outcome_sought": "An apology and an explanation of what went wrong.",
		"event_date": event,
		"became_aware_on": aware,
		"time_limit_expires_on": time_limit.time_limit_expires(event, aware),
		"time_limit_status": time_limit.time_limit_status(received, event, aware, late),
		"time_limit_waived": int(late),
		"delay_good_reason": "The complainant was in hospital for most of the year." if late else None,
		"fair_investigation_reason": "The records and the staff involved are still available."
		if late
		else None,
		"not_under_regulations_reason": "Oral complaint resolved by the next working day" if outside else "",
		"complainant": complainant["name"],
		"complainant_is_patient": int(by_patient),
		"representative_basis": basis,
		"best_interests_confirmed": int(basis in ("Child", "Lacks Capacity")),
		"consent_status": consent,
		"patient": patient["name"],
		"age_band": people.age_band(patient["date_of_birth"], received, ctx.bands),
		"acknowledgement_due": deadlines.acknowledgement_due(received, cal),
		"acknowledged_on": acknowledged_on,
		"acknowledgement_method": (pick(rng, (("Written", 80), ("Oral", 20))) if acknowledged_on else ""),
		"discussion_offered": int(bool(acknowledged_on)),
		"statutory_response_limit": deadlines.statutory_response_limit(received),
		"response_due": response_due,
		"response_sent_on": response_sent_on,
		"response_working_days": deadlines.working_days_to_respond(received, response_sent_on, cal) or 0,
		"closed_on": closed_on,
		"withdrawn_on": withdrawn_on,
		"withdrawal_reason": rng.choice(WITHDRAWAL) if withdrawn_on else None,
		"reopened_count": int("reopen" in reached),
		"outcome": outcome or "",
		"ombudsman_rights_given": int(investigated and bool(reached.get("sent"))),
		"creation": stamp(received, rng),
		"modified": stamp(max(reached.values(), default=received), rng),
	}
	if reached.get("sign_off_asked"):
		values["draft_response"] = (
			"<p>Thank you for raising your concerns. We have looked into each of them.</p>"
		)
	if reached.get("signed"):
		values.update(
			signed_off_by=signatory["email"],
			signed_off_on=reached["signed"],
			signed_off_response=values["draft_response"],
		)
	if closed and investigated and outcome in (outcomes.UPHELD, outcomes.PARTIALLY_UPHELD):
		values["learning_summary"] = "What went wrong, what we have changed and how we will know it worked."
	pairs = ((values["acknowledgement_due"], acknowledged_on), (response_due, response_sent_on))
	values.update(deadline_fields("Complaint", state, today, ctx.soon, cal)(*pairs))
	made = Made(name, received, state, patient["name"], service_areas, closed_on, outcome, handler)
	made.harm = severity in ("High", "Extreme") and rng.random() < 0.15
	values["possible_significant_harm"] = int(made.harm)
	if closed and investigated and rng.random() < 0.03:
		values.update(ombudsman(ctx, made, name))
	writer = ctx.writer
	writer.add("Complaint", values)
	writer.child("Complaint Aspect", values, "aspects", aspects)
	if rng.random() < 0.08:
		staff = rng.choice(ctx.users["JLC Staff"])
		row = {
			"user": staff["email"],
			"full_name": staff["full_name"],
			"role_in_events": rng.choice(ROLES_IN_EVENTS),
		}
		writer.child(
			"Complaint Staff Involved", values, "staff_involved", [{**row, "informed_on": acknowledged_on}]
		)
	if extension:
		old, new, agreed = extension
		change = {"old_date": old, "new_date": new, "agreed_with_complainant_on": agreed}
		change.update(
			reason="The investigation needs statements from staff on leave.", changed_by=values["handler"]
		)
		writer.child("Complaint Response Due Change", values, "response_due_changes", [change])
	return made


def ombudsman(ctx, made: Made, complaint: str) -> dict:
	"""A referral to the PHSO some weeks after closure, as far as it has got today; the complaint's fields."""
	rng, today = ctx.rng, ctx.today
	referred = made.closed_on + timedelta(days=rng.randint(20, 120))
	if referred > today:
		return {}
	ctx.referrals += 1
	name = f"{PREFIX}PHSO-{referred.year}-{ctx.referrals:05d}"
	stages = (("Assessment", 30), ("Investigation", 90), ("Decision", 240))
	stage = "Enquiry"
	for next_stage, after in stages:
		if referred + timedelta(days=after + rng.randint(0, 30)) <= today:
			stage = next_stage
	decided = referred + timedelta(days=240 + rng.randint(0, 60)) if stage == "Decision" else None
	decided = min(decided, today) if decided else None
	outcome = pick(rng, PHSO) if decided else ""
	values = {
		"doctype": "Ombudsman Referral",
		"name": name,
		"complaint": complaint,
		"referred_on": referred,
		"phso_reference": f"C-{rng.randint(1000000, 9999999)}",
		"stage": stage,
		"outcome": outcome,
		"decision_on": decided,
		"creation": stamp(referred, rng),
	}
	ctx.writer.add("Ombudsman Referral", values)
	if outcome in ("Upheld", "Partly Upheld"):
		rows = []
		for kind, text in rng.sample(RECOMMENDATIONS, rng.randint(1, 3)):
			due = decided + timedelta(days=rng.randint(30, 90))
			done = due - timedelta(days=rng.randint(0, 20)) if rng.random() < 0.7 else None
			done = done if done and done <= today else None
			rows.append(
				{
					"recommendation": text,
					"kind": kind,
					"due_date": due,
					"status": "Completed" if done else "Open",
				}
				| ({"completed_on": done, "evidence": "Letter and action plan on file."} if done else {})
			)
		ctx.writer.child("Ombudsman Recommendation", values, "recommendations", rows)
	made.extra["referral"] = name
	return {"ombudsman_referral": name, "ombudsman_stage": stage, "ombudsman_outcome": outcome}
