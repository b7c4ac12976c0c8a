"""Duty of candour compliance for a period (issue 9, regulation 20): of the notifiable safety incidents reported
in the period, how many were notified in person by the contractual date, with an apology, followed up in writing
with an apology, and which are still open or overdue, by month of the incident's report.

Counts are over every candour record (one aggregate query); the list that names notifications follows the
reader's rights and carries the notification's name, incident, state and dates, never the patient or the
relevant person."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import getdate

from jlc_frappe.governance import service_areas
from jlc_frappe.jlc_safety.candour import CLOSED
from jlc_frappe.permissions import apply_rules, row_rule
from jlc_frappe.rules.deadlines import MET, MISSED, OVERDUE
from jlc_frappe.rules.periods import months_between
from jlc_frappe.rules.rates import share

DOCTYPE = "Candour Notification"

# What each figure means, shown with the report so that it can be read and compared.
DEFINITIONS = {
	"notifiable": "Candour records decided notifiable (Yes) whose incident was reported in the period.",
	"notified_on_time": "Of those whose notification in person is done or due, those notified in person by the "
	"contractual date (10 working days from the report, NHS Standard Contract).",
	"apology_in_person": "Of those notified in person, those where the notification included an apology.",
	"written_with_apology": "Of the notifiable, those followed up by a written notification with an apology.",
	"open": "Of the notifiable, those not yet closed.",
	"overdue": "Of the notifiable, those not notified in person and past the contractual date.",
}


def figures(from_date, to_date, service_area: str | None = None) -> dict:
	"""Candour compliance for the incidents reported from `from_date` to `to_date` (both included), optionally
	only those in `service_area` (the incident's, or an aspect's of the complaint the record is about; any
	reporting year's record with the same KO41a code): the
	totals, one row per month of the period, and the notifications the reader may read."""
	start, end = getdate(from_date), getdate(to_date)
	by_month = _counts(start, end, service_area)
	found = {row["month"]: _figures(row) for row in by_month}
	total = {key: sum(int(row[key] or 0) for row in by_month) for key in COUNTS}  # each record in one month
	return {
		"from_date": start,
		"to_date": end,
		"service_area": service_area,
		"total": _figures(total),
		"by_month": [found.get(month) or _figures({"month": month}) for month in months_between(start, end)],
		"notifications": notifications(start, end, service_area),
	}


def _notifiable(start, end, service_area):
	"""The candour records decided notifiable whose incident was reported in the period."""
	n = frappe.qb.DocType(DOCTYPE)
	query = frappe.qb.from_(n).where((n.notifiable == "Yes") & n.reported_on[start:end])
	if service_area:
		records = service_areas.records_of(service_area)
		incident, aspect = frappe.qb.DocType("Patient Safety Incident"), frappe.qb.DocType("Complaint Aspect")
		incidents = frappe.qb.from_(incident).select(incident.name).where(incident.service_area.isin(records))
		complaints = (
			frappe.qb.from_(aspect)
			.select(aspect.parent)
			.where((aspect.parenttype == "Complaint") & aspect.service_area.isin(records))
		)
		query = query.where(n.incident.isin(incidents) | n.complaint.isin(complaints))
	return n, query


COUNTS = (
	"notifiable",
	"due",
	"notified_on_time",
	"notified_in_person",
	"apology_in_person",
	"written_with_apology",
	"open",
	"overdue",
)


def _counts(start, end, service_area) -> list[dict]:
	"""Every count in one aggregate query, one row per month with notifiable incidents."""
	n, query = _notifiable(start, end, service_area)

	def count(condition, name):
		return Sum(Case().when(condition, 1).else_(0)).as_(name)

	in_person = n.notified_in_person_on.isnotnull()
	month = DateFormat(n.reported_on, "%Y-%m")
	query = query.select(
		month.as_("month"),
		Count(n.name).as_("notifiable"),
		count(n.contractual_status.isin((MET, MISSED, OVERDUE)), "due"),
		count(in_person & (n.notified_in_person_on <= n.contractual_due), "notified_on_time"),
		count(in_person, "notified_in_person"),
		count(in_person & (n.apology_given == 1), "apology_in_person"),
		count(n.written_notification_on.isnotnull() & (n.written_apology_given == 1), "written_with_apology"),
		count(n.workflow_state != CLOSED, "open"),
		count(n.contractual_status == OVERDUE, "overdue"),
	)
	return query.groupby(month).orderby(month).run(as_dict=True)


def _figures(counts: dict) -> dict:
	def c(key):
		return int(counts.get(key) or 0)

	figures = {
		"notifiable": c("notifiable"),
		"notified_on_time": share(c("notified_on_time"), c("due")),
		"apology_in_person": share(c("apology_in_person"), c("notified_in_person")),
		"written_with_apology": share(c("written_with_apology"), c("notifiable")),
		"open": c("open"),
		"overdue": c("overdue"),
	}
	return {"month": counts["month"], **figures} if "month" in counts else figures


def notifications(start, end, service_area: str | None = None) -> list[dict]:
	"""The notifiable candour records of the period that the reader may read, soonest deadline first: name,
	incident, workflow state, status and dates; never the patient or the relevant person."""
	if not frappe.has_permission(DOCTYPE, "read"):
		return []
	n, query = _notifiable(start, end, service_area)
	if row_rule(DOCTYPE) is not None:  # none today: every reader of the doctype reads every record
		query = apply_rules(query, DOCTYPE)
	return (
		query.select(
			n.name,
			n.incident,
			n.workflow_state,
			n.contractual_status,
			n.reported_on,
			n.contractual_due,
			n.notified_in_person_on,
			n.written_notification_on,
			n.findings_shared_on,
		)
		.orderby(n.deadline_order)
		.orderby(n.reported_on)
		.orderby(n.name)
	).run(as_dict=True)
