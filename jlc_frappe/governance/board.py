"""The board's complaint figures for a period (seed 3.8 and 3.9): what came in, how it was handled and on time,
what was decided and learned, and what the Ombudsman is looking at.

Counts are over every complaint handled under the regulations (one aggregate query); the lists that name cases
follow the reader's row rules (permissions.apply_rules) and carry no person's identity."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import Concat, Count, DateFormat, Extract, Sum
from frappe.utils import getdate

from jlc_frappe.governance import experience, training
from jlc_frappe.jlc_complaints.complaint_lifecycle import EARLY_RESOLUTION, INVESTIGATION
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules.deadlines import MET, MISSED, OVERDUE
from jlc_frappe.rules.rates import rate_text, share

OUTCOMES = ("Upheld", "Partially Upheld", "Not Upheld")


def figures(from_date, to_date) -> dict:
	"""The board report's figures for `from_date` to `to_date` (both included); see DEFINITIONS."""
	start, end = getdate(from_date), getdate(to_date)
	return {
		**counts(start, end),
		"closed_cases": closed_cases(start, end),
		"ombudsman": ombudsman_referrals(start, end),
		"experience": experience.summary(start, end),
		# staff training complete at the period's end (or today, if sooner), over all staff
		"training": training.compliance(min(end, getdate()), everyone=True)["complete"],
	}


def counts(from_date, to_date) -> dict:
	"""The figures without the lists of cases (one aggregate query): for outputs that name no case."""
	start, end = getdate(from_date), getdate(to_date)
	row = _counts(start, end)
	return {
		"from_date": start,
		"to_date": end,
		"received": row.received,
		"outside_regulations": row.outside_regulations,
		"resolved_early": row.resolved_early,
		"under_investigation": row.under_investigation,
		"closed": {"total": row.closed, **{o: row[_key(o)] for o in OUTCOMES}},
		"withdrawn": row.withdrawn,
		"acknowledged_on_time": share(row.ack_met, row.ack_due),
		"responded_on_time": share(row.response_met, row.response_sent),
	}


# What each figure means, printed with the report so that it can be read and compared.
DEFINITIONS = {
	"received": "Complaints received in the period and handled under the 2009 Regulations.",
	"outside_regulations": "Complaints received in the period that fall outside the Regulations (regulation 8).",
	"resolved_early": "Complaints closed in the period on the early resolution route.",
	"under_investigation": "Complaints on the investigation route still open at the end of the period.",
	"closed": "Complaints closed in the period, by their overall outcome.",
	"withdrawn": "Complaints withdrawn in the period.",
	"acknowledged_on_time": "Of the complaints received in the period whose acknowledgement is done or due, those "
	"acknowledged within 3 working days (regulation 13).",
	"responded_on_time": "Of the responses sent in the period, those sent by the date agreed with the complainant.",
	"training": "Of the training modules staff's roles require of them (person by module), those completed and not "
	"expired at the end of the period (the Training Compliance report has who is due, overdue or expired).",
}


def figure_lines(figures: dict) -> list[tuple[str, object, str]]:
	"""(label, value, definition) for each count of `figures`, in the order every output prints them."""
	closed = figures["closed"]
	lines = [
		(_("Received"), figures["received"], "received"),
		(_("Outside the Regulations"), figures["outside_regulations"], "outside_regulations"),
		(_("Resolved early"), figures["resolved_early"], "resolved_early"),
		(
			_("Under investigation at the end of the period"),
			figures["under_investigation"],
			"under_investigation",
		),
		(
			_("Closed"),
			_("{0}: {1} upheld, {2} partially upheld, {3} not upheld").format(
				closed["total"], closed["Upheld"], closed["Partially Upheld"], closed["Not Upheld"]
			),
			"closed",
		),
		(_("Withdrawn"), figures["withdrawn"], "withdrawn"),
		(_("Acknowledged on time"), rate_text(figures["acknowledged_on_time"]), "acknowledged_on_time"),
		(_("Responded by the agreed date"), rate_text(figures["responded_on_time"]), "responded_on_time"),
	]
	return [(label, value, _(DEFINITIONS[key])) for label, value, key in lines]


def training_line(figures: dict) -> tuple[str, object, str]:
	"""(label, value, definition) of the staff training rate in `figures` (the board report's own line)."""
	return _("Staff training complete"), rate_text(figures["training"]), _(DEFINITIONS["training"])


def _key(outcome: str) -> str:
	return frappe.scrub(outcome)


def _under_regulations(c):
	return c.not_under_regulations_reason.isnull() | (c.not_under_regulations_reason == "")


def _counts(start, end) -> frappe._dict:
	"""Every count in one pass over the complaints table."""
	c = frappe.qb.DocType("Complaint")
	in_regs = _under_regulations(c)
	received = c.received_on[start:end]
	closed = c.closed_on[start:end]
	sent = c.response_sent_on[start:end]
	open_at_end = (c.received_on <= end) & (c.closed_on.isnull() | (c.closed_on > end))
	open_at_end &= c.withdrawn_on.isnull() | (c.withdrawn_on > end)

	def count(condition, name):
		return Sum(Case().when(condition, 1).else_(0)).as_(name)

	columns = [
		count(received & in_regs, "received"),
		count(received & ~in_regs, "outside_regulations"),
		count(closed & in_regs & (c.route == EARLY_RESOLUTION), "resolved_early"),
		count(open_at_end & in_regs & (c.route == INVESTIGATION), "under_investigation"),
		count(closed & in_regs, "closed"),
		count(c.withdrawn_on[start:end] & in_regs, "withdrawn"),
		count(received & in_regs & (c.acknowledgement_status == MET), "ack_met"),
		count(received & in_regs & c.acknowledgement_status.isin((MET, MISSED, OVERDUE)), "ack_due"),
		count(sent & in_regs & (c.response_sent_on <= c.response_due), "response_met"),
		count(sent & in_regs & c.response_due.isnotnull(), "response_sent"),
	]
	columns += [count(closed & in_regs & (c.outcome == o), _key(o)) for o in OUTCOMES]
	row = frappe.qb.from_(c).select(*columns).run(as_dict=True)[0]
	return frappe._dict({key: int(value or 0) for key, value in row.items()})


# A board reads the cases of a quarter (a few hundred at a large trust); beyond this many, the latest are listed
# and the count says how many were closed (the Complaint list has them all).
CASES_LISTED = 500


def closed_cases(start, end, limit: int = CASES_LISTED) -> list[dict]:
	"""Complaints closed in the period that the reader may read, the latest `limit`, oldest first: outcome,
	findings by subject, learning summary and the learning actions that answer them (title and state)."""
	c = frappe.qb.DocType("Complaint")
	query = frappe.qb.from_(c).where(c.closed_on[start:end])
	rows = (
		apply_rules(query, "Complaint")
		.select(c.name, c.summary, c.closed_on, c.route, c.outcome, c.learning_summary)
		.orderby(c.closed_on, order=Order.desc)
		.orderby(c.name, order=Order.desc)
		.limit(limit)
	).run(as_dict=True)[::-1]
	names = [row.name for row in rows]
	findings, actions = _findings(names), _learning_actions(names)
	return [
		{**row, "findings": findings.get(row.name, []), "learning_actions": actions.get(row.name, [])}
		for row in rows
	]


def _findings(complaints: list[str]) -> dict[str, list[dict]]:
	"""Each complaint's aspects as coded findings (subject area and outcome: no free text)."""
	if not complaints:
		return {}
	aspect, subject = frappe.qb.DocType("Complaint Aspect"), frappe.qb.DocType("Complaint Subject Area")
	rows = (
		frappe.qb.from_(aspect)
		.left_join(subject)
		.on(subject.name == aspect.subject_area)
		.select(aspect.parent, subject.title.as_("subject_area"), aspect.outcome)
		.where((aspect.parenttype == "Complaint") & aspect.parent.isin(complaints))
		.orderby(aspect.parent)
		.orderby(aspect.idx)
	).run(as_dict=True)
	found = defaultdict(list)
	for row in rows:
		found[row.parent].append({"subject_area": row.subject_area, "outcome": row.outcome})
	return found


def _learning_actions(complaints: list[str]) -> dict[str, list[dict]]:
	"""The learning actions (that the reader may read) answering each complaint."""
	if not complaints:
		return {}
	action, source = frappe.qb.DocType("Learning Action"), frappe.qb.DocType("Learning Action Source")
	query = (
		frappe.qb.from_(action)
		.join(source)
		.on((source.parent == action.name) & (source.parenttype == "Learning Action"))
		.where((source.source_doctype == "Complaint") & source.source_name.isin(complaints))
	)
	rows = (
		apply_rules(query, "Learning Action")
		.select(source.source_name, action.name, action.title, action.workflow_state)
		.orderby(action.name)
	).run(as_dict=True)
	found = defaultdict(list)
	for row in rows:
		found[row.source_name].append({"name": row.name, "title": row.title, "state": row.workflow_state})
	return found


def ombudsman_referrals(start, end) -> list[dict]:
	"""Referrals open at any time in the period (referred by its end, not decided before its start) that the
	reader may read: stage, outcome, and each recommendation's kind and status."""
	r = frappe.qb.DocType("Ombudsman Referral")
	query = frappe.qb.from_(r).where(
		(r.referred_on <= end) & (r.decision_on.isnull() | (r.decision_on >= start))
	)
	rows = (
		apply_rules(query, "Ombudsman Referral")
		.select(r.name, r.complaint, r.phso_reference, r.referred_on, r.stage, r.outcome, r.decision_on)
		.orderby(r.referred_on)
	).run(as_dict=True)
	recommendations = _recommendations([row.name for row in rows])
	return [{**row, "recommendations": recommendations.get(row.name, [])} for row in rows]


def _recommendations(referrals: list[str]) -> dict[str, list[dict]]:
	if not referrals:
		return {}
	rec = frappe.qb.DocType("Ombudsman Recommendation")
	rows = (
		frappe.qb.from_(rec)
		.select(rec.parent, rec.kind, rec.status, rec.due_date, rec.completed_on)
		.where((rec.parenttype == "Ombudsman Referral") & rec.parent.isin(referrals))
		.orderby(rec.parent)
		.orderby(rec.idx)
	).run(as_dict=True)
	found = defaultdict(list)
	for row in rows:
		found[row.pop("parent")].append(row)
	return found


def outcome_counts_by_month(start, end) -> list[dict]:
	"""Complaints closed per month by outcome, for the report's chart."""
	return _counted_by("closed_on", "month", "outcome", start, end)


def received_by_month_and_route(start, end) -> list[dict]:
	"""Complaints received per month on each route (handled under the Regulations), for the desk's chart."""
	return _counted_by("received_on", "month", "route", start, end)


def closed_by_quarter_and_outcome(start, end) -> list[dict]:
	"""Complaints closed per calendar quarter by outcome, for the desk's chart."""
	return _counted_by("closed_on", "quarter", "outcome", start, end)


def _counted_by(date_field: str, period: str, series: str, start, end) -> list[dict]:
	"""Complaints under the Regulations with `date_field` in the period, counted per month ("2026-04") or
	quarter ("2026 Q2") and `series`: rows {period, series, "n"}."""
	c = frappe.qb.DocType("Complaint")
	on = c[date_field]
	bucket = (
		DateFormat(on, "%Y-%m")
		if period == "month"
		else Concat(Extract("year", on), " Q", Extract("quarter", on))
	)
	return (
		frappe.qb.from_(c)
		.select(bucket.as_(period), c[series], Count("*").as_("n"))
		.where(on[start:end] & _under_regulations(c))
		.groupby(bucket, c[series])
		.orderby(bucket)
	).run(as_dict=True)
