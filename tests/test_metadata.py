"""Tier A checks of the app's metadata: DocType, Workflow, Report and data JSON, read as files.

Frappe is not imported: these run with plain pytest. Files are found by walking `jlc_frappe/`, so a new
doctype, report or workflow is checked as soon as it is added.
"""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "jlc_frappe"

# Frappe core doctypes the app may link to. Employee belongs to HRMS/ERPNext, not Frappe: not allowed.
CORE_LINK_TARGETS = {"User", "Role", "Workflow State", "DocType", "Email Account"}
SYSTEM_MANAGER = "System Manager"
WORKFLOW_STYLES = {"Primary", "Info", "Success", "Warning", "Danger", "Inverse", ""}
REPORT_TYPES = {"Script Report", "Query Report", "Report Builder"}
LAYOUT_FIELDTYPES = {"Section Break", "Column Break", "Tab Break"}
FIELDNAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DOC_REF_RE = re.compile(r"\bdoc\.([A-Za-z_][A-Za-z0-9_]*)")
CONDITION_KEYS = ("depends_on", "mandatory_depends_on", "read_only_depends_on")
DOC_STATE_KEYS = {"__islocal"}  # set by the desk on a document not yet saved

COMPLAINT = "Complaint"
COMPLAINT_CONTRACT_FIELDS = (
	"route",
	"received_on",
	"received_via",
	"summary",
	"description",
	"outcome_sought",
	"complainant_name",
	"complainant_is_patient",
	"representative_basis",
	"consent_status",
	"complainant",
	"patient_name",
	"nhs_number",
	"date_of_birth",
	"patient_deceased",
	"event_date",
	"became_aware_on",
	"time_limit_status",
	"time_limit_waived",
	"aspects",
	"severity",
	"acknowledgement_due",
	"acknowledged_on",
	"response_due",
	"response_sent_on",
	"handler",
	"staff_involved",
	"signed_off_by",
	"signed_off_on",
	"outcome",
	"ombudsman_rights_given",
	"learning_summary",
	"closed_on",
	"reopened_count",
	"not_under_regulations_reason",
	"workflow_state",
)
COMPLAINT_PATIENT_FIELDS = ("patient_name", "nhs_number", "date_of_birth", "patient_deceased")
PERSON = "JLC Person"
# Field names that carry a person's identity: on any doctype but JLC Person they are virtual (no column).
IDENTITY_FIELDS = {
	"patient_name",
	"nhs_number",
	"date_of_birth",
	"patient_deceased",
	"complainant_name",
	"complainant_email",
	"complainant_phone",
	"complainant_address",
	"claimant_name",
	"relevant_person_name",
	"relevant_person_contact",
}
COMPLAINT_AUTONAME = "COMP-.YYYY.-.#####"

COMPLAINT_WORKFLOW = "Complaint Lifecycle"
# Mirrors ALLOWED_MOVES in jlc_frappe/jlc_complaints/complaint_lifecycle.py (which imports frappe).
_COMPLAINT_MOVES = {
	("Received", "Acknowledged"),
	("Received", "Resolved Early"),
	("Acknowledged", "Resolved Early"),
	("Acknowledged", "Under Investigation"),
	("Resolved Early", "Under Investigation"),
	("Resolved Early", "Closed"),
	("Under Investigation", "Awaiting Sign-off"),
	("Awaiting Sign-off", "Under Investigation"),
	("Awaiting Sign-off", "Signed Off"),
	("Signed Off", "Response Sent"),
	("Response Sent", "Closed"),
	("Closed", "Under Investigation"),
}
_COMPLAINT_STATES = {state for move in _COMPLAINT_MOVES for state in move}
COMPLAINT_MOVES = _COMPLAINT_MOVES | {
	(state, "Withdrawn") for state in _COMPLAINT_STATES if state not in ("Closed", "Withdrawn")
}
# Action: the only roles that may take it, in any workflow that has it.
RESTRICTED_ACTIONS = {"Sign Off": {"Responsible Person"}, "Reopen": {"Complaints Manager"}}


# --- discovery and loading ---


def _rel(path: Path) -> str:
	return str(path.relative_to(ROOT))


def _params(paths: list[Path], what: str) -> list:
	if not paths:
		return [pytest.param(None, marks=pytest.mark.skip(reason=f"no {what} in the app yet"), id="none")]
	return [pytest.param(path, id=_rel(path)) for path in paths]


DOCTYPE_FILES = sorted(APP_DIR.glob("*/doctype/*/*.json"))
WORKFLOW_FILES = sorted(APP_DIR.glob("**/workflow/*.json"))
REPORT_FILES = sorted(APP_DIR.glob("*/report/*/*.json"))
DATA_FILES = sorted(APP_DIR.glob("**/data/*.json"))


@cache
def load(path: Path) -> dict:
	with open(path) as f:
		return json.load(f)


@cache
def app_doctypes() -> dict[str, dict]:
	"""Doctype name -> its JSON, for every doctype defined in the app."""
	return {meta["name"]: meta for meta in (load(path) for path in DOCTYPE_FILES)}


@cache
def modules() -> list[str]:
	return [line.strip() for line in (APP_DIR / "modules.txt").read_text().splitlines() if line.strip()]


@cache
def app_roles() -> frozenset[str]:
	"""Keys of ROLES in jlc_frappe/install.py, read with ast (install.py imports frappe)."""
	tree = ast.parse((APP_DIR / "install.py").read_text())
	for node in tree.body:
		if (
			isinstance(node, ast.Assign)
			and any(isinstance(t, ast.Name) and t.id == "ROLES" for t in node.targets)
			and isinstance(node.value, ast.Dict)
		):
			return frozenset(ast.literal_eval(key) for key in node.value.keys)
	raise AssertionError("jlc_frappe/install.py: no literal `ROLES = {...}` dict found")


def scrub(name: str) -> str:
	return name.lower().replace(" ", "_").replace("-", "_")


def class_name(doctype: str) -> str:
	return doctype.replace(" ", "").replace("-", "")


def fields_by_name(meta: dict) -> dict[str, dict]:
	return {field["fieldname"]: field for field in meta.get("fields", [])}


def doctype_meta(path: Path) -> tuple[str, dict]:
	return _rel(path), load(path)


# --- every JSON data file parses ---


@pytest.mark.parametrize("path", _params(DATA_FILES, "data files"))
def test_data_json_parses(path: Path) -> None:
	try:
		load(path)
	except json.JSONDecodeError as error:
		pytest.fail(f"{_rel(path)}: invalid JSON: {error}")


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES + WORKFLOW_FILES + REPORT_FILES, "metadata files"))
def test_metadata_json_parses(path: Path) -> None:
	try:
		data = load(path)
	except json.JSONDecodeError as error:
		pytest.fail(f"{_rel(path)}: invalid JSON: {error}")
	assert isinstance(data, dict), f"{_rel(path)}: top level should be an object"


def test_roles_are_read_from_install() -> None:
	assert app_roles(), "jlc_frappe/install.py: ROLES is empty"
	assert SYSTEM_MANAGER not in app_roles(), "install.py: ROLES must not redefine System Manager"


def test_doctype_names_unique() -> None:
	names = [load(path)["name"] for path in DOCTYPE_FILES]
	duplicates = sorted({name for name in names if names.count(name) > 1})
	assert not duplicates, f"doctype names defined more than once: {duplicates}"


# --- DocType JSON ---


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_naming_and_files(path: Path) -> None:
	where, meta = doctype_meta(path)
	name = meta.get("name", "")
	assert meta.get("doctype") == "DocType", (
		f"{where}: doctype should be 'DocType', not {meta.get('doctype')!r}"
	)
	slug = scrub(name)
	assert path.parent.name == slug, f"{where}: folder {path.parent.name!r} should be {slug!r} for {name!r}"
	assert path.stem == slug, f"{where}: file name {path.stem!r} should be {slug!r} for {name!r}"
	module = meta.get("module")
	assert module in modules(), f"{where}: module {module!r} is not a line of jlc_frappe/modules.txt"
	module_folder = path.parent.parent.parent.name
	assert module_folder == scrub(module), (
		f"{where}: module folder {module_folder!r} should be {scrub(module)!r} for module {module!r}"
	)
	assert (path.parent / "__init__.py").is_file(), f"{where}: missing __init__.py in {path.parent.name}/"
	controller = path.with_suffix(".py")
	assert controller.is_file(), f"{where}: missing controller {_rel(controller)}"
	tree = ast.parse(controller.read_text())
	classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
	assert class_name(name) in classes, (
		f"{_rel(controller)}: should define class {class_name(name)!r} for doctype {name!r}; "
		f"has {sorted(classes)}"
	)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_fields(path: Path) -> None:
	where, meta = doctype_meta(path)
	fieldnames = [field.get("fieldname") for field in meta.get("fields", [])]
	duplicates = sorted({name for name in fieldnames if fieldnames.count(name) > 1})
	assert not duplicates, f"{where}: duplicate fieldnames {duplicates}"
	bad = [name for name in fieldnames if not (isinstance(name, str) and FIELDNAME_RE.match(name))]
	assert not bad, f"{where}: fieldnames not snake_case identifiers: {bad}"
	assert meta.get("field_order") == fieldnames, (
		f"{where}: field_order differs from the order of `fields`:\n"
		f"  field_order={meta.get('field_order')}\n  fields={fieldnames}"
	)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_link_table_select_options(path: Path) -> None:
	where, meta = doctype_meta(path)
	doctypes = app_doctypes()
	for field in meta.get("fields", []):
		at = f"{where}: field {field['fieldname']!r} ({field['fieldtype']})"
		options = (field.get("options") or "").strip()
		if field["fieldtype"] == "Link":
			assert options in doctypes or options in CORE_LINK_TARGETS, (
				f"{at}: links to {options!r}, neither an app doctype nor one of {sorted(CORE_LINK_TARGETS)}"
			)
		elif field["fieldtype"] in ("Table", "Table MultiSelect"):
			assert options in doctypes, f"{at}: table of {options!r}, which is not an app doctype"
			assert doctypes[options].get("istable") == 1, f"{at}: {options!r} is not a child table (istable)"
		elif field["fieldtype"] == "Select" and not options:
			assert "JLC Settings" in (field.get("description") or ""), (
				f"{at}: Select without options; if they are filled at run time, "
				"its description should say from where ('JLC Settings')"
			)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_fetch_from(path: Path) -> None:
	where, meta = doctype_meta(path)
	fields = fields_by_name(meta)
	doctypes = app_doctypes()
	for field in meta.get("fields", []):
		fetch_from = field.get("fetch_from")
		if not fetch_from:
			continue
		at = f"{where}: field {field['fieldname']!r} fetch_from {fetch_from!r}"
		link_field, sep, target = fetch_from.partition(".")
		assert sep and target, f"{at}: should be 'link_field.target_field'"
		link = fields.get(link_field)
		assert link is not None and link["fieldtype"] == "Link", (
			f"{at}: {link_field!r} is not a Link field here"
		)
		target_doctype = link.get("options")
		if target_doctype in doctypes:
			assert target in fields_by_name(doctypes[target_doctype]), (
				f"{at}: {target_doctype!r} has no field {target!r}"
			)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_conditions_name_own_fields(path: Path) -> None:
	where, meta = doctype_meta(path)
	fields = fields_by_name(meta)
	for field in meta.get("fields", []):
		for key in CONDITION_KEYS:
			expression = (field.get(key) or "").strip()
			if not expression:
				continue
			if expression.startswith("eval:"):
				names = DOC_REF_RE.findall(expression)
			else:  # a bare fieldname
				names = [expression]
			missing = [name for name in names if name not in fields and name not in DOC_STATE_KEYS]
			assert not missing, (
				f"{where}: field {field['fieldname']!r} {key} {expression!r} names unknown fields {missing}"
			)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_permissions(path: Path) -> None:
	where, meta = doctype_meta(path)
	permissions = meta.get("permissions", [])
	allowed_roles = app_roles() | {SYSTEM_MANAGER}
	if meta.get("istable"):
		assert not permissions, f"{where}: a child table (istable) should have no permissions"
		return
	if not meta.get("issingle"):
		assert permissions, f"{where}: has no permission rows"
	for row in permissions:
		assert row.get("role") in allowed_roles, (
			f"{where}: permission for unknown role {row.get('role')!r} "
			"(neither in install.ROLES nor System Manager)"
		)
	levels = {row.get("permlevel", 0) for row in permissions}
	for field in meta.get("fields", []):
		level = field.get("permlevel", 0)
		if level:
			assert level in levels, (
				f"{where}: field {field['fieldname']!r} is at permlevel {level} but no permission row has it"
			)
	reads, writes = defaultdict(bool), defaultdict(bool)
	for row in permissions:
		key = (row.get("role"), row.get("permlevel", 0))
		reads[key] |= bool(row.get("read"))
		writes[key] |= bool(row.get("write"))
	no_read = sorted(key for key, write in writes.items() if write and not reads[key])
	assert not no_read, f"{where}: (role, permlevel) with write but not read: {no_read}"
	# The desk shows a new document read-only to a role that may create it but not write it.
	create_only = sorted(
		row["role"]
		for row in permissions
		if row.get("create") and not writes[(row["role"], row.get("permlevel", 0))]
	)
	assert not create_only, (
		f"{where}: roles with create but not write (the new form would be read-only): {create_only}"
	)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_doctype_with_patient_data_tracks_changes(path: Path) -> None:
	where, meta = doctype_meta(path)
	if meta.get("istable"):
		return
	restricted = [
		field["fieldname"]
		for field in meta.get("fields", [])
		if field.get("permlevel", 0) >= 1 or field["fieldname"] in IDENTITY_FIELDS
	]
	if restricted or meta["name"] in (COMPLAINT, PERSON):
		assert meta.get("track_changes") == 1, (
			f"{where}: track_changes should be 1 (fields at permlevel >= 1: {restricted})"
		)


def test_complaint_contract() -> None:
	meta = app_doctypes().get(COMPLAINT)
	assert meta is not None, f"no {COMPLAINT!r} doctype in the app"
	where = f"doctype {COMPLAINT!r}"
	fields = fields_by_name(meta)
	missing = [name for name in COMPLAINT_CONTRACT_FIELDS if name not in fields]
	assert not missing, f"{where}: missing contract fields {missing}"
	for name in COMPLAINT_PATIENT_FIELDS:
		assert fields[name].get("is_virtual") == 1, f"{where}: field {name!r} should be virtual (JLC Person)"
	for name in ("complainant", "patient"):
		assert fields[name]["fieldtype"] == "Link" and fields[name].get("options") == PERSON, (
			f"{where}: {name!r} should link {PERSON!r}"
		)
	assert meta.get("autoname") == COMPLAINT_AUTONAME, (
		f"{where}: autoname should be {COMPLAINT_AUTONAME!r}, not {meta.get('autoname')!r}"
	)
	assert meta.get("track_changes") == 1, f"{where}: track_changes should be 1"
	state = fields["workflow_state"]
	assert state["fieldtype"] == "Link" and state.get("options") == "Workflow State", (
		f"{where}: workflow_state should be a Link to 'Workflow State'"
	)
	assert state.get("read_only") == 1, f"{where}: workflow_state should be read_only"
	assert state.get("no_copy") == 1, f"{where}: workflow_state should be no_copy"


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_identities_live_in_the_identity_store(path: Path) -> None:
	where, meta = doctype_meta(path)
	if meta["name"] == PERSON:
		return
	stored = [
		field["fieldname"]
		for field in meta.get("fields", [])
		if field["fieldname"] in IDENTITY_FIELDS and not field.get("is_virtual")
	]
	assert not stored, (
		f"{where}: identity fields stored on the record (make them virtual, kept in {PERSON}): {stored}"
	)
	for field in meta.get("fields", []):
		if field.get("is_virtual"):
			assert not (field.get("reqd") or field.get("in_list_view") or field.get("in_standard_filter")), (
				f"{where}: virtual field {field['fieldname']!r} cannot be required, listed or filtered (no column)"
			)


@pytest.mark.parametrize("path", _params(DOCTYPE_FILES, "doctypes"))
def test_no_permlevel_keeps_a_secret(path: Path) -> None:
	"""JLC uses no permlevel above 0 for confidentiality: whoever reads a doctype reads all its levels.

	A permlevel field sits in a table its readers can query; what a role must not read lives in a doctype that
	role cannot read at all. Higher levels only say who may change a field."""
	where, meta = doctype_meta(path)
	readers = defaultdict(set)
	for row in meta.get("permissions", []):
		if row.get("read"):
			readers[row.get("permlevel", 0)].add(row["role"])
	for level, roles in readers.items():
		if level:
			hidden = sorted(readers[0] - roles)
			assert not hidden, f"{where}: roles reading level 0 but not level {level}: {hidden}"


def test_identity_store_is_opaque() -> None:
	meta = app_doctypes()[PERSON]
	assert meta.get("autoname") == "hash", f"{PERSON}: names must be opaque (autoname hash)"
	assert not meta.get("title_field") and not meta.get("show_title_field_in_link"), (
		f"{PERSON}: no link titles"
	)
	assert not meta.get("show_name_in_global_search") and not any(
		f.get("in_global_search") for f in meta["fields"]
	), f"{PERSON}: not in global search"
	assert meta.get("track_changes") == 1, f"{PERSON}: track_changes"


# --- Workflow JSON ---


def _states(definition: dict) -> list[str]:
	"""Distinct states in order (Frappe repeats a state once per role that may edit it)."""
	return list(dict.fromkeys(row["state"] for row in definition.get("states", [])))


def _graph(definition: dict) -> dict[str, set[str]]:
	graph = defaultdict(set)
	for row in definition.get("transitions", []):
		graph[row["state"]].add(row["next_state"])
	return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
	seen, todo = {start}, [start]
	while todo:
		for next_state in graph.get(todo.pop(), ()):
			if next_state not in seen:
				seen.add(next_state)
				todo.append(next_state)
	return seen


def _writers(meta: dict) -> set[str]:
	return {
		row["role"] for row in meta.get("permissions", []) if row.get("write") and not row.get("permlevel", 0)
	}


@pytest.mark.parametrize("path", _params(WORKFLOW_FILES, "workflows"))
def test_workflow_document_and_roles(path: Path) -> None:
	where, definition = _rel(path), load(path)
	assert definition.get("doctype") == "Workflow", f"{where}: doctype should be 'Workflow'"
	doctype = definition.get("document_type")
	meta = app_doctypes().get(doctype)
	assert meta is not None, f"{where}: document_type {doctype!r} is not an app doctype"
	state_field = definition.get("workflow_state_field")
	field = fields_by_name(meta).get(state_field)
	assert field is not None, f"{where}: {doctype!r} has no field {state_field!r} (workflow_state_field)"
	assert field["fieldtype"] == "Link" and field.get("options") == "Workflow State", (
		f"{where}: {doctype}.{state_field} should be a Link to 'Workflow State'"
	)
	roles = app_roles()
	writers = _writers(meta)
	for row in definition.get("transitions", []):
		at = f"{where}: transition {row['state']!r} --{row.get('action')!r}--> {row['next_state']!r}"
		assert row.get("allowed") in roles, f"{at}: allowed role {row.get('allowed')!r} is not an app role"
		assert row.get("allowed") in writers, (
			f"{at}: {row.get('allowed')!r} cannot write {doctype!r} at permlevel 0, so cannot apply it"
		)
	submittable = bool(meta.get("is_submittable"))
	for row in definition.get("states", []):
		at = f"{where}: state {row['state']!r}"
		assert row.get("allow_edit") in roles, (
			f"{at}: allow_edit {row.get('allow_edit')!r} is not an app role"
		)
		assert str(row.get("doc_status", "0")) in (("0", "1", "2") if submittable else ("0",)), (
			f"{at}: doc_status {row.get('doc_status')!r} but {doctype!r} is_submittable={int(submittable)}"
		)


@pytest.mark.parametrize("path", _params(WORKFLOW_FILES, "workflows"))
def test_workflow_graph(path: Path) -> None:
	where, definition = _rel(path), load(path)
	states = _states(definition)
	assert states, f"{where}: no states"
	known = set(states)
	for row in definition.get("transitions", []):
		for key in ("state", "next_state"):
			assert row[key] in known, f"{where}: transition {key} {row[key]!r} is not among states[].state"
	graph = _graph(definition)
	initial = states[0]
	terminal = {state for state in states if not graph.get(state)}
	assert initial not in terminal, f"{where}: initial state {initial!r} (states[0]) has no way out"
	unreachable = [state for state in states if state not in _reachable(graph, initial)]
	assert not unreachable, f"{where}: states not reachable from {initial!r}: {unreachable}"
	if terminal:
		trapped = [state for state in states if not _reachable(graph, state) & terminal]
		assert not trapped, f"{where}: states that can never reach an end state {sorted(terminal)}: {trapped}"


@pytest.mark.parametrize("path", _params(WORKFLOW_FILES, "workflows"))
def test_workflow_state_styles(path: Path) -> None:
	where, definition = _rel(path), load(path)
	known = set(_states(definition))
	for state, style in definition.get("state_styles", {}).items():
		assert state in known, f"{where}: state_styles names {state!r}, which is not a state"
		assert style in WORKFLOW_STYLES, f"{where}: state_styles[{state!r}] = {style!r} is not a Frappe style"


@pytest.mark.parametrize("path", _params(WORKFLOW_FILES, "workflows"))
def test_workflow_restricted_actions(path: Path) -> None:
	where, definition = _rel(path), load(path)
	allowed = defaultdict(set)
	for row in definition.get("transitions", []):
		allowed[row.get("action")].add(row.get("allowed"))
	for action, roles in RESTRICTED_ACTIONS.items():
		if action in allowed:
			assert allowed[action] == roles, (
				f"{where}: action {action!r} allowed to {sorted(allowed[action])}, "
				f"should be only {sorted(roles)}"
			)


def test_complaint_workflow_matches_lifecycle() -> None:
	definitions = [load(path) for path in WORKFLOW_FILES if load(path).get("name") == COMPLAINT_WORKFLOW]
	assert len(definitions) == 1, (
		f"expected one workflow named {COMPLAINT_WORKFLOW!r}, found {len(definitions)}"
	)
	definition = definitions[0]
	assert definition.get("document_type") == COMPLAINT, (
		f"{COMPLAINT_WORKFLOW}: document_type should be Complaint"
	)
	pairs = {(row["state"], row["next_state"]) for row in definition["transitions"]}
	assert pairs == COMPLAINT_MOVES, (
		f"{COMPLAINT_WORKFLOW}: transitions differ from complaint_lifecycle.ALLOWED_MOVES:\n"
		f"  only in workflow: {sorted(pairs - COMPLAINT_MOVES)}\n"
		f"  missing from workflow: {sorted(COMPLAINT_MOVES - pairs)}"
	)
	actions = {row["action"] for row in definition["transitions"]}
	missing = sorted(set(RESTRICTED_ACTIONS) - actions)
	assert not missing, f"{COMPLAINT_WORKFLOW}: no transitions with actions {missing}"


# --- Report JSON ---


@pytest.mark.parametrize("path", _params(REPORT_FILES, "reports"))
def test_report(path: Path) -> None:
	where, meta = _rel(path), load(path)
	assert meta.get("doctype") == "Report", (
		f"{where}: doctype should be 'Report', not {meta.get('doctype')!r}"
	)
	name = meta.get("name", "")
	assert path.parent.name == scrub(name) == path.stem, (
		f"{where}: folder and file should be named {scrub(name)!r} for report {name!r}"
	)
	assert meta.get("report_name") == name, f"{where}: report_name should equal name {name!r}"
	module = meta.get("module")
	assert module in modules(), f"{where}: module {module!r} is not a line of jlc_frappe/modules.txt"
	assert path.parent.parent.parent.name == scrub(module), (
		f"{where}: module folder should be {scrub(module)!r} for module {module!r}"
	)
	report_type = meta.get("report_type")
	assert report_type in REPORT_TYPES, (
		f"{where}: report_type {report_type!r} not one of {sorted(REPORT_TYPES)}"
	)
	if report_type == "Script Report":
		script = path.with_suffix(".py")
		assert script.is_file(), f"{where}: Script Report without {_rel(script)}"
		assert "def execute(" in script.read_text(), f"{_rel(script)}: no `def execute(`"
	assert meta.get("ref_doctype") in app_doctypes(), (
		f"{where}: ref_doctype {meta.get('ref_doctype')!r} is not an app doctype"
	)
	assert meta.get("is_standard") == "Yes", f"{where}: is_standard should be 'Yes'"
	allowed_roles = app_roles() | {SYSTEM_MANAGER}
	for row in meta.get("roles", []):
		assert row.get("role") in allowed_roles, f"{where}: roles[] names unknown role {row.get('role')!r}"


# --- frappe-free packages ---

FRAPPE_FREE = {"rules": ("rules",), "sync": ("sync", "rules")}
FRAPPE_FREE_FILES = sorted(
	path
	for package in FRAPPE_FREE
	if (APP_DIR / package).is_dir()
	for path in (APP_DIR / package).rglob("*.py")
)


def _imports(tree: ast.AST) -> list[str]:
	names = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			names += [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
			names.append(node.module)
	return names


@pytest.mark.parametrize("path", _params(FRAPPE_FREE_FILES, "frappe-free modules"))
def test_frappe_free_modules_do_not_import_frappe(path: Path) -> None:
	where = _rel(path)
	package = path.relative_to(APP_DIR).parts[0]
	allowed = tuple(f"jlc_frappe.{sub}" for sub in FRAPPE_FREE[package])
	for name in _imports(ast.parse(path.read_text(), filename=where)):
		assert name != "frappe" and not name.startswith("frappe."), f"{where}: imports {name!r}"
		if name == "jlc_frappe" or name.startswith("jlc_frappe."):
			assert name.startswith(allowed), (
				f"{where}: imports {name!r}, outside {list(allowed)}, which may import frappe"
			)


# --- row rules: every ruled doctype hooked, every child of a ruled parent ruled too ---


def _literal_of(path: Path, name: str):
	for node in ast.parse(path.read_text()).body:
		if isinstance(node, ast.Assign) and any(
			isinstance(t, ast.Name) and t.id == name for t in node.targets
		):
			return node.value
	raise AssertionError(f"{_rel(path)}: no top-level `{name} = ...`")


def test_row_rules_cover_child_tables_and_hooks() -> None:
	permissions = APP_DIR / "permissions.py"
	ruled = {ast.literal_eval(k) for k in _literal_of(permissions, "ROW_RULES").keys}
	children = ast.literal_eval(_literal_of(permissions, "CHILD_TABLES"))
	hooked = set(ast.literal_eval(_literal_of(APP_DIR / "hooks.py", "_RULED_DOCTYPES")))
	assert hooked == ruled | set(children), (
		f"hooks._RULED_DOCTYPES differs from ROW_RULES and CHILD_TABLES: "
		f"{sorted(hooked ^ (ruled | set(children)))}"
	)
	for parent in ruled:
		for field in app_doctypes()[parent].get("fields", []):
			if field["fieldtype"] in ("Table", "Table MultiSelect"):
				assert children.get(field["options"]) == parent, (
					f"{field['options']!r}, a child table of the ruled {parent!r}, is not in CHILD_TABLES"
				)


def test_rows_about_records_all_hooked() -> None:
	"""Every doctype whose rows are about a JLC record (permissions.RECORDS_ABOUT) has the record's permission hook."""
	about = {ast.literal_eval(k) for k in _literal_of(APP_DIR / "permissions.py", "RECORDS_ABOUT").keys}
	hooks = (APP_DIR / "hooks.py").read_text()
	start = hooks.index("# rows about a record (permissions.RECORDS_ABOUT)")
	loop = hooks[start : hooks.index("):", start)]
	hooked = set(re.findall(r'"([^"]+)"', loop))
	assert hooked == about, f"hooks.py and permissions.RECORDS_ABOUT differ: {sorted(hooked ^ about)}"


# --- workspaces and lists ---

WORKSPACE_FILES = sorted(APP_DIR.glob("*/workspace/*/*.json"))
# Shortcut counts may name the signed-in user; Frappe evaluates the filter in the browser.
SESSION_USER = "frappe.session.user"


def _report_names() -> set[str]:
	return {load(path)["name"] for path in REPORT_FILES}


@pytest.mark.parametrize("path", _params(WORKSPACE_FILES, "workspaces"))
def test_workspace(path: Path) -> None:
	where, meta = _rel(path), load(path)
	assert path.parent.name == scrub(meta["name"]) == path.stem, f"{where}: folder and file named as the name"
	assert path.parent.parent.parent.name == scrub(meta["module"]), f"{where}: module folder"
	roles = {row["role"] for row in meta.get("roles", [])}
	assert roles <= app_roles() | {SYSTEM_MANAGER}, f"{where}: unknown roles {roles - app_roles()}"
	doctypes, reports = app_doctypes(), _report_names()
	for shortcut in meta["shortcuts"]:
		target = shortcut["link_to"]
		known = doctypes if shortcut["type"] == "DocType" else reports
		assert target in known, f"{where}: shortcut {shortcut['label']!r} links to unknown {target!r}"
		if not shortcut.get("stats_filter"):
			continue
		filters = json.loads(shortcut["stats_filter"].replace(SESSION_USER, '"user"'))
		fieldnames = {f["fieldname"] for f in doctypes[target]["fields"]} | {"owner", "name"}
		for doctype, fieldname, *_rest in filters:
			assert (doctype, fieldname in fieldnames) == (target, True), (
				f"{where}: shortcut {shortcut['label']!r} filters on unknown field {doctype}.{fieldname}"
			)
	for link in meta["links"]:
		if link["type"] == "Link":
			assert link["link_to"] in (reports if link["link_type"] == "Report" else doctypes), (
				f"{where}: card link to unknown {link['link_to']!r}"
			)
	blocks = json.loads(meta["content"])
	shortcuts = {s["label"] for s in meta["shortcuts"]}
	cards = {link["label"] for link in meta["links"] if link["type"] == "Card Break"}
	for block in blocks:
		if block["type"] == "shortcut":
			assert block["data"]["shortcut_name"] in shortcuts, f"{where}: block names no shortcut"
		if block["type"] == "card":
			assert block["data"]["card_name"] in cards, f"{where}: block names no card"


def _tracked_doctypes() -> list[str]:
	"""The doctypes whose deadlines deadline_status.py tracks (read from its source: no frappe import here)."""
	tree = ast.parse((APP_DIR / "deadline_status.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TRACKED":
			return [key.value for key in node.value.keys]
	raise AssertionError("deadline_status.py defines no TRACKED")


@pytest.mark.parametrize("doctype", _tracked_doctypes())
def test_deadline_lists(doctype: str) -> None:
	"""Lists of records with deadlines: sorted by the next one, one status column coloured by the deadline."""
	meta = app_doctypes()[doctype]
	fields = {f["fieldname"]: f for f in meta["fields"]}
	assert {"next_deadline", "working_days_left", "deadline_order"} <= set(fields), (
		f"{doctype}: no next deadline fields"
	)
	assert (meta.get("sort_field"), meta.get("sort_order")) == ("deadline_order", "ASC")
	assert "deadline_order" in fields, f"{doctype}: no deadline order to sort by"
	assert fields["working_days_left"].get("in_list_view"), f"{doctype}: working days left not in the list"
	assert not fields["workflow_state"].get("in_list_view"), f"{doctype}: a second status column"
	workflow = next(load(p) for p in WORKFLOW_FILES if load(p)["document_type"] == doctype)
	assert workflow.get("override_status") == 1, f"{doctype}: the workflow hides the list's indicator"
	folder = next(p.parent for p in DOCTYPE_FILES if load(p)["name"] == doctype)
	list_js = folder / f"{folder.name}_list.js"
	assert "jlc.deadline_list(" in list_js.read_text(), f"{_rel(list_js)}: no deadline indicator"


def test_open_complaints_card_counts_every_open_state() -> None:
	"""The card lists the open states (an `in` filter uses the index; Frappe's `not in` wraps the column in
	IFNULL and scans): every state of the workflow but the terminal ones."""
	card = load(APP_DIR / "jlc_complaints/number_card/open_complaints/open_complaints.json")
	((_doctype, field, operator, states, _hidden),) = json.loads(card["filters_json"])
	workflow = load(APP_DIR / "jlc_complaints/workflow/complaint_lifecycle.json")
	terminal = {"Closed", "Withdrawn"}
	assert (field, operator) == ("workflow_state", "in")
	assert set(states) == set(_states(workflow)) - terminal
