"""Frappe's generic read paths, closed once for the whole site (issue 7, part 2).

One mechanism per hole, wired by the block at the end of hooks.py:

- check_request (auth_hooks): what callers send to the list, count, stats, sidebar, group-by, next/previous,
  calendar, link-search, print and run-method endpoints. Frappe runs auth_hooks for every request once the caller
  is known (in before_request an API-token caller is still Guest), before the endpoint runs.
- get, get_count, get_group_by_count (override_whitelisted_methods): permission before existence.
- install() (before_request, before_job, before_tests), once per process: row rules win over shares, JLC child
  rows follow their parent document, link-field joins, lists of rows about JLC records (files, comments, ToDos,
  tags, shares, follows, versions), file downloads, follow digests.
- record_permission (has_permission on those doctypes): a row about a JLC record is read only by its readers.
- doc events on ToDo, DocShare, Tag Link, Document Follow, File and the rows of JLC child tables.

Row rules come from jlc_frappe.permissions; a JLC doctype is any doctype of the app's modules.
"""

import functools
import json
import re

import frappe
import frappe.permissions
from frappe import _
from frappe.model import child_table_fields, default_fields, optional_fields, table_fields

from jlc_frappe.doc_changes import is_jlc_doctype
from jlc_frappe.permissions import (
	CHILD_TABLES,
	NO_ROWS,
	PATIENT_DATA_DOCTYPES,
	ROW_RULES,
	_stored_rows_meeting,
	condition,
	identity_condition,
	sql_quote,
	unreadable_fields,
)

STANDARD_FIELDS = {*default_fields, *optional_fields, *child_table_fields}
LIST_ENDPOINTS = {
	"frappe.client.get_list",
	"frappe.client.get_value",
	"frappe.client.get_count",
	"frappe.client.get",
	"frappe.desk.reportview.get",
	"frappe.desk.reportview.get_list",
	"frappe.desk.reportview.get_count",
	"frappe.desk.reportview.export_query",
	"frappe.desk.reportview.get_stats",
	"frappe.desk.reportview.get_sidebar_stats",
	"frappe.desk.reportview.get_filter_dashboard_data",
	"frappe.desk.listview.get_group_by_count",
	"frappe.desk.form.utils.get_next",
	"frappe.desk.calendar.get_events",
	"frappe.desk.search.search_widget",
	"frappe.desk.search.search_link",
	"frappe.desk.doctype.number_card.number_card.get_result",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
}
# where a filter may be a record's name rather than conditions
NAME_FILTER_ENDPOINTS = {"frappe.client.get_value", "frappe.client.get_count", "frappe.client.get"}
PRINT_ENDPOINTS = {
	"frappe.www.printview.get_html_and_style",
	"frappe.www.printview.get_rendered_raw_commands",
	"frappe.utils.print_format.download_pdf",
	"frappe.utils.print_format.print_by_server",
}
RUN_ENDPOINT = "frappe.handler.run_doc_method"
# other names of the same endpoints: Frappe's short names, and this module's overrides called directly
ALIASES = {
	"run_doc_method": RUN_ENDPOINT,
	"runserverobj": RUN_ENDPOINT,
	"frappe.handler.runserverobj": RUN_ENDPOINT,
	"frappe.client.run_doc_method": RUN_ENDPOINT,
	"jlc_frappe.read_guards.get": "frappe.client.get",
	"jlc_frappe.read_guards.get_count": "frappe.client.get_count",
	"jlc_frappe.read_guards.get_group_by_count": "frappe.desk.listview.get_group_by_count",
}

_FIELDNAME = re.compile(r"\w+")
_COLUMN = re.compile(r"(?:`?(?P<table>[\w ]+?)`?\.)?`?(?P<field>\w+)`?")
_AGGREGATE = re.compile(
	r"(?P<function>count|sum|avg|min|max)\(\s*(?:distinct\s+)?(?P<column>[^()]+?)\s*\)", re.I
)
_ALIASED = re.compile(r"(?P<expression>.+?)\s+as\s+(?P<alias>`\w+`|'\w+'|\"\w+\"|\w+)", re.I)
_ORDERED = re.compile(r"(?P<column>.+?)(?:\s+(?:asc|desc))?", re.I)


def _refuse(message: str):
	frappe.throw(message, frappe.PermissionError)


def _row_rule(doctype: str, user: str | None = None) -> str | None:
	"""The JLC row rule limiting `user` on `doctype`; None when they read every row (or it has no rule)."""
	if doctype in ROW_RULES or doctype in CHILD_TABLES:
		return condition(doctype, user or frappe.session.user)
	return None


def _trusted() -> bool:
	return bool(frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch)


def _parse(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


# --- request parameters (auth_hooks) ---------------------------------------------------------------------------


def check_request() -> None:
	"""auth_hooks: refuse what a caller may not send, before the endpoint runs; Administrator is not checked.

	Closes: raw SQL strings as filters (a subquery over any table) on every list-like endpoint and doctype;
	SQL expressions, hidden fields and rule-bypassing joins in the fields, ordering, grouping, calendar field
	maps and stats of JLC lists; link search on JLC doctypes ignoring permissions; printing a crafted document of
	a JLC doctype; running methods of a crafted JLC document the caller may not create, or that points at
	records they may not read."""
	if not getattr(frappe.local, "request", None) or frappe.session.user == "Administrator":
		return
	endpoint, path_doctype = _request_target()
	endpoint = ALIASES.get(endpoint, endpoint)
	params = frappe.form_dict
	if endpoint in LIST_ENDPOINTS:
		_check_list(endpoint, params, path_doctype or params.get("doctype"))
	elif endpoint in PRINT_ENDPOINTS:
		_check_print(params)
	elif endpoint == RUN_ENDPOINT:
		_check_run(params)


def _request_target() -> tuple[str | None, str | None]:
	"""(endpoint, doctype named in the path): a whitelisted method, or the list endpoint a REST route runs."""
	parts = [part for part in frappe.request.path.split("/") if part]
	if parts[:1] != ["api"]:
		return frappe.form_dict.get("cmd"), None
	version = parts[1] if parts[1:2] in (["v1"], ["v2"]) else None
	route = parts[2:] if version else parts[1:]
	if route[:1] == ["method"] and len(route) > 1:
		return (None, None) if len(route) > 2 and version == "v2" else (route[1], None)
	if len(route) == 2 and route[0] in ("resource", "document") and frappe.request.method == "GET":
		return "frappe.client.get_list", route[1]
	if len(route) == 3 and route[0] == "doctype" and route[2] == "count":
		return "frappe.desk.reportview.get_count", route[1]
	return None, None


def _check_list(endpoint: str, params, doctype) -> None:
	for key in ("filters", "or_filters", "current_filters"):
		_check_filters(params.get(key), names_allowed=endpoint in NAME_FILTER_ENDPOINTS)
	for key in ("fields", "fieldname"):  # Frappe takes fields given as a dict or lists for filters
		value = _parse(params.get(key))
		if isinstance(value, dict) or (
			isinstance(value, list) and any(not isinstance(f, str) for f in value)
		):
			_refuse(_("Fields must be given as field names."))
	if not isinstance(doctype, str) or not is_jlc_doctype(doctype):
		return
	if params.get("ignore_user_permissions"):
		params["ignore_user_permissions"] = False  # link search keeps the caller's permissions
	listed, used = _requested_fields(params)
	aliases = {"_aggregate_column"} if params.get("aggregate_function") else set()
	for field in listed:  # Frappe leaves out of the answer the plain fields the caller may not read
		aliases.add(_check_field(doctype, field, must_read=False))
	for field in used:  # these it uses in the query itself
		_check_field(doctype, field, must_read=True)
	for key in ("order_by", "group_by"):
		_check_ordering(doctype, params.get(key), aliases)
	if str(params.get("sort_order") or "desc").lower() not in ("asc", "desc"):
		_refuse(_("Sort order must be asc or desc."))


def _check_filters(value, names_allowed: bool) -> None:
	"""Filters are fields, operators and values (a dict, or a list of lists): never SQL text."""
	value = _parse(value)
	if value in (None, "") or (names_allowed and isinstance(value, str | int | float)):
		return
	if isinstance(value, dict):
		structured = all(_is_fieldname(key) for key in value)
	elif isinstance(value, list | tuple):
		structured = all(_is_structured_filter(f) for f in value)
	else:
		structured = False
	if not structured:
		_refuse(_("Filters must be given as field, operator and value, not as SQL."))


def _is_fieldname(value) -> bool:
	return isinstance(value, str) and bool(_FIELDNAME.fullmatch(value))


def _is_structured_filter(f) -> bool:
	if isinstance(f, dict):
		return all(_is_fieldname(key) for key in f)
	if not isinstance(f, list | tuple) or len(f) < 3:
		return False
	return _is_fieldname(f[1]) and isinstance(f[0], str) if len(f) > 3 else _is_fieldname(f[0])


def _requested_fields(params) -> tuple[list, list]:
	"""The fields a list-like request names: those it lists (fields, value fields, search columns), and those the
	query uses (group-by count, sort, pluck, search field, stats, calendar field map, report aggregate)."""
	listed = []
	for key in ("fields", "filter_fields", "fieldname"):
		value = _parse(params.get(key))
		if isinstance(value, str):
			value = [f.strip() for f in value.split(",")] if value != "*" else [value]
		listed += value if isinstance(value, list | tuple) else []
	used = [params.get(key) for key in ("pluck", "sort_field", "searchfield")]
	if params.get("field") != "assigned_to":  # group-by count (its assignee count is overridden)
		used.append(params.get("field"))
	stats = _parse(params.get("stats"))
	used += [
		st.get("name") if isinstance(st, dict) else st for st in (stats if isinstance(stats, list) else [])
	]
	field_map = _parse(params.get("field_map"))
	used += list(field_map.values()) if isinstance(field_map, dict) else []
	if params.get("aggregate_function") and params.get("group_by"):
		on_doctype, on_field = params.get("aggregate_on_doctype"), params.get("aggregate_on_field")
		used.append(f"{params.aggregate_function}(`tab{on_doctype}`.`{on_field}`)")
	return [f for f in listed if f], [f for f in used if f]


def _check_field(doctype: str, field, must_read: bool) -> str | None:
	"""A plain field, `*`, or count/sum/avg/min/max over one: never an expression, nor a join onto rows the caller
	may not all read; a field the caller may read if `must_read`. Returns its alias."""
	text, alias = str(field).strip(), None
	if aliased := _ALIASED.fullmatch(text):
		text, alias = aliased["expression"].strip(), aliased["alias"].strip("`'\"")
	if aggregate := _AGGREGATE.fullmatch(text):
		text = aggregate["column"]
		if text == "*" and aggregate["function"].lower() == "count":
			return alias
	if text.lower().startswith("distinct "):
		text = text[len("distinct ") :].strip()
	if text == "*":
		return alias
	column = _column(doctype, text)
	if not column or (must_read and not _readable(*column)):
		_refuse(_("{0} lists only fields you may read, not {1}.").format(_(doctype), text))
	return alias


def _check_ordering(doctype: str, value, aliases: set) -> None:
	"""order_by / group_by: plain fields the caller may read (or aliases of the listed fields), comma-separated."""
	for item in str(value or "").split(","):
		text = _ORDERED.fullmatch(item.strip())["column"] if item.strip() else ""
		if not text or text.strip("`") in aliases:
			continue
		column = _column(doctype, text)
		if not column or not _readable(*column):
			_refuse(_("{0} sorts and groups only by fields you may read, not {1}.").format(_(doctype), text))


def _column(doctype: str, text: str) -> tuple[str, str] | None:
	"""(doctype, fieldname) of `field`, `tabDoctype`.`field`, child_table.field or link_field.field: the listed
	doctype, one of its child tables (joined on their parent, whose rule applies), or a link target the caller
	reads in full."""
	found = _COLUMN.fullmatch(text.strip())
	if not found:
		return None
	table, fieldname = found["table"], found["field"]
	if not table or table == f"tab{doctype}":
		return doctype, fieldname
	meta = frappe.get_meta(doctype)
	if table.startswith("tab") and table[3:] in {df.options for df in meta.get_table_fields()}:
		return table[3:], fieldname
	df = meta.get_field(table)
	if df and (df.fieldtype in table_fields or (df.fieldtype == "Link" and reads_every_row(df.options))):
		return df.options, fieldname
	return None


def _readable(doctype: str, fieldname: str) -> bool:
	if fieldname in STANDARD_FIELDS:
		return True
	return frappe.get_meta(doctype).has_field(fieldname) and fieldname not in unreadable_fields(doctype)


def reads_every_row(doctype: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return frappe.has_permission(doctype, "read", user=user) and _row_rule(doctype, user) is None


def _check_print(params) -> None:
	"""Print only saved documents, by name: a document sent as JSON renders whatever it links to."""
	sent = _parse(params.get("doc"))
	if isinstance(sent, dict):
		doctype = sent.get("doctype")
	elif sent and params.get("doctype"):  # download_pdf / print_by_server with a `doc`
		doctype = params.get("doctype")
	else:
		return
	if is_jlc_doctype(doctype):
		_refuse(_("A {0} is printed from its saved record only.").format(_(doctype)))


def _check_run(params) -> None:
	"""run_doc_method on a sent JLC document: an unsaved one needs create rights on its doctype, and every
	JLC record it links to (beyond the stored document's own links) must be one the caller may read."""
	sent = _parse(params.get("docs") or params.get("document"))
	if not isinstance(sent, dict) or not is_jlc_doctype(sent.get("doctype")):
		return
	doc = frappe.get_doc(sent)
	exists = not doc.is_new() and doc.name and frappe.db.exists(doc.doctype, doc.name)
	stored = frappe.get_doc(doc.doctype, doc.name) if exists else None
	if not stored and not frappe.has_permission(doc.doctype, "create"):
		_refuse(
			_("You may not create a {0}, so you cannot run its methods on an unsaved one.").format(
				_(doc.doctype)
			)
		)
	for doctype, name in _jlc_links(doc) - (_jlc_links(stored) if stored else set()):
		if frappe.db.exists(doctype, name) and not frappe.has_permission(doctype, "read", doc=name):
			_refuse(
				_("This {0} points at {1} {2}, which you may not read.").format(
					_(doc.doctype), _(doctype), name
				)
			)


def _jlc_links(doc) -> set[tuple[str, str]]:
	links = set()
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields() + row.meta.get_dynamic_link_fields():
			doctype = df.options if df.fieldtype == "Link" else row.get(df.options)
			if row.get(df.fieldname) and is_jlc_doctype(doctype):
				links.add((doctype, str(row.get(df.fieldname))))
	return links


# --- overrides: permission before existence ---------------------------------------------------------------------


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


# --- process-wide guards (before_request, before_job, before_tests) -----------------------------------------------


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
		if not self.flags.ignore_permissions and _row_rule(doctype, self.user) is not None:
			_refuse(_("You may not read every {0}, so you cannot list it through a link.").format(_(doctype)))
		return join_link(self, doctype, fieldname)

	def build_match_conditions(self, as_condition=True):
		conditions = match(self, as_condition)
		if not as_condition or self.flags.ignore_permissions:
			return conditions
		if self.doctype in RECORDS_ABOUT:
			extra = about_condition(self.doctype, self.user)
		elif self.shared:
			extra = _row_rule(self.doctype, self.user)
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
	rule = _row_rule(parent, user)
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
		return [f for f in original(user) if _may_read(f.ref_doctype, f.ref_docname, user)]

	get_document_followed_by_user._jlc_guarded = True
	document_follow.get_document_followed_by_user = get_document_followed_by_user


def _may_read(doctype: str, name: str, user: str | None = None, ptype: str = "read") -> bool:
	"""Whether `user` may read (ptype) a record; True for records outside JLC (Frappe's own rules apply)."""
	if not is_jlc_doctype(doctype):
		return True
	return bool(frappe.db.exists(doctype, name)) and frappe.has_permission(
		doctype, ptype, doc=name, user=user
	)


# --- records about JLC records: files, comments, ToDos, tags, shares, follows, versions -----------------------

# doctype: (field naming the doctype a row is about, field naming the record)
RECORDS_ABOUT = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"DocShare": ("share_doctype", "share_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Version": ("ref_doctype", "docname"),
	"Notification Log": ("document_type", "document_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
}
READ_RIGHTS = (None, "read", "select", "print", "email", "export", "report")
ATTACHMENT_COMMENTS = ("Attachment", "Attachment Removed")


def about_condition(doctype: str, user: str | None = None) -> str | None:
	"""The rows of `doctype` (in RECORDS_ABOUT) `user` may list: a row about a JLC record only if they may read
	the record; a comment logging an attachment only if they may read such attachments (permissions.py)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	about, record = (f"`tab{doctype}`.`{f}`" for f in RECORDS_ABOUT[doctype])
	jlc = _jlc_doctypes()
	ways = [f"ifnull({about}, '') not in ({', '.join(sql_quote(d) for d in jlc)})"]
	for target in jlc:
		if not frappe.has_permission(target, "read", user=user):
			continue
		rule = _row_rule(target, user)
		rows = "" if rule is None else f" and {record} in (select `name` from `tab{target}` where {rule})"
		ways.append(f"({about}={sql_quote(target)}{rows})")
	condition = f"({' or '.join(ways)})"
	if doctype == "Comment" and (logs := _attachment_logs_condition(user)):
		condition += f" and {logs}"
	return condition


def _attachment_logs_condition(user: str) -> str | None:
	"""Attachment comments name the file: shown as the attachments themselves (uploader, identity readers)."""
	hidden = []
	for doctype in PATIENT_DATA_DOCTYPES:
		rule = identity_condition(doctype, user)
		if rule is None:
			continue
		readable = "" if rule == NO_ROWS else f"(select `name` from `tab{doctype}` where {rule})"
		hidden.append(
			f"(`tabComment`.`reference_doctype`={sql_quote(doctype)}"
			+ (f" and `tabComment`.`reference_name` not in {readable})" if readable else ")")
		)
	if not hidden:
		return None
	kinds = ", ".join(sql_quote(k) for k in ATTACHMENT_COMMENTS)
	return (
		f"(`tabComment`.`comment_type` not in ({kinds}) or `tabComment`.`owner`={sql_quote(user)}"
		f" or not ({' or '.join(hidden)}))"
	)


def _jlc_doctypes() -> list[str]:
	if not getattr(frappe.local, "jlc_doctypes", None):
		modules = frappe.get_module_list("jlc_frappe")
		filters = {"module": ("in", modules), "istable": 0}
		frappe.local.jlc_doctypes = frappe.get_all("DocType", filters=filters, pluck="name")
	return frappe.local.jlc_doctypes


def readable_rows(doctype: str, rows: list, user: str | None = None) -> list:
	"""`rows` (dicts with a name) of a RECORDS_ABOUT doctype, without those `user` may not list."""
	condition = about_condition(doctype, user)
	if condition is None or not rows:
		return rows
	readable = set(_stored_rows_meeting(doctype, [row.get("name") for row in rows], condition))
	return [row for row in rows if row.get("name") in readable]


def record_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission hook for RECORDS_ABOUT doctypes: a row about a JLC record is read as its list says (only by
	readers of the record); a file of one is attached, changed or deleted only by those who may write the record.
	Otherwise no opinion (Frappe's rules and the app's identity rule for attachments decide)."""
	user = user or frappe.session.user
	about, record = (doc.get(f) for f in RECORDS_ABOUT[doc.doctype])
	if user == "Administrator" or not record or not is_jlc_doctype(about):
		return None
	if doc.doctype == "File" and ptype not in READ_RIGHTS:
		if not frappe.db.exists(about, record):  # a form not saved yet: relinked when it is
			return None if ptype == "create" else False
		return None if _may_read(about, record, user, "write") else False
	if ptype not in READ_RIGHTS:
		return None
	if doc.get("__islocal") or not doc.get("name"):
		return None if _may_read(about, record, user) else False
	return (
		None if _stored_rows_meeting(doc.doctype, [doc.name], about_condition(doc.doctype, user)) else False
	)


def check_attachment(doc, method=None) -> None:
	"""File validate: a file of a JLC record is private (so downloads follow the record), and whoever attaches
	it, by any path (upload_file checks nothing, attach_file asks for read), may write the record."""
	if doc.is_folder or not doc.attached_to_name or not is_jlc_doctype(doc.attached_to_doctype) or _trusted():
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
		_refuse(_("You may not change {0} {1}, so you cannot attach files to it.").format(_(doctype), name))


# --- assignments, shares, tags, follows, child rows (doc events) -----------------------------------------------


def check_todo(doc, method=None) -> None:
	"""ToDo validate: a ToDo on a JLC record is made by someone who may read it, and an assignment (which lets a
	handler read it) by someone who may write it. Any desk user could make one and so assign themselves."""
	if _trusted() or not _names_jlc_record(doc) or not _todo_changed(doc):
		return
	if doc.allocated_to:
		right, message = "write", _("You may not change {0} {1}, so you cannot assign it.")
	else:
		right, message = "read", _("You may not read {0} {1}, so you cannot make a ToDo about it.")
	if not _may_read(doc.reference_type, doc.reference_name, ptype=right):
		_refuse(message.format(_(doc.reference_type), doc.reference_name))


def check_assignee(doc, method=None) -> None:
	"""ToDo on_update: the person a JLC record is assigned to may read it (the assignment itself may be what lets
	them). Checked once the assignment is stored; a refusal rolls it back with the request."""
	if _trusted() or not doc.allocated_to or not _names_jlc_record(doc) or not _todo_changed(doc):
		return
	if not _may_read(doc.reference_type, doc.reference_name, doc.allocated_to):
		_refuse(
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
	if _trusted() or not widened or not is_jlc_doctype(doc.share_doctype):
		return  # taking rights away is always allowed
	if doc.everyone:
		_refuse(_("A {0} cannot be shared with everyone.").format(_(doc.share_doctype)))
	if not _may_read(doc.share_doctype, doc.share_name, doc.user):
		_refuse(
			_("{0} may not read {1} {2}, so it cannot be shared with them.").format(
				doc.user, _(doc.share_doctype), doc.share_name
			)
		)


def blank_tag_title(doc, method=None) -> None:
	"""Tag Link validate: a tag on a JLC record carries no title (Frappe copied the record's title, a complaint's
	summary, into a doctype every user may list)."""
	if is_jlc_doctype(doc.document_type):
		doc.title = ""


def check_follow(doc, method=None) -> None:
	"""Document Follow validate: nobody follows a JLC record they may not read (its digest would show it)."""
	if not _trusted() and not _may_read(doc.ref_doctype, doc.ref_docname, doc.user):
		_refuse(
			_("{0} may not read {1} {2}, so cannot follow it.").format(
				doc.user, _(doc.ref_doctype), doc.ref_docname
			)
		)


def refuse_child_row_write(doc, method=None) -> None:
	"""doc_events '*' validate and on_trash: rows of JLC child tables are written only by saving their parent
	(which runs its rules), never on their own (/api/resource/<child doctype>/<row> PUT, POST or DELETE)."""
	if _trusted() or not doc.meta.istable or not is_jlc_doctype(doc.doctype):
		return
	_refuse(_("Rows of {0} are changed by saving their {1}.").format(_(doc.doctype), _(doc.parenttype or "")))
