"""Who may see which JLC records.

Each doctype with row rules has one SQL condition per user. The list hook (`permission_query_conditions`)
returns it; the document hook (`has_permission`) asks the database whether the document meets the same
condition; reports add it to their queries with `apply_complaint_rules`. One rule, three uses.
"""

import json

import frappe
from pypika.terms import LiteralValue

COMPLAINTS_MANAGER = "Complaints Manager"
COMPLAINTS_HANDLER = "Complaints Handler"
RESPONSIBLE_PERSON = "Responsible Person"
SENIOR_LEADER = "Senior Leader"
JLC_STAFF = "JLC Staff"
SYSTEM_MANAGER = "System Manager"

# Roles that read every complaint, except those naming them as staff involved.
_READ_ALL_ROLES = {RESPONSIBLE_PERSON, SENIOR_LEADER, SYSTEM_MANAGER}
# Roles that may change a complaint's content (others only move it through their workflow actions).
CONTENT_EDITOR_ROLES = {COMPLAINTS_MANAGER, COMPLAINTS_HANDLER}


def _roles(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def _like_literal(text: str) -> str:
	"""Escape LIKE wildcards so a user id matches only itself."""
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def complaint_condition(user: str | None = None) -> str | None:
	"""The WHERE fragment limiting the complaints `user` may read; None when unrestricted."""
	user = user or frappe.session.user
	roles = _roles(user)
	if user == "Administrator" or COMPLAINTS_MANAGER in roles:
		return None
	table, who = "`tabComplaint`", frappe.db.escape(user, percent=False)
	if roles & _READ_ALL_ROLES:
		grants = ["1=1"]
	else:
		grants = [
			f"{table}.`name` in (select `share_name` from `tabDocShare` where `share_doctype`='Complaint'"
			f" and `read`=1 and (`user`={who} or `everyone`=1))"
		]
		if COMPLAINTS_HANDLER in roles:
			assigned = frappe.db.escape("%" + _like_literal(json.dumps(user)) + "%", percent=False)
			grants += [f"{table}.`handler`={who}", f"{table}.`_assign` like {assigned}"]
		if JLC_STAFF in roles:
			grants.append(f"{table}.`owner`={who}")
	not_involved = (
		f"{table}.`name` not in (select `parent` from `tabComplaint Staff Involved`"
		f" where `parenttype`='Complaint' and `user`={who})"
	)
	return f"(({' or '.join(grants)}) and {not_involved})"


def complaint_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for Complaint."""
	return complaint_condition(user) or ""


def complaint_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for Complaint's child tables, which can be listed on their own."""
	condition = complaint_condition(user)
	if condition is None:
		return ""
	return (
		f"`tab{doctype}`.`parenttype`='Complaint' and `tab{doctype}`.`parent` in"
		f" (select `tabComplaint`.`name` from `tabComplaint` where {condition})"
	)


def has_complaint_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission hook for Complaint: the same condition, asked of the stored document."""
	condition = complaint_condition(user)
	if condition is None or doc.get("__islocal") or not doc.get("name"):
		return True
	return bool(apply_complaint_rules(_complaint_by_name(doc.name), user).run())


def _complaint_by_name(name: str):
	complaint = frappe.qb.DocType("Complaint")
	return frappe.qb.from_(complaint).select(complaint.name).where(complaint.name == name)


def apply_complaint_rules(query, user: str | None = None):
	"""Add the row rule to a frappe.qb query that selects from `tabComplaint` (reports, APIs)."""
	condition = complaint_condition(user)
	# frappe.qb sends parameterised SQL, so a literal % (LIKE patterns) is written %% here
	return query if condition is None else query.where(LiteralValue(condition.replace("%", "%%")))


def can_edit_complaint_content(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(_roles(user) & CONTENT_EDITOR_ROLES)
