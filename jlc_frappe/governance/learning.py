"""Learning action tracker for a period (issue 9): the learning actions due in the period, by owner, service area
and theme, with what is open, overdue, done, and checked for impact.

Counts are over every learning action (aggregated in SQL); the list that names actions follows the reader's row
rules (permissions.apply_rules) and carries the owner's name (a member of staff), never a patient's or
complainant's identity."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Max, Sum
from frappe.utils import getdate

from jlc_frappe.governance import service_areas
from jlc_frappe.jlc_learning.learning_lifecycle import (
	AGREED,
	CANCELLED,
	COMPLETED,
	IMPACT_VERIFIED,
	IN_PROGRESS,
	PROPOSED,
)
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules.deadlines import OVERDUE
from jlc_frappe.rules.rates import share

DOCTYPE = "Learning Action"
OWNER, SERVICE_AREA, THEME = "owner", "service_area", "theme"
GROUPS = (OWNER, SERVICE_AREA, THEME)
OPEN_STATES = (PROPOSED, AGREED, IN_PROGRESS)
DONE_STATES = (COMPLETED, IMPACT_VERIFIED)

# What each figure means, shown with the report so that it can be read and compared.
DEFINITIONS = {
	"actions": "Learning actions due in the period (by their current due date), not cancelled.",
	"open": "Of those, actions proposed, agreed or in progress.",
	"overdue": "Of those, actions not completed and past their due date.",
	"done": "Of those, actions completed (with evidence), whether or not their impact is verified yet.",
	"impact_verified": "Of the actions done, those whose impact was measured and verified by someone other than "
	"the owner.",
	"cancelled": "Learning actions due in the period that were cancelled (with a reason), not counted above.",
}


def figures(
	from_date,
	to_date,
	owner: str | None = None,
	service_area: str | None = None,
	theme: str | None = None,
) -> dict:
	"""The learning actions due from `from_date` to `to_date` (both included), optionally of one owner, service
	area (a name or KO41a code: every reporting year's record of the area) or theme: the totals, the figures by
	owner, by service area (`key` the KO41a code) and by theme, and the actions the reader
	may read."""
	start, end = getdate(from_date), getdate(to_date)
	filters = {"owner": owner, "service_area": service_area, "theme": theme}
	rows = _counts(start, end, filters)
	return {
		"from_date": start,
		"to_date": end,
		**filters,
		"total": _figures(_added(rows), None),
		**{f"by_{group}": _by(rows, group) for group in GROUPS},
		"actions": actions(start, end, **filters),
	}


def _due_in(start, end, filters: dict):
	a = frappe.qb.DocType(DOCTYPE)
	query = frappe.qb.from_(a).where(a.due_date[start:end])
	if filters.get(OWNER):
		query = query.where(a.action_owner == filters[OWNER])
	if filters.get(SERVICE_AREA):
		query = query.where(a.service_area.isin(service_areas.records_of(filters[SERVICE_AREA])))
	if filters.get(THEME):
		query = query.where(a.theme == filters[THEME])
	return a, query


COUNTS = ("actions", "open", "overdue", "done", "impact_verified", "cancelled")


def _counts(start, end, filters: dict) -> list[dict]:
	"""Every count in one aggregate query, one row per owner, service area (KO41a code) and theme together:
	the totals and each grouping are added up from these rows (every action has one of each)."""
	a, query = _due_in(start, end, filters)

	def count(condition, name):
		return Sum(Case().when(condition, 1).else_(0)).as_(name)

	live = a.workflow_state != CANCELLED
	area = frappe.qb.DocType("Complaint Service Area")
	query = (
		query.left_join(area)
		.on(area.name == a.service_area)
		.select(
			count(live, "actions"),
			count(a.workflow_state.isin(OPEN_STATES), "open"),
			count(live & (a.due_status == OVERDUE), "overdue"),
			count(a.workflow_state.isin(DONE_STATES), "done"),
			count(a.workflow_state == IMPACT_VERIFIED, "impact_verified"),
			count(a.workflow_state == CANCELLED, "cancelled"),
			a.action_owner.as_(OWNER),
			Max(a.action_owner_name).as_("owner_name"),
			area.code.as_(SERVICE_AREA),
			a.theme.as_(THEME),
		)
		.groupby(a.action_owner, area.code, a.theme)
	)
	return query.run(as_dict=True)


def _added(rows) -> dict:
	return {name: sum(int(row[name] or 0) for row in rows) for name in COUNTS}


def _by(rows: list[dict], group_by: str) -> list[dict]:
	"""The figures per owner, service area or theme, in the order of their labels (none last)."""
	grouped: dict = {}
	for row in rows:
		grouped.setdefault(row[group_by], []).append(row)
	if group_by == SERVICE_AREA:
		labels = service_areas.titles(grouped)
	elif group_by == OWNER:
		labels = {key: found[0].owner_name for key, found in grouped.items()}
	else:
		labels = {}
	figures = [{"key": key, "label": labels.get(key, key), **_added(found)} for key, found in grouped.items()]
	figures.sort(key=lambda row: (row["key"] is None, (row["label"] or "").lower(), row["key"] or ""))
	return [_figures(row, group_by) for row in figures]


def _figures(counts: dict, group_by: str | None) -> dict:
	def c(key):
		return int(counts.get(key) or 0)

	figures = {
		"actions": c("actions"),
		"open": c("open"),
		"overdue": c("overdue"),
		"done": c("done"),
		"impact_verified": share(c("impact_verified"), c("done")),
		"cancelled": c("cancelled"),
	}
	return {"key": counts["key"], "label": counts["label"], **figures} if group_by else figures


def actions(
	start, end, owner: str | None = None, service_area: str | None = None, theme: str | None = None
) -> list[dict]:
	"""The actions due in the period (not cancelled) that the reader may read, soonest deadline first: title,
	owner's name, theme, service area, state, due date and status, and the working days left while it runs."""
	a, query = _due_in(start, end, {"owner": owner, "service_area": service_area, "theme": theme})
	query = apply_rules(query.where(a.workflow_state != CANCELLED), DOCTYPE)
	area = frappe.qb.DocType("Complaint Service Area")
	rows = (
		query.left_join(area)
		.on(area.name == a.service_area)
		.select(
			a.name,
			a.title,
			a.action_owner_name,
			a.theme,
			a.service_area,
			area.title.as_("service_area_title"),
			a.workflow_state,
			a.due_date,
			a.due_status,
			a.next_deadline,
			a.working_days_left,
		)
		.orderby(a.deadline_order)
		.orderby(a.due_date)
		.orderby(a.name)
	).run(as_dict=True)
	for row in rows:
		if not row.pop("next_deadline"):  # no deadline running: no days left to show
			row.working_days_left = None
	return rows
