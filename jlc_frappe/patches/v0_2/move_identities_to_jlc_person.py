"""Move people's identities and confidential facts out of the tables other roles may query (issue: data protection).

Before: patient and complainant details were columns of Complaint, Patient Safety Incident, Claim and Candour
Notification (permlevel 1), complainants had their own doctype, and claim finances, panel confidential items and
staff feedback were permlevel columns. After: identities live in JLC Person (linked), the facts in their own
doctypes, the old columns are dropped and version history no longer carries the moved values.
"""

import json

import frappe

from jlc_frappe.identity import PEOPLE, PERSON

OLD_COMPLAINANT = "Complainant"
# doctype: (new doctype, link field on it, {old column: new field})
MOVED_FACTS = {
	"Claim": (
		"Claim Finance",
		"claim",
		{f: f for f in ("damages_reserve", "damages_paid", "claimant_costs_paid", "defence_costs_paid")},
	),
	"Complaints Panel Meeting": (
		"Panel Meeting Confidential Items",
		"meeting",
		{"confidential_items": "confidential_items"},
	),
	"Staff Support Record": ("Staff Support Feedback", "support_record", {"staff_feedback": "feedback"}),
}
COPIED_CONTENT = {"Panel Meeting Case": ("summary",), "Ombudsman Referral": ("complaint_summary",)}


def execute():
	complainants = _move_complainants()
	for doctype, groups in PEOPLE.items():
		_move_people(doctype, groups, complainants)
	for doctype, (target, link, columns) in MOVED_FACTS.items():
		_move_facts(doctype, target, link, columns)
	for doctype, columns in COPIED_CONTENT.items():
		_drop(doctype, columns)
	_drop_old_complainant()
	_blank_tag_titles()


def _columns(doctype: str) -> set[str]:
	return set(frappe.db.get_table_columns(doctype)) if frappe.db.table_exists(doctype) else set()


def _move_complainants() -> dict[str, str]:
	"""{old Complainant name: JLC Person name}; their versions follow them."""
	moved = {}
	if not frappe.db.table_exists(OLD_COMPLAINANT):
		return moved
	fields = (
		"full_name",
		"email",
		"phone",
		"address",
		"unreasonably_persistent",
		"persistent_policy_reason",
		"persistent_policy_review_on",
	)
	for row in frappe.db.sql(f"select name, {', '.join(fields)} from `tabComplainant`", as_dict=True):
		person = frappe.get_doc({"doctype": PERSON, **{f: row[f] for f in fields}})
		person.flags.ignore_validate = True  # old data is moved as it is
		moved[row.name] = person.insert(ignore_permissions=True).name
	for old, new in moved.items():
		frappe.db.sql(
			"update `tabVersion` set ref_doctype=%s, docname=%s where ref_doctype=%s and docname=%s",
			(PERSON, new, OLD_COMPLAINANT, old),
		)
	return moved


def _move_people(doctype: str, groups: dict, complainants: dict) -> None:
	columns = _columns(doctype)
	old = {f: p for fields in groups.values() for f, p in fields.items() if f in columns}
	if not old:
		return
	for row in frappe.db.sql(f"select * from `tab{doctype}`", as_dict=True):
		links = {}
		for link, fields in groups.items():
			if link == "complainant" and row.get(link) in complainants:
				links[link] = complainants[row[link]]
				continue
			values = {p: row.get(f) for f, p in fields.items() if f in columns and row.get(f)}
			if values.get("full_name"):
				links[link] = _person(values)
		if links:
			frappe.db.set_value(doctype, row.name, links, update_modified=False)
	_scrub_versions(doctype, set(old))
	_drop(doctype, old)


def _person(values: dict) -> str:
	number = values.get("nhs_number")
	existing = frappe.db.get_value(PERSON, {"nhs_number": number}) if number else None
	if existing:
		return existing
	person = frappe.get_doc({"doctype": PERSON, **values})
	person.flags.ignore_validate = True
	return person.insert(ignore_permissions=True).name


def _move_facts(doctype: str, target: str, link: str, columns: dict) -> None:
	present = [c for c in columns if c in _columns(doctype)]
	if not present:
		return
	for row in frappe.db.sql(f"select name, owner, {', '.join(present)} from `tab{doctype}`", as_dict=True):
		values = {columns[c]: row[c] for c in present if row[c]}
		if values and not frappe.db.exists(target, row.name):
			doc = frappe.get_doc({"doctype": target, link: row.name, **values})
			doc.flags.ignore_validate = True
			doc.insert(ignore_permissions=True)
			if doctype == "Staff Support Record":  # the feedback is the staff member's own
				member = frappe.db.get_value(doctype, row.name, "staff_member")
				frappe.db.set_value(
					target, doc.name, {"staff_member": member, "owner": member}, update_modified=False
				)
	_scrub_versions(doctype, set(present))
	_drop(doctype, present)


def _scrub_versions(doctype: str, fields: set[str]) -> None:
	"""Old versions of the record carried the moved values: keep the versions, without them."""
	for name, data in frappe.db.sql("select name, data from `tabVersion` where ref_doctype=%s", doctype):
		changes = json.loads(data or "{}")
		kept = [c for c in changes.get("changed", []) if c[0] not in fields]
		if len(kept) != len(changes.get("changed", [])):
			changes["changed"] = kept
			frappe.db.sql("update `tabVersion` set data=%s where name=%s", (json.dumps(changes), name))


def _drop(doctype: str, columns) -> None:
	present = [c for c in columns if c in _columns(doctype)]
	if present:
		frappe.db.sql_ddl(f"alter table `tab{doctype}` " + ", ".join(f"drop column `{c}`" for c in present))
		frappe.cache.hdel("table_columns", f"tab{doctype}")


def _drop_old_complainant() -> None:
	if frappe.db.exists("DocType", OLD_COMPLAINANT):
		frappe.delete_doc("DocType", OLD_COMPLAINANT, force=True, ignore_permissions=True)
	frappe.db.sql_ddl("drop table if exists `tabComplainant`")


def _blank_tag_titles() -> None:
	"""Tag Links copied a record's title (a complaint's summary) where every user may list it."""
	modules = frappe.get_module_list("jlc_frappe")
	doctypes = frappe.get_all("DocType", {"module": ("in", modules)}, pluck="name")
	if doctypes:
		frappe.db.set_value(
			"Tag Link", {"document_type": ("in", doctypes)}, "title", "", update_modified=False
		)
