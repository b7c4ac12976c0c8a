"""Process-wide guards on Frappe's permission, list, download and follow code (before_request, before_job,
before_tests), put in place once per process."""

import functools

import frappe
import frappe.permissions
from frappe import _

from jlc_frappe.doc_changes import is_jlc_doctype
from jlc_frappe.permissions import RECORDS_ABOUT, about_condition, may_read, row_rule, sql_quote
from jlc_frappe.read_guards.common import refuse


def install() -> None:
	"""Put the guards below in place, once per process."""
	_guard_document_permission()
	_guard_list_queries()
	_guard_downloads()
	_guard_follow_digest()


def _guard_document_permission() -> None:
	"""A JLC row rule wins over a share; a JLC child row is read and written only with its parent document.

	Frappe grants a document shared with the user even when the app's has_permission hook denied it (so a share,
	or the one assign_to makes, let a staff member named in a complaint read it), and checks a child row loaded by
	name (/api/resource/<child>/<row>) against its parent doctype only, not its parent document."""
	original = frappe.permissions.has_permission
	if getattr(original, "_jlc_guarded", False):
		return

	@functools.wraps(original)
	def has_permission(*args, **kwargs):
		allowed = original(*args, **kwargs)
		if not allowed:
			return allowed
		doctype, ptype, doc, user = _permission_args(*args, **kwargs)
		if doc is None or user == "Administrator" or not is_jlc_doctype(doctype):
			return allowed
		return _document_allows(doctype, ptype, doc, user)

	has_permission._jlc_guarded = True
	frappe.permissions.has_permission = has_permission


def _permission_args(*args, **kwargs):
	"""doctype, ptype, doc and user of a frappe.permissions.has_permission call."""
	values = dict(zip(("doctype", "ptype", "doc", "user"), args, strict=False)) | kwargs
	doctype, doc = values.get("doctype"), values.get("doc")
	if doc is None and hasattr(doctype, "doctype"):
		doctype, doc = doctype.doctype, doctype
	return doctype, values.get("ptype") or "read", doc, values.get("user") or frappe.session.user


def _document_allows(doctype: str, ptype: str, doc, user: str) -> bool:
	if frappe.is_table(doctype):
		row = doc
		if isinstance(doc, str | int):
			row = frappe.db.get_value(doctype, doc, ["parenttype", "parent"], as_dict=True)
		if not row or getattr(row, "parent_doc", None) or not row.get("parent"):
			return True  # loaded with its parent, which Frappe checked, or not stored yet
		if not frappe.db.exists(row.get("parenttype"), row.get("parent")):
			return True
		parent = frappe.permissions.has_permission
		return bool(parent(row.parenttype, ptype, doc=row.parent, user=user, raise_exception=False))
	if not frappe.get_hooks("has_permission").get(doctype):
		return True
	if isinstance(doc, str | int):
		doc = frappe.get_doc(doctype, doc)
	return bool(frappe.permissions.has_controller_permissions(doc, ptype, user=user))


def _guard_list_queries() -> None:
	"""DatabaseQuery: link-field joins (fields=["complaint.summary"]) only onto doctypes the caller reads without
	a row rule (Frappe checks the doctype, not its rows). ANDed outside Frappe's own conditions (whose ORs let public
	files and shared documents through): rows about JLC records (files, comments, ToDos, tags...) only for readers
	of the record; documents shared with the caller still meet the JLC row rule; rows of a JLC child table without
	a rule of its own meet their parent's."""
	from frappe.model.db_query import DatabaseQuery

	if getattr(DatabaseQuery, "_jlc_read_guards", False):
		return
	join_link, match = DatabaseQuery.append_link_table, DatabaseQuery.build_match_conditions

	def append_link_table(self, doctype, fieldname):
		if not self.flags.ignore_permissions and row_rule(doctype, self.user) is not None:
			refuse(_("You may not read every {0}, so you cannot list it through a link.").format(_(doctype)))
		return join_link(self, doctype, fieldname)

	def build_match_conditions(self, as_condition=True):
		conditions = match(self, as_condition)
		if not as_condition or self.flags.ignore_permissions:
			return conditions
		if self.doctype in RECORDS_ABOUT:
			extra = about_condition(self.doctype, self.user)
		elif self.shared:
			extra = row_rule(self.doctype, self.user)
		else:
			extra = _parent_rule(self.doctype, getattr(self, "parent_doctype", None), self.user)
		if not extra:
			return conditions
		return f"({conditions}) and {extra}" if conditions else extra

	DatabaseQuery.append_link_table = append_link_table
	DatabaseQuery.build_match_conditions = build_match_conditions
	DatabaseQuery._jlc_read_guards = True


def _parent_rule(doctype: str, parent: str | None, user: str) -> str | None:
	"""Rows of a JLC child table without a list rule of its own (no permission_query_conditions hook) follow
	their parent's rule."""
	if not parent or not frappe.is_table(doctype) or not is_jlc_doctype(doctype):
		return None
	if frappe.get_hooks("permission_query_conditions").get(doctype):
		return None
	rule = row_rule(parent, user)
	if rule is None:
		return None
	table = f"`tab{doctype}`"
	return (
		f"({table}.`parenttype`={sql_quote(parent)} and {table}.`parent` in"
		f" (select `name` from `tab{parent}` where {rule}))"
	)


def _guard_downloads() -> None:
	"""/private/files and download_file ask File.is_downloadable, which runs Frappe's File rule only: here the
	app's File hooks (the record's row rule, the identity rule on attachments) must agree too."""
	from frappe.core.doctype.file.file import File

	original = File.is_downloadable
	if getattr(original, "_jlc_guarded", False):
		return

	def is_downloadable(self):
		return original(self) and frappe.permissions.has_controller_permissions(self, "read")

	is_downloadable._jlc_guarded = True
	File.is_downloadable = is_downloadable


def _guard_follow_digest() -> None:
	"""Document follow digests were built without permission checks: they leave out JLC records the follower may
	not read (now, whatever they could read when they followed)."""
	from frappe.desk.form import document_follow

	original = document_follow.get_document_followed_by_user
	if getattr(original, "_jlc_guarded", False):
		return

	def get_document_followed_by_user(user):
		return [f for f in original(user) if may_read(f.ref_doctype, f.ref_docname, user)]

	get_document_followed_by_user._jlc_guarded = True
	document_follow.get_document_followed_by_user = get_document_followed_by_user
