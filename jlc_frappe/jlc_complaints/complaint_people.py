"""Senior Leaders told of serious complaints, and the handler kept as a real assignment (the complainant and
patient: jlc_frappe/identity.py)."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils.user import get_users_with_role

from jlc_frappe.jlc_complaints.complaint_lifecycle import TERMINAL_STATES
from jlc_frappe.permissions import CONTENT_EDITOR_ROLES, SENIOR_LEADER, has_role
from jlc_frappe.reminders.events import tell_of_serious_complaint


def senior_leaders_to_notify(doc) -> list[str]:
	"""Enabled Senior Leaders, except anyone named as staff involved in this complaint."""
	involved = {row.user for row in doc.staff_involved}
	leaders = sorted(get_users_with_role(SENIOR_LEADER))
	return [leader for leader in leaders if leader not in involved]


def notify_escalation(doc) -> None:
	leaders = doc.flags.pop("escalate_to", None)
	if leaders is None:
		return
	subject = _("Complaint {0} escalated: severity {1}").format(doc.name, _(doc.severity))
	doc.add_comment("Info", subject + (": " + ", ".join(leaders) if leaders else ""))
	if not leaders:
		frappe.msgprint(_("No enabled Senior Leader user to notify of this serious complaint."), alert=True)
		return
	# in the app and by email, with the summary, to those of them who may read it (jlc_frappe/reminders/events.py)
	tell_of_serious_complaint(doc, leaders)


# --- the handler is a real assignment (ToDo), kept in step with the handler field both ways ----------------------


def assign_handler(doc) -> None:
	"""Complaint on_update: a new handler is assigned the complaint and the previous handler's assignment removed;
	the assignment is closed when the complaint is closed or withdrawn, and opened again if it is reopened."""
	before = doc.get_doc_before_save()
	old, old_state = (before.handler, before.workflow_state) if before else (None, None)
	finished, was_finished = doc.workflow_state in TERMINAL_STATES, old_state in TERMINAL_STATES
	if finished and not was_finished:
		assign_to.close_all_assignments(doc.doctype, doc.name, ignore_permissions=True)
		return
	if doc.handler == old and not (was_finished and not finished):
		return
	if old and old != doc.handler:
		assign_to.remove(doc.doctype, doc.name, old, ignore_permissions=True)
	if doc.handler:
		assign_to.add(
			{
				"doctype": doc.doctype,
				"name": doc.name,
				"assign_to": [doc.handler],
				"description": _("Handle complaint {0}").format(doc.name),
			},
			ignore_permissions=True,
		)


def handler_follows_assignment(todo, method=None) -> None:
	"""ToDo on_update: assigning an unhandled complaint to someone makes them its handler; removing the
	handler's assignment leaves it without one."""
	if todo.reference_type != "Complaint" or not todo.reference_name:
		return
	handler = frappe.db.get_value("Complaint", todo.reference_name, "handler")
	if todo.status == "Open" and not handler and has_role(*CONTENT_EDITOR_ROLES, user=todo.allocated_to):
		name = frappe.utils.get_fullname(todo.allocated_to)
		frappe.db.set_value(
			"Complaint", todo.reference_name, {"handler": todo.allocated_to, "handler_name": name}
		)
	elif todo.status == "Cancelled" and handler == todo.allocated_to:
		frappe.db.set_value("Complaint", todo.reference_name, {"handler": None, "handler_name": None})
