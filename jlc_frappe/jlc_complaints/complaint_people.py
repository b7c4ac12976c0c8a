"""Senior Leaders told of serious complaints (the complainant and patient: jlc_frappe/identity.py)."""

import frappe
from frappe import _
from frappe.utils.user import get_users_with_role

from jlc_frappe.permissions import SENIOR_LEADER


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
	frappe.enqueue(
		"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
		doc={
			"subject": subject,
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"from_user": frappe.session.user,
		},
		users=leaders,
		now=frappe.flags.in_test,
		enqueue_after_commit=True,
	)
