"""Doc events that keep files, assignments, shares, tags, follows and child rows of JLC records to their readers."""

import frappe
from frappe import _

from jlc_frappe.doc_changes import is_jlc_doctype
from jlc_frappe.permissions import ROW_RULES, may_read
from jlc_frappe.read_guards.common import refuse, trusted

PERSON = "JLC Person"  # the identity store (jlc_frappe/identity.py)


def check_attachment(doc, method=None) -> None:
	"""File validate: a file of a JLC record is private (so downloads follow the record), and whoever attaches
	it, by any path (upload_file checks nothing, attach_file asks for read), may write the record."""
	if doc.is_folder or not doc.attached_to_name or not is_jlc_doctype(doc.attached_to_doctype) or trusted():
		return
	doctype, name = doc.attached_to_doctype, doc.attached_to_name
	if not doc.is_private:
		frappe.throw(_("Files of a {0} hold its content: attach the file as private.").format(_(doctype)))
	moved = doc.has_value_changed("attached_to_doctype") or doc.has_value_changed("attached_to_name")
	if not (doc.is_new() or doc.flags.in_insert or moved):
		return
	if frappe.db.exists(doctype, name):
		allowed = frappe.has_permission(doctype, "write", doc=name)
	else:  # a form not saved yet: the file is relinked when it is
		allowed = frappe.has_permission(doctype, "create")
	if not allowed:
		refuse(_("You may not change {0} {1}, so you cannot attach files to it.").format(_(doctype), name))


# --- assignments, shares, tags, follows, child rows (doc events) -----------------------------------------------


def check_todo(doc, method=None) -> None:
	"""ToDo validate: a ToDo on a JLC record is made by someone who may read it, and an assignment (which lets a
	handler read it) by someone who may write it. Any desk user could make one and so assign themselves."""
	if trusted() or not _names_jlc_record(doc) or not _todo_changed(doc):
		return
	if doc.allocated_to:
		right, message = "write", _("You may not change {0} {1}, so you cannot assign it.")
	else:
		right, message = "read", _("You may not read {0} {1}, so you cannot make a ToDo about it.")
	if not may_read(doc.reference_type, doc.reference_name, ptype=right):
		refuse(message.format(_(doc.reference_type), doc.reference_name))


def check_assignee(doc, method=None) -> None:
	"""ToDo on_update: the person a JLC record is assigned to may read it (the assignment itself may be what lets
	them). Checked once the assignment is stored; a refusal rolls it back with the request."""
	if trusted() or not doc.allocated_to or not _names_jlc_record(doc) or not _todo_changed(doc):
		return
	if not may_read(doc.reference_type, doc.reference_name, doc.allocated_to):
		refuse(
			_("{0} may not read {1} {2}, so it cannot be assigned to them.").format(
				doc.allocated_to, _(doc.reference_type), doc.reference_name
			)
		)


def _names_jlc_record(doc) -> bool:
	return bool(doc.reference_name) and is_jlc_doctype(doc.reference_type)


def _todo_changed(doc) -> bool:
	return any(doc.has_value_changed(f) for f in ("reference_type", "reference_name", "allocated_to"))


def check_share(doc, method=None) -> None:
	"""DocShare validate: a JLC record is shared only with named people who may already read it, so a share
	never widens who reads it (Frappe lets a share grant what the row rule denies)."""
	rights = ("read", "write", "submit", "share")
	widened = doc.is_new() or any(doc.get(r) and doc.has_value_changed(r) for r in rights)
	if trusted() or not widened or not is_jlc_doctype(doc.share_doctype):
		return  # taking rights away is always allowed
	if doc.everyone or doc.share_doctype == PERSON:
		refuse(
			_("A {0} cannot be shared with everyone.").format(_(doc.share_doctype))
			if doc.everyone
			else _("A person's identity record is never shared: it is read through the records about them.")
		)
	if not may_read(doc.share_doctype, doc.share_name, doc.user):
		refuse(
			_("{0} may not read {1} {2}, so it cannot be shared with them.").format(
				doc.user, _(doc.share_doctype), doc.share_name
			)
		)


def blank_tag_title(doc, method=None) -> None:
	"""Tag Link validate: a tag on a JLC record carries no title (Frappe copied the record's title, a complaint's
	summary, into a doctype every user may list)."""
	if doc.document_type == PERSON and not trusted():
		refuse(_("A person's identity record is never tagged: tags are listed by every user."))
	if is_jlc_doctype(doc.document_type):
		doc.title = ""


def check_follow(doc, method=None) -> None:
	"""Document Follow validate: nobody follows a JLC record they may not read (its digest would show it)."""
	if not trusted() and not may_read(doc.ref_doctype, doc.ref_docname, doc.user):
		refuse(
			_("{0} may not read {1} {2}, so cannot follow it.").format(
				doc.user, _(doc.ref_doctype), doc.ref_docname
			)
		)


def refuse_child_row_write(doc, method=None) -> None:
	"""doc_events '*' validate and on_trash: rows of JLC child tables are written only by saving their parent
	(which runs its rules), never on their own (/api/resource/<child doctype>/<row> PUT, POST or DELETE)."""
	if trusted() or not doc.meta.istable or not is_jlc_doctype(doc.doctype):
		return
	refuse(_("Rows of {0} are changed by saving their {1}.").format(_(doc.doctype), _(doc.parenttype or "")))


def check_links(doc, method=None) -> None:
	"""doc_events '*' validate: a JLC record (or a row of it) links only records with row rules that its writer may
	read. Creating an Ombudsman referral for a complaint the writer may not read wrote that complaint's referral
	fields; putting such a complaint on a panel agenda let the panel read it."""
	if trusted() or doc.flags.ignore_permissions or not is_jlc_doctype(doc.doctype) or doc.meta.istable:
		return
	before = doc.get_doc_before_save()
	stored = {(d, v) for d, v in _row_ruled_links(before)} if before else set()
	for doctype, name in _row_ruled_links(doc) - stored:
		if frappe.db.exists(doctype, name) and not frappe.has_permission(doctype, "read", doc=name):
			refuse(_("You may not read {0} {1}, so you cannot link it here.").format(_(doctype), name))


def _row_ruled_links(doc) -> set[tuple[str, str]]:
	links = set()
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields():
			if (
				df.options in ROW_RULES and df.options != PERSON and row.get(df.fieldname)
			):  # people: identity.py
				links.add((df.options, str(row.get(df.fieldname))))
	return links
