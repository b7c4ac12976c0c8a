"""Learning at scale: learning actions from upheld complaints, serious incidents and Ombudsman recommendations
(each through its lifecycle, due dates met and missed), and a complaints panel each month with its attendees,
cases, actions reviewed and the figures it froze (`panel_figures.figures`, as on holding it)."""

from datetime import date, timedelta

import frappe
from frappe.utils import add_months, get_first_day, get_last_day

from jlc_frappe.demo.bulk import PREFIX, deadline_fields, stamp
from jlc_frappe.demo.bulk_complaints import pick
from jlc_frappe.jlc_learning.panel_figures import figures as panel_figures

TITLES = (
	"Audit discharge letters against the checklist",
	"Share the learning at the ward safety huddle",
	"Review the appointment reminder process",
	"Add the escalation prompt to the observation chart",
	"Train reception staff in the accessible information standard",
	"Check call bells on every bay weekly",
	"Rewrite the patient leaflet on waiting times",
)
PRIORITY = (("Low", 20), ("Medium", 55), ("High", 25))


def make_action(ctx, source: tuple, start: date, service_area: str | None) -> dict | None:
	"""A learning action proposed on `start` answering `source` ((doctype, name)); None if not yet proposed."""
	rng, cal, today = ctx.rng, ctx.cal, ctx.today
	if start > today:
		return None
	wd = cal.add_working_days
	ctx.actions += 1
	name = f"{PREFIX}LA-{start.year}-{ctx.actions:06d}"
	due = wd(start, rng.randint(30, 90))
	plan = {}
	if rng.random() < 0.05:
		plan["cancelled"] = wd(start, rng.randint(2, 20))
	else:
		plan["agreed"] = wd(start, rng.randint(2, 15))
		plan["started"] = wd(plan["agreed"], rng.randint(1, 10))
		plan["completed"] = wd(due, -rng.randint(0, 25) if rng.random() < 0.75 else rng.randint(1, 40))
		plan["completed"] = max(plan["completed"], wd(plan["started"], 5))
		if rng.random() < 0.05:  # not effective: back in progress, completed again later
			plan["not_effective"] = wd(plan["completed"], rng.randint(20, 40))
			plan["completed_again"] = wd(plan["not_effective"], rng.randint(10, 40))
		last = plan.get("completed_again") or plan["completed"]
		plan["verified"] = wd(last, rng.randint(20, 60))
	on = {step: day for step, day in plan.items() if day <= today}
	steps = (
		("cancelled", "Cancelled"),
		("verified", "Impact Verified"),
		("completed_again", "Completed"),
		("not_effective", "In Progress"),
		("completed", "Completed"),
		("started", "In Progress"),
		("agreed", "Agreed"),
	)
	state = next((state for step, state in steps if step in on), "Proposed")
	completed = on.get("completed_again") or (on.get("completed") if "not_effective" not in on else None)
	owner = rng.choice(
		ctx.users["Complaints Manager"] + ctx.users["Senior Leader"] + ctx.users["Complaints Handler"]
	)
	manager = ctx.users["Complaints Manager"][0]["email"]
	values = {
		"doctype": "Learning Action",
		"name": name,
		"title": rng.choice(TITLES),
		"theme": rng.choice(ctx.themes),
		"service_area": service_area,
		"workflow_state": state,
		"action_owner": owner["email"],
		"action_owner_name": owner["full_name"],
		"due_date": due,
		"priority": pick(rng, PRIORITY),
		"description": "Generated learning action.",
		"not_effective_count": int("not_effective" in on),
		"creation": stamp(start, rng),
	}
	if on.get("agreed"):
		values.update(agreed_by=manager, agreed_on=on["agreed"])
	if completed:
		values.update(completed_on=completed, evidence="Audit results attached to the action.")
		values["impact_measure"] = "Repeat audit after three months."
	if on.get("verified"):
		values.update(verified_by=manager, verified_on=on["verified"], impact_result="Sustained improvement.")
	if on.get("cancelled"):
		values["cancellation_reason"] = "Covered by a trust-wide action already under way."
	values.update(deadline_fields("Learning Action", state, today, ctx.soon, cal)((due, completed)))
	ctx.writer.add("Learning Action", values)
	source_doctype, source_name = source
	ctx.writer.child(
		"Learning Action Source",
		values,
		"sources",
		[{"source_doctype": source_doctype, "source_name": source_name}],
	)
	return values


def make_panels(ctx, complaints: list, actions: list[dict]) -> list[str]:
	"""A panel in the second week of every month from the first complaints to next month; returns those held."""
	rng, today = ctx.rng, ctx.today
	chair, members = ctx.users["Senior Leader"][0], ctx.users["Complaints Panel Member"]
	manager = ctx.users["Complaints Manager"][0]
	closed_by_month: dict[date, list] = {}
	for made in complaints:
		if made.closed_on:
			closed_by_month.setdefault(get_first_day(made.closed_on), []).append(made)
	held, month, n = [], get_first_day(ctx.start), 0
	while month <= get_first_day(add_months(today, 1)):
		n += 1
		meeting = month + timedelta(days=7 + (1 - month.weekday()) % 7)  # the second Tuesday
		period_from = get_first_day(add_months(month, -1))
		state = (
			"Scheduled" if meeting > today else "Held" if (today - meeting).days < 30 else "Minutes Approved"
		)
		values = {
			"doctype": "Complaints Panel Meeting",
			"name": f"{PREFIX}PANEL-{meeting.year}-{n:04d}",
			"title": f"Panel {meeting.strftime('%d-%m-%Y')}, chaired by {chair['full_name']}",
			"meeting_date": meeting,
			"chair": chair["email"],
			"workflow_state": state,
			"period_from": period_from,
			"period_to": get_last_day(period_from),
			"creation": stamp(meeting - timedelta(days=21), rng),
		}
		if state == "Minutes Approved":
			values.update(
				minutes="<p>The panel reviewed the month's figures, the cases below and the actions due.</p>",
				minutes_approved_by=chair["email"],
				minutes_approved_on=meeting + timedelta(days=rng.randint(5, 20)),
			)
		people = [(chair, "Chair"), (manager, "Head of patient experience")] + [
			(m, "Panel member") for m in members
		]
		attendees = [
			{"user": user["email"], "full_name": user["full_name"], "role_at_meeting": role, "present": 1}
			for user, role in people
		]
		ctx.writer.add("Complaints Panel Meeting", values)
		ctx.writer.child("Panel Meeting Attendee", values, "attendees", attendees)
		closed = closed_by_month.get(period_from, [])
		cases = [
			{
				"complaint": made.name,
				"why_selected": f"Closed {made.outcome or 'without outcome'}; learning to share.",
			}
			for made in rng.sample(closed, min(len(closed), rng.randint(3, 5)))
		]
		ctx.writer.child("Panel Meeting Case", values, "cases", cases)
		due = [a for a in actions if period_from <= a["due_date"] <= values["period_to"]]
		if state != "Scheduled":
			reviews = [
				{
					"learning_action": a["name"],
					"action_title": a["title"],
					"status_at_meeting": a["workflow_state"],
				}
				for a in rng.sample(due, min(len(due), rng.randint(2, 4)))
			]
			ctx.writer.child("Panel Meeting Action Review", values, "actions_reviewed", reviews)
			held.append(values["name"])
		confidential = {"doctype": "Panel Meeting Confidential Items", "name": values["name"]}
		confidential.update(
			meeting=values["name"], confidential_items="No confidential items.", creation=values["creation"]
		)
		ctx.writer.add("Panel Meeting Confidential Items", confidential)
		month = get_first_day(add_months(month, 1))
	return held


def take_snapshots(held: list[str]) -> None:
	"""The figures each held panel froze, worked out with the app's own function once the rows are in."""
	for name in held:
		period_from, period_to, meeting = frappe.db.get_value(
			"Complaints Panel Meeting", name, ["period_from", "period_to", "meeting_date"]
		)
		snap = {f"snap_{key}": value for key, value in panel_figures(period_from, period_to).items()}
		snap["snapshot_taken_on"] = f"{meeting} 10:00:00"
		frappe.db.set_value("Complaints Panel Meeting", name, snap, update_modified=False)
