"""What callers send to Frappe's list-like, print and run-method endpoints (auth_hooks, before the endpoint runs)."""

import re

import frappe
from frappe import _
from frappe.model import child_table_fields, default_fields, optional_fields, table_fields

from jlc_frappe.doc_changes import is_jlc_doctype
from jlc_frappe.permissions import row_rule, unreadable_fields
from jlc_frappe.read_guards.common import parse, refuse

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
	"jlc_frappe.read_guards.endpoints.get": "frappe.client.get",
	"jlc_frappe.read_guards.endpoints.get_count": "frappe.client.get_count",
	"jlc_frappe.read_guards.endpoints.get_group_by_count": "frappe.desk.listview.get_group_by_count",
}

_FIELDNAME = re.compile(r"\w+")
_COLUMN = re.compile(r"(?:`?(?P<table>[\w ]+?)`?\.)?`?(?P<field>\w+)`?")
_AGGREGATE = re.compile(
	r"(?P<function>count|sum|avg|min|max)\(\s*(?:distinct\s+)?(?P<column>[^()]+?)\s*\)", re.I
)
# An alias may be quoted with any name in it (the report view writes 'Complaint Aspect:subject_area'), but no
# quote or backslash that could end or escape its quoting.
_ALIASED = re.compile(
	r"(?P<expression>.+?)\s+as\s+(?P<alias>`[^`'\"\\]+`|'[^`'\"\\]+'|\"[^`'\"\\]+\"|\w+)", re.I
)
_ORDERED = re.compile(r"(?P<column>.+?)(?:\s+(?:asc|desc))?", re.I)


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
		value = parse(params.get(key))
		if isinstance(value, dict) or (
			isinstance(value, list) and any(not isinstance(f, str) for f in value)
		):
			refuse(_("Fields must be given as field names."))
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
		refuse(_("Sort order must be asc or desc."))


def _check_filters(value, names_allowed: bool) -> None:
	"""Filters are fields, operators and values (a dict, or a list of lists): never SQL text."""
	value = parse(value)
	if value in (None, "") or (names_allowed and isinstance(value, str | int | float)):
		return
	if isinstance(value, dict):
		structured = all(_is_fieldname(key) for key in value)
	elif isinstance(value, list | tuple):
		structured = all(_is_structured_filter(f) for f in value)
	else:
		structured = False
	if not structured:
		refuse(_("Filters must be given as field, operator and value, not as SQL."))


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
		value = parse(params.get(key))
		if isinstance(value, str):
			value = [f.strip() for f in value.split(",")] if value != "*" else [value]
		listed += value if isinstance(value, list | tuple) else []
	used = [params.get(key) for key in ("pluck", "sort_field", "searchfield")]
	if params.get("field") != "assigned_to":  # group-by count (its assignee count is overridden)
		used.append(params.get("field"))
	stats = parse(params.get("stats"))
	used += [
		st.get("name") if isinstance(st, dict) else st for st in (stats if isinstance(stats, list) else [])
	]
	field_map = parse(params.get("field_map"))
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
		refuse(_("{0} lists only fields you may read, not {1}.").format(_(doctype), text))
	return alias


def _check_ordering(doctype: str, value, aliases: set) -> None:
	"""order_by / group_by: plain fields the caller may read (or aliases of the listed fields), comma-separated."""
	for item in str(value or "").split(","):
		text = _ORDERED.fullmatch(item.strip())["column"] if item.strip() else ""
		if not text or text.strip("`") in aliases:
			continue
		column = _column(doctype, text)
		if not column or not _readable(*column):
			refuse(_("{0} sorts and groups only by fields you may read, not {1}.").format(_(doctype), text))


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
	return frappe.has_permission(doctype, "read", user=user) and row_rule(doctype, user) is None


def _check_print(params) -> None:
	"""Print only saved documents, by name: a document sent as JSON renders whatever it links to."""
	sent = parse(params.get("doc"))
	if isinstance(sent, dict):
		doctype = sent.get("doctype")
	elif sent and params.get("doctype"):  # download_pdf / print_by_server with a `doc`
		doctype = params.get("doctype")
	else:
		return
	if is_jlc_doctype(doctype):
		refuse(_("A {0} is printed from its saved record only.").format(_(doctype)))


def _check_run(params) -> None:
	"""run_doc_method on a sent JLC document: an unsaved one needs create rights on its doctype, and every
	JLC record it links to (beyond the stored document's own links) must be one the caller may read."""
	sent = parse(params.get("docs") or params.get("document"))
	if not isinstance(sent, dict) or not is_jlc_doctype(sent.get("doctype")):
		return
	doc = frappe.get_doc(sent)
	exists = not doc.is_new() and doc.name and frappe.db.exists(doc.doctype, doc.name)
	stored = frappe.get_doc(doc.doctype, doc.name) if exists else None
	if not stored and not frappe.has_permission(doc.doctype, "create"):
		refuse(
			_("You may not create a {0}, so you cannot run its methods on an unsaved one.").format(
				_(doc.doctype)
			)
		)
	for doctype, name in _jlc_links(doc) - (_jlc_links(stored) if stored else set()):
		if frappe.db.exists(doctype, name) and not frappe.has_permission(doctype, "read", doc=name):
			refuse(
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
