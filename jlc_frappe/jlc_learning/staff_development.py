"""What staff training records and objectives share: who keeps them, and the Employee they belong to.

A member of staff keeps their own records (the row rules in permissions.py let them read only those); their
reviewer keeps the objectives they review; Complaints Managers and System Managers keep anyone's. ERPNext is
optional: where it is installed, a record names the person's Employee (install.ERPNEXT_FIELDS) and the
Training Compliance report takes their department from it.
"""

import frappe
from frappe import _

from jlc_frappe.permissions import COMPLAINTS_MANAGER, SYSTEM_MANAGER, has_role

KEEPERS = (COMPLAINTS_MANAGER, SYSTEM_MANAGER)


def check_keeper(doc, reviewer_field: str | None = None) -> None:
	"""Refuse to save `doc` for someone else: only the staff member it is about, the reviewer already named on it
	(for a record about the same person) or a keeper may."""
	if doc.flags.ignore_permissions or has_role(*KEEPERS):
		return
	user, before = frappe.session.user, doc.get_doc_before_save()
	if doc.staff_member == user and (before is None or before.staff_member == user):
		return
	reviewer = before.get(reviewer_field) if before and reviewer_field else None
	if before and before.staff_member == doc.staff_member and reviewer == user:
		return
	frappe.throw(
		_("You can keep only your own {0}: a Complaints Manager records them for others.").format(
			_(doc.doctype)
		),
		frappe.PermissionError,
	)


def set_employee(doc) -> None:
	"""The staff member's Employee, where ERPNext adds the field and the person has one."""
	if doc.meta.has_field("employee") and not doc.get("employee") and employee_table_exists():
		doc.employee = frappe.db.get_value("Employee", {"user_id": doc.staff_member}, "name")


def employee_table_exists() -> bool:
	"""Whether ERPNext's (or HRMS's) Employee is on this site, with its link to the user."""
	if not frappe.db.exists("DocType", "Employee"):
		return False
	return frappe.get_meta("Employee").has_field("user_id")
