# Copyright (c) 2026, JLC developers. License: MIT.
"""Anonymising records whose retention period has ended: what jlc_frappe.rules.retention.plan says, done to a
batch of records of one doctype with a few set-based statements.

- The record's table and its child tables: people's links and narratives cleared (required text replaced), the
  framework's copies of comments, assignments, likes and tags emptied, `anonymised_on` set; coded fields kept.
- Records that go with it (rules.retention.DEPENDENTS) are cleared the same way.
- Everything about the record (permissions.RECORDS_ABOUT: attachments, letters and emails with their attachments
  and queued copies, comments, ToDos, tags, shares, follows, versions, notifications, logs; the global search
  entry, and copies of such rows kept by Deleted Document) is removed.
- People (JLC Person) the records named and no other record names any more are removed, with their history.

Nothing here checks permission or commits: the retention job (retention.py) decides what is due and commits.
"""

from collections import Counter, defaultdict

import frappe
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Count
from frappe.utils import now_datetime, today

from jlc_frappe import permissions
from jlc_frappe.rules import retention as rules

# The framework's columns that keep copies of what is about a record: emptied with it.
FRAMEWORK_COPIES = ("_comments", "_assign", "_liked_by", "_user_tags", "_seen")
COUNTED_AS = {
	"File": "files",
	"Communication": "communications",
	"Comment": "comments",
	"Version": "versions",
}
# Rows about a record that the desk keeps besides RECORDS_ABOUT: (doctype, field naming the doctype, the record).
ALSO_ABOUT = (
	("View Log", "reference_doctype", "reference_name"),
	("Activity Log", "timeline_doctype", "timeline_name"),
)


def table_plans(doctype: str) -> dict[str, rules.Plan]:
	"""{table: plan} for `doctype` and its child tables."""
	meta = frappe.get_meta(doctype)
	plans = {doctype: rules.plan(doctype, _fields(meta))}
	for table in meta.get_table_fields():
		plans[table.options] = rules.plan(table.options, _fields(frappe.get_meta(table.options)))
	return plans


def _fields(meta) -> list[dict]:
	return [
		{k: df.get(k) for k in ("fieldname", "fieldtype", "options", "reqd", "is_virtual")}
		for df in meta.fields
	]


def anonymise(doctype: str, names: list[str]) -> dict[str, dict]:
	"""Anonymise the records `names` of `doctype`: {name: what was done} for the disposal log."""
	if not names:
		return {}
	done = {name: Counter() for name in names}
	people = _people(doctype, names)
	changed = _clear(doctype, names)
	related = defaultdict(list)
	for dependent, link in rules.DEPENDENTS.get(doctype, ()):
		table = frappe.qb.DocType(dependent)
		rows = frappe.qb.from_(table).select(table.name, table[link]).where(table[link].isin(names)).run()
		if not rows:
			continue
		owner = dict(rows)
		changed += [f"{dependent}.{f}" for f in _clear(dependent, list(owner))]
		for row, removed in _remove_about(dependent, list(owner)).items():
			done[owner[row]].update(removed)
		for row, record in owner.items():
			related[record].append(f"{dependent} {row}")
	for name, removed in _remove_about(doctype, names).items():
		done[name].update(removed)
	removed_people = _remove_people(set(p for found in people.values() for p in found))
	for name in names:
		done[name]["people"] = len(people.get(name, set()) & removed_people)
	return {name: {"fields": changed, "related": related.get(name, []), **done[name]} for name in names}


# --- the record's own tables -------------------------------------------------------------------------------------


def _clear(doctype: str, names: list[str]) -> list[str]:
	"""Clear the record's table and child tables as planned; the fields changed (child ones as Table.field)."""
	changed = []
	for table, plan in table_plans(doctype).items():
		t = frappe.qb.DocType(table)
		query = frappe.qb.update(t)
		for field in plan.people + plan.cleared:
			query = query.set(t[field], None)
		for field in plan.replaced:
			query = query.set(t[field], rules.PLACEHOLDER)
		if table == doctype:
			for column in FRAMEWORK_COPIES:
				if frappe.db.has_column(table, column):
					query = query.set(t[column], None)
			if frappe.db.has_column(table, rules.ANONYMISED_ON):
				query = query.set(t[rules.ANONYMISED_ON], today())
			query.set(t.modified, now_datetime()).where(t.name.isin(names)).run()
			changed += plan.changed()
		elif plan.changed():
			query.where((t.parenttype == doctype) & t.parent.isin(names)).run()
			changed += [f"{table}.{f}" for f in plan.changed()]
	return changed


def _people(doctype: str, names: list[str]) -> dict[str, set[str]]:
	"""{record: people it names} before they are cleared."""
	links = permissions.PERSON_LINKS.get(doctype, ())
	if not links:
		return {}
	t = frappe.qb.DocType(doctype)
	rows = frappe.qb.from_(t).select(t.name, *(t[link] for link in links)).where(t.name.isin(names)).run()
	return {row[0]: {p for p in row[1:] if p} for row in rows}


def _remove_people(candidates: set[str]) -> set[str]:
	"""Remove those of `candidates` no record names any more (a person on a record still kept stays)."""
	if not candidates:
		return set()
	kept = set()
	for doctype, links in permissions.PERSON_LINKS.items():
		t = frappe.qb.DocType(doctype)
		for link in links:
			kept |= set(
				frappe.qb.from_(t).select(t[link]).where(t[link].isin(list(candidates))).run(pluck=True)
			)
	removed = candidates - kept
	if removed:
		_remove_about(rules.PERSON, list(removed))
		frappe.db.delete(rules.PERSON, {"name": ("in", list(removed))})
	return removed


# --- rows about the record -------------------------------------------------------------------------------------


def _remove_about(doctype: str, names: list[str]) -> dict[str, Counter]:
	"""Remove every row about the records `names` of `doctype`: {name: Counter of what was removed}."""
	removed = defaultdict(Counter)
	letters = _communications(doctype, names)
	_remove_files(doctype, names, letters, removed)  # first: removing a file comments on its record
	_remove_communications(doctype, names, letters, removed)
	for table, (type_field, name_field) in permissions.RECORDS_ABOUT.items():
		if table not in ("File", "Communication"):
			_remove_rows(table, type_field, name_field, doctype, names, removed)
	for table, type_field, name_field in ALSO_ABOUT:
		_remove_rows(table, type_field, name_field, doctype, names, removed)
	frappe.db.delete("__global_search", {"doctype": doctype, "name": ("in", names)})
	_remove_deleted_copies(names + list(letters))
	return removed


def _remove_rows(
	table: str, type_field: str, name_field: str, doctype: str, names: list[str], removed
) -> None:
	"""Delete the rows of `table` about the records, counted per record (COUNTED_AS, else "other")."""
	if not frappe.db.table_exists(table):
		return
	t = frappe.qb.DocType(table)
	about = (t[type_field] == doctype) & t[name_field].isin(names)
	counts = frappe.qb.from_(t).select(t[name_field], Count("*")).where(about).groupby(t[name_field]).run()
	for name, count in counts:
		removed[name][COUNTED_AS.get(table, "other")] += count
	if counts:
		frappe.qb.from_(t).delete().where(about).run()


def _communications(doctype: str, names: list[str]) -> dict[str, str]:
	"""{communication: record} of the letters and emails about the records."""
	c = frappe.qb.DocType("Communication")
	rows = (
		frappe.qb.from_(c)
		.select(c.name, c.reference_name)
		.where((c.reference_doctype == doctype) & c.reference_name.isin(names))
		.run()
	)
	return dict(rows)


def _remove_files(doctype: str, names: list[str], letters: dict[str, str], removed) -> None:
	"""Attachments of the records and of their letters and emails, through File (which deletes them on disk)."""
	f = frappe.qb.DocType("File")
	ways = [(f.attached_to_doctype == doctype) & f.attached_to_name.isin(names)]
	if letters:
		ways.append((f.attached_to_doctype == "Communication") & f.attached_to_name.isin(list(letters)))
	rows = (
		frappe.qb.from_(f)
		.select(f.name, f.attached_to_doctype, f.attached_to_name)
		.where(Criterion.any(ways) & (f.is_folder == 0))
		.run()
	)
	for file, attached_doctype, attached_name in rows:
		record = attached_name if attached_doctype == doctype else letters[attached_name]
		frappe.delete_doc("File", file, ignore_permissions=True, delete_permanently=True, force=True)
		removed[record]["files"] += 1


def _remove_communications(doctype: str, names: list[str], letters: dict[str, str], removed) -> None:
	"""Letters and emails about the records, their timeline links, comments and queued copies; and the timeline
	links of other emails to the records."""
	link = frappe.qb.DocType("Communication Link")
	frappe.qb.from_(link).delete().where(
		(link.link_doctype == doctype) & link.link_name.isin(names) & link.parent.notin(list(letters) or [""])
	).run()
	if not letters:
		return
	comms = list(letters)
	for record in letters.values():
		removed[record]["communications"] += 1
	queue = frappe.qb.DocType("Email Queue")
	queued = (
		frappe.qb.from_(queue)
		.select(queue.name)
		.where(
			queue.communication.isin(comms)
			| ((queue.reference_doctype == doctype) & queue.reference_name.isin(names))
		)
		.run(pluck=True)
	)
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
		frappe.db.delete("Email Queue", {"name": ("in", queued)})
	frappe.db.delete("Comment", {"reference_doctype": "Communication", "reference_name": ("in", comms)})
	frappe.db.delete("Communication Link", {"parent": ("in", comms)})
	frappe.db.delete("Communication", {"name": ("in", comms)})


def _remove_deleted_copies(names: list[str]) -> None:
	"""Copies that Deleted Document kept of rows about the records (a comment or an email deleted earlier)."""
	if not names:
		return
	d = frappe.qb.DocType("Deleted Document")
	kinds = list(permissions.RECORDS_ABOUT)
	mentions = [d.data.like(f'%"{_like(name)}"%') for name in names]
	frappe.qb.from_(d).delete().where(d.deleted_doctype.isin(kinds) & Criterion.any(mentions)).run()


def _like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
