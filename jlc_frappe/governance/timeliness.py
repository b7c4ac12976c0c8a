"""Complaint timeliness for a period (issue 9): acknowledgements within 3 working days (regulation 13), responses
by the date agreed with the complainant (regulation 14), and the median working days from receipt to response,
by month received or by the service areas the complaints' aspects name.

Counts are over every complaint received in the period and handled under the Regulations (aggregated in SQL);
nothing here names a case or a person. Working days to respond are stored on each complaint when its response
is sent (complaint_deadlines), so the medians come from the same grouped query as the counts."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import getdate

from jlc_frappe.governance import service_areas
from jlc_frappe.rules.deadlines import MET, MISSED, OVERDUE
from jlc_frappe.rules.periods import months_between
from jlc_frappe.rules.rates import median, share

MONTH, SERVICE_AREA = "month", "service_area"
GROUPS = (MONTH, SERVICE_AREA)

# What each figure means, shown with the report so that it can be read and compared.
DEFINITIONS = {
	"received": "Complaints received in the period and handled under the 2009 Regulations (by service area: "
	"each complaint once under every service area its aspects name).",
	"acknowledged_on_time": "Of those complaints whose acknowledgement is done or due, those acknowledged within "
	"3 working days of receipt (regulation 13).",
	"responded_on_time": "Of those complaints whose response has been sent, those sent by the date agreed with "
	"the complainant (regulation 14).",
	"response_overdue": "Of those complaints, responses not yet sent and past the agreed date.",
	"median_working_days": "The median number of working days from receipt to the response being sent, over "
	"the responses sent (England working days and the trust's closure days).",
}


def figures(from_date, to_date, service_area: str | None = None, group_by: str = MONTH) -> dict:
	"""Timeliness of the complaints received from `from_date` to `to_date` (both included), optionally only
	those with an aspect in `service_area` (a Complaint Service Area name or KO41a code): the totals and one row
	per month (every month of the period) or per service area (`key` the KO41a code of each area the complaints'
	aspects name; None for complaints with no service area yet)."""
	if group_by not in GROUPS:
		frappe.throw(frappe._("Group the figures by {0}.").format(" or ".join(GROUPS)))
	start, end = getdate(from_date), getdate(to_date)
	counted = _counted(start, end, service_area, group_by)
	# each complaint falls in one month, so the months add up to the total; not so the service areas
	total = (
		_fold(counted.values()) if group_by == MONTH else _fold(_counted(start, end, service_area).values())
	)
	rows = _rows(counted, group_by)
	if group_by == MONTH:
		found = {row["key"]: row for row in rows}
		rows = [found.get(month) or _row({"key": month}) for month in months_between(start, end)]
	return {
		"from_date": start,
		"to_date": end,
		"service_area": service_area,
		"group_by": group_by,
		"total": total,
		"rows": rows,
	}


def _under_regulations(c):
	return c.not_under_regulations_reason.isnull() | (c.not_under_regulations_reason == "")


def _service_areas():
	"""Each complaint's distinct service area codes (a complaint counts once per area, however many aspects)."""
	aspect, area = frappe.qb.DocType("Complaint Aspect"), frappe.qb.DocType("Complaint Service Area")
	return (
		frappe.qb.from_(aspect)
		.join(area)
		.on(area.name == aspect.service_area)
		.select(aspect.parent, area.code)
		.distinct()
		.where(aspect.parenttype == "Complaint")
	).as_("areas")


def _base(start, end, service_area, group_by):
	"""The complaints received in the period, with the key of their group (`key`) when grouped."""
	c = frappe.qb.DocType("Complaint")
	query = frappe.qb.from_(c).where(c.received_on[start:end] & _under_regulations(c))
	if group_by == SERVICE_AREA:
		areas = _service_areas()
		query = query.left_join(areas).on(areas.parent == c.name)
		if service_area:
			query = query.where(areas.code == service_areas.code_of(service_area))
		return c, query.select(areas.code.as_("key")).groupby(areas.code)
	if service_area:
		aspect = frappe.qb.DocType("Complaint Aspect")
		with_area = (
			frappe.qb.from_(aspect)
			.select(aspect.parent)
			.where(
				(aspect.parenttype == "Complaint")
				& aspect.service_area.isin(service_areas.records_of(service_area))
			)
		)
		query = query.where(c.name.isin(with_area))
	if group_by == MONTH:
		month = DateFormat(c.received_on, "%Y-%m")
		return c, query.select(month.as_("key")).groupby(month).orderby(month)
	return c, query


def _counted(start, end, service_area, group_by=None) -> dict:
	"""{group key: {counts, "days": [(working days to respond, responses)]}} from one aggregate query, grouped
	by the working days to respond too (a few dozen values), so that medians need no row of their own."""
	c, query = _base(start, end, service_area, group_by)

	def count(condition, name):
		return Sum(Case().when(condition, 1).else_(0)).as_(name)

	sent = c.response_sent_on.isnotnull()
	days = Case().when(sent, c.response_working_days)  # NULL until the response is sent
	by_days = query.select(
		days.as_("days"),
		Count(c.name).as_("received"),
		count(c.acknowledgement_status == MET, "ack_met"),
		count(c.acknowledgement_status.isin((MET, MISSED, OVERDUE)), "ack_due"),
		count(sent & (c.response_sent_on <= c.response_due), "response_met"),
		count(sent & c.response_due.isnotnull(), "response_sent"),
		count(c.response_sent_on.isnull() & (c.response_status == OVERDUE), "response_overdue"),
	).groupby(days)
	counted = {}
	for row in by_days.run(as_dict=True):
		group = counted.setdefault(row.get("key"), {"key": row.get("key"), "days": []})
		for name in COUNTS:
			group[name] = group.get(name, 0) + int(row[name] or 0)
		if row.days is not None:  # responses sent
			group["days"].append((row.days, int(row.received)))
	return counted


def _fold(groups) -> dict:
	"""The groups' counts and working days as one."""
	total = {"days": []}
	for group in groups:
		for name in COUNTS:
			total[name] = total.get(name, 0) + group[name]
		total["days"] += group["days"]
	return _row(total)


def _rows(counted: dict, group_by: str) -> list[dict]:
	rows = [_row(group) for group in counted.values()]
	if group_by == SERVICE_AREA:
		titles = service_areas.titles(row["key"] for row in rows)
		for row in rows:
			row["label"] = titles.get(row["key"], row["key"])
		rows.sort(key=lambda row: (row["key"] is None, (row["label"] or "").lower()))
	return rows


COUNTS = ("received", "ack_met", "ack_due", "response_met", "response_sent", "response_overdue")


def _row(counts: dict) -> dict:
	def n(key):
		return int(counts.get(key) or 0)

	return {
		"key": counts.get("key"),
		"label": counts.get("label", counts.get("key")),
		"received": n("received"),
		"acknowledged_on_time": share(n("ack_met"), n("ack_due")),
		"responded_on_time": share(n("response_met"), n("response_sent")),
		"response_overdue": n("response_overdue"),
		"median_working_days": median(counts.get("days") or []),
	}
