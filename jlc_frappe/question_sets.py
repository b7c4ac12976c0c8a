"""Question sets are versioned data: once answers point at a version, its questions never change; a change is
saved as the next version, and the answers given stay readable against the questions they answered.

One mechanism for every question set of the app (the fair treatment tools, the experience surveys): a set is
named "{set_name} v{version}", `ANSWERED_BY` says which records answer it, and each controller says what its
questions are (`content`), so that a change of wording, not of its description or active flag, needs a version.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Max

# question set doctype: (doctype of the records that answer it, their link to the set)
ANSWERED_BY = {
	"Fair Treatment Question Set": ("Fair Treatment Review", "question_set"),
	"Experience Question Set": ("Experience Response", "question_set"),
}


def is_answered(doctype: str, name: str) -> bool:
	"""Whether any record answers this version (whoever may read them: this only says whether)."""
	answers, link = ANSWERED_BY[doctype]
	return bool(frappe.db.exists(answers, {link: name}))


def refuse_change_once_answered(doc, content) -> None:
	"""validate: `content(doc)` (the questions, comparable) may change only while no answers point at `doc`."""
	if doc.is_new() or not is_answered(doc.doctype, doc.name):
		return
	before = doc.get_doc_before_save()
	if before and content(before) != content(doc):
		frappe.throw(
			_(
				"Answers were given to this version, so its questions stay as they were answered: "
				"use 'Save as new version' to save the changed questions as version {0}."
			).format(next_version(doc.doctype, doc.set_name)),
			title=_("Answered version"),
		)


def next_version(doctype: str, set_name: str) -> int:
	table = frappe.qb.DocType(doctype)
	latest = frappe.qb.from_(table).select(Max(table.version)).where(table.set_name == set_name).run()
	return int(latest[0][0] or 0) + 1


@frappe.whitelist(methods=["POST"])
def save_as_new_version(doctype: str, doc: dict | str) -> str:
	"""Save the edited set `doc` (the form's values) as the next version of its set, active in place of the
	versions before it, which keep their questions for the answers given to them. Returns the new name."""
	if doctype not in ANSWERED_BY:
		frappe.throw(_("{0} is not a versioned question set.").format(doctype))
	frappe.has_permission(doctype, "create", throw=True)
	values = frappe.parse_json(doc)
	source = frappe.get_doc(doctype, values.get("name"))
	source.check_permission("write")
	edited = frappe.get_doc({**values, "doctype": doctype})
	new = frappe.copy_doc(edited)
	new.set_name = source.set_name
	new.version = next_version(doctype, source.set_name)
	new.active = 1
	new.insert()
	table = frappe.qb.DocType(doctype)
	(
		frappe.qb.update(table)
		.set(table.active, 0)
		.where((table.set_name == source.set_name) & (table.name != new.name))
	).run()
	return new.name
