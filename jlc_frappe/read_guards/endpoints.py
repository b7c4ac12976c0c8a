"""Overrides of Frappe endpoints that answered before checking permission (override_whitelisted_methods)."""

import frappe
from frappe import _

from jlc_frappe.permissions import sql_quote


@frappe.whitelist()
def get(doctype: str, name: str | None = None, filters=None, parent: str | None = None):
	"""frappe.client.get: it loaded the first match of `filters` before checking permission (not found for no
	match, forbidden for a match the caller may not read). Here the match is sought among the records the caller
	may read, so a non-reader gets the same answer whether or not one exists."""
	import frappe.client

	if not frappe.is_table(doctype):
		frappe.has_permission(doctype, "read", throw=True)
	if not name and filters not in (None, "") and not frappe.get_meta(doctype).issingle:
		filters = frappe.parse_json(filters)
		if isinstance(filters, str):
			name = filters
		else:
			found = frappe.get_list(doctype, filters=filters, pluck="name", limit=1, parent_doctype=parent)
			if not found:
				raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
			name = found[0]
	return frappe.client.get(doctype, name=name, parent=parent)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count: it counted every row, with no permission check. Here the caller needs read on the
	doctype, and only the rows they may read are counted."""
	from frappe.utils import get_safe_filters

	filters = get_safe_filters(filters)
	if isinstance(filters, str | int | float):
		filters = {"name": filters}
	return frappe.get_list(doctype, filters=filters, fields=["count(*) as count"], as_list=True)[0][0]


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""frappe.desk.listview.get_group_by_count: its assignee count matched `current_filters` against every record,
	with no permission check (an oracle). Here it counts assignments of the records the caller may list."""
	from frappe.desk import listview

	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	listed = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), fields=["name"], run=0)
	return frappe.db.sql(
		f"""select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo` join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled' and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = {sql_quote(doctype)} and `tabToDo`.`reference_name` in ({listed})
		group by `tabToDo`.`allocated_to` order by count desc limit 50""",
		as_dict=True,
	)
