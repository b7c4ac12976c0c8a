"""Staff training compliance (seed 2.1 and 3.5): for each member of staff and each active module one of their roles
requires, whether on a given day it is complete, due, overdue or expired (jlc_frappe/rules/training.py).

One query gathers, per person and module, the roles that require it, the person's latest completion on or before
the day and how long it counts, when they joined and their department (from ERPNext's Employee where it is
installed; else joining is the day their user was made, and there is no department). The rule then places each
pair. Staff who may not read everyone's training records (permissions.training_record_condition) see their own.
"""

from datetime import date

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Date, GroupConcat, IfNull, Max
from frappe.utils import getdate
from pypika.terms import NullValue

from jlc_frappe.jlc_learning.staff_development import employee_table_exists
from jlc_frappe.permissions import row_rule
from jlc_frappe.rules import training

TRAINING_RECORD = "JLC Training Record"
# Stands for "never expires" inside the query (MAX would otherwise skip a completion without an expiry date).
_NEVER = date(9999, 12, 31)
# Accounts that are not staff.
_NOT_STAFF = ("Administrator", "Guest")


def staff_modules(as_of=None, filters: dict | None = None, everyone: bool = False) -> list[dict]:
	"""One row per member of staff and module required of them on `as_of` (default today): staff_member,
	full_name, department, roles (requiring the module), module, completed_on, expires_on, due_on and status.
	`filters` may name a module, role, department, staff_member or status. Only the reader's own rows unless they
	read everyone's training records, or `everyone` (for figures that name no one, like the board's rate)."""
	as_of = getdate(as_of)
	filters = frappe._dict(filters or {})
	rows = _query(as_of, filters, everyone).run(as_dict=True)
	found = []
	for row in rows:
		valid_until = None if getdate(row.valid_until) == _NEVER else row.valid_until
		due = training.due_on(getdate(row.joined_on), getdate(row.required_from), row.within_days)
		completed = getdate(row.completed_on) if row.completed_on else None
		status = training.status(as_of, due, completed, getdate(valid_until) if valid_until else None)
		if filters.status and status != filters.status:
			continue
		found.append(
			{
				"staff_member": row.staff_member,
				"full_name": row.full_name,
				"department": row.department,
				"roles": sorted(set((row.roles or "").split(","))),
				"module": row.module,
				"completed_on": completed,
				"expires_on": valid_until,
				"due_on": due,
				"status": status,
			}
		)
	return found


def compliance(as_of=None, filters: dict | None = None, everyone: bool = False) -> dict:
	"""How many required modules (person by module) are complete, due, overdue and expired, and the share
	complete: {"counts", "complete"}."""
	counts = training.tally(row["status"] for row in staff_modules(as_of, filters, everyone))
	return {"counts": counts, "complete": training.complete_rate(counts)}


def by_group(rows: list[dict], group: str) -> list[dict]:
	"""`rows` counted per module, role or department ({group, required, each status, percent}): a person with
	two roles requiring a module counts under each role."""
	groups: dict = {}
	for row in rows:
		keys = row["roles"] if group == "role" else [row[group]]
		for key in keys:
			groups.setdefault(key, []).append(row["status"])
	found = []
	for key, statuses in groups.items():
		counts = training.tally(statuses)
		found.append(
			{
				"group": key,
				"required": len(statuses),
				**{frappe.scrub(status): n for status, n in counts.items()},
				"percent": training.complete_rate(counts)["percent"],
			}
		)
	return sorted(found, key=lambda r: ((r["group"] is None), (r["group"] or "").lower()))


def _query(as_of: date, filters, everyone: bool):
	user, has_role = frappe.qb.DocType("User"), frappe.qb.DocType("Has Role")
	needs, module = frappe.qb.DocType("JLC Training Module Role"), frappe.qb.DocType("JLC Training Module")
	record = frappe.qb.DocType(TRAINING_RECORD)
	done = record.name.isnotnull()
	query = (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.join(needs)
		.on((needs.role == has_role.role) & (needs.parenttype == "JLC Training Module"))
		.join(module)
		.on((module.name == needs.parent) & (module.active == 1))
		.left_join(record)
		.on(
			(record.staff_member == user.name)
			& (record.module == module.name)
			& (record.completed_on <= as_of)
		)
		.where((user.enabled == 1) & (user.user_type == "System User") & user.name.notin(_NOT_STAFF))
		.groupby(user.name, module.name)
		.select(
			user.name.as_("staff_member"),
			Max(user.full_name).as_("full_name"),
			module.name.as_("module"),
			GroupConcat(has_role.role).distinct().as_("roles"),
			Max(record.completed_on).as_("completed_on"),
			Max(Case().when(done, IfNull(record.expires_on, _NEVER))).as_("valid_until"),
			Max(module.required_from).as_("required_from"),
			Max(module.complete_within_days).as_("within_days"),
		)
	)
	joined = Date(user.creation)
	if employee_table_exists():
		employee = frappe.qb.DocType("Employee")
		query = query.left_join(employee).on(employee.user_id == user.name)
		query = query.select(
			Max(IfNull(employee.date_of_joining, joined)).as_("joined_on"),
			Max(employee.department).as_("department"),
		)
		if filters.department:
			query = query.where(employee.department == filters.department)
	else:
		query = query.select(Max(joined).as_("joined_on"), NullValue().as_("department"))
		if filters.department:
			query = query.where(user.name.isnull())  # no department is known without ERPNext
	if filters.module:
		query = query.where(module.name == filters.module)
	if filters.role:
		query = query.where(has_role.role == filters.role)
	if filters.staff_member:
		query = query.where(user.name == filters.staff_member)
	if not everyone and row_rule(TRAINING_RECORD) is not None:  # their own, for staff who may not read all
		query = query.where(user.name == frappe.session.user)
	return query.orderby(user.full_name).orderby(user.name).orderby(module.name)


@frappe.whitelist(methods=["GET", "POST"])
def training_complete_card(filters: str | dict | None = None) -> dict | str:
	"""The number card "Training Complete": the share of required training complete today, over the staff the
	reader may see (everyone for those who read all training records; else their own)."""
	frappe.has_permission(TRAINING_RECORD, "read", throw=True)
	rate = compliance()["complete"]
	if rate["percent"] is None:
		return "-"  # no training is required of anyone the reader may see
	return {
		"value": rate["percent"] or 0,
		"fieldtype": "Percent",
		"route": ["query-report", "Training Compliance"],
	}
