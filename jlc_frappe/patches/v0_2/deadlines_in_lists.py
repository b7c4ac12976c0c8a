"""Lists colour rows by deadline status and sort by the next deadline: the workflows stop overriding the list's
status, and existing records get their next deadline, working days left and the names shown in lists."""

import frappe

from jlc_frappe.deadline_status import TRACKED, refresh_statuses
from jlc_frappe.install import set_list_columns

NAME_FIELDS = {
	"Complaint": ("handler", "handler_name"),
	"Learning Action": ("action_owner", "action_owner_name"),
}


def execute():
	for doctype in TRACKED:
		frappe.db.set_value("Workflow", {"document_type": doctype}, "override_status", 1)
		refresh_statuses(doctype)
	set_list_columns()
	for doctype, (user_field, name_field) in NAME_FIELDS.items():
		table, user = frappe.qb.DocType(doctype), frappe.qb.DocType("User")
		(
			frappe.qb.update(table)
			.join(user)
			.on(user.name == table[user_field])
			.set(table[name_field], user.full_name)
		).run()
