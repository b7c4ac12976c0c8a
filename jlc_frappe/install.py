"""Install and uninstall JLC on a site, symmetrically.

after_install makes what a site may later edit (roles, settings defaults, KO41a masters, workflows);
before_uninstall removes all of it, and every record about JLC documents, so nothing of ours is left behind.
`find_leftovers` says what would remain; .ci/run calls it after a real uninstall.
"""

import json
import os

import frappe
from frappe.utils import getdate, nowdate

from jlc_frappe.deadline_status import TRACKED
from jlc_frappe.desk_home import HOMES, set_homes
from jlc_frappe.jlc_complaints.doctype.experience_question_set.experience_question_set import (
	seed_experience_question_sets,
)
from jlc_frappe.jlc_learning.staff_training import seed_staff_training
from jlc_frappe.jlc_records import install as records
from jlc_frappe.letters import install as letters
from jlc_frappe.reminders.settings import seed_reminder_kinds
from jlc_frappe.rules.reporting import reporting_year_of

APP = "jlc_frappe"
# Role: what it is for (the README says which users get it).
ROLES = {
	"Complaints Manager": "Runs the complaints service: sees and manages every complaint.",
	"Complaints Handler": "Handles the complaints they are given, with the patient's details.",
	"Responsible Person": "Chief executive or delegate: reads all complaints and signs off responses.",
	"Senior Leader": "Board and executives: oversight of complaints without patient identifiers.",
	"Complaints Panel Member": "Reviews complaints and learning at panel meetings.",
	"Patient Safety Lead": "Owns patient safety incidents and the duty of candour.",
	"Claims Lead": "Owns claims from NHS Resolution.",
	"JLC Staff": "Any member of staff: logs a complaint received at the front line.",
}
WORKFLOW_FILES = (
	"jlc_complaints/workflow/complaint_lifecycle.json",
	"jlc_learning/workflow/learning_action_lifecycle.json",
	"jlc_learning/workflow/complaints_panel_meeting_lifecycle.json",
	"jlc_safety/workflow/candour_notification_lifecycle.json",
)
# Fields on our doctypes that exist only while ERPNext is installed.
ERPNEXT_FIELDS = {
	"Staff Support Record": [
		{
			"fieldname": "employee",
			"label": "Employee",
			"fieldtype": "Link",
			"options": "Employee",
			"insert_after": "staff_member_name",
		},
	],
	# training records and objectives name the person's Employee (department for Training Compliance)
	**{
		doctype: [
			{
				"fieldname": "employee",
				"label": "Employee",
				"fieldtype": "Link",
				"options": "Employee",
				"insert_after": "staff_member_name",
				"read_only": 1,
			}
		]
		for doctype in ("JLC Training Record", "JLC Staff Objectives")
	},
}
MASTER_DOCTYPES = ("Complaint Subject Area", "Complaint Service Area", "Staff Group")
# Framework records that point at documents of a given doctype: {doctype: field naming the doctype}.
RECORDS_ABOUT_DOCTYPES = {
	"Comment": "reference_doctype",
	"Communication": "reference_doctype",
	"Version": "ref_doctype",
	"ToDo": "reference_type",
	"DocShare": "share_doctype",
	"Notification Log": "document_type",
	"Activity Log": "reference_doctype",
	"Document Follow": "ref_doctype",
	"Tag Link": "document_type",
	"Deleted Document": "deleted_doctype",
	"Access Log": "export_from",
	"Custom Field": "dt",
	"Property Setter": "doc_type",
	"Client Script": "dt",
	"Custom DocPerm": "parent",
	"User Permission": "allow",
	"Assignment Rule": "document_type",
	"Workflow": "document_type",
	"Notification": "document_type",
	"Report": "ref_doctype",
	"File": "attached_to_doctype",
	"List View Settings": "name",
	"Email Queue": "reference_doctype",
}
# Site-made records of these doctypes are deleted through their controllers (files on disk, caches);
# standard ones belong to our modules and go with them.
_DELETE_THROUGH_CONTROLLER = {
	"File": {},
	"Email Queue": {},  # with its recipients
	"Workflow": {},
	"Report": {"is_standard": "No"},
	"Notification": {"is_standard": 0},
}


def _data(relative_path: str) -> dict:
	with open(os.path.join(frappe.get_app_path(APP), relative_path)) as f:
		return json.load(f)


# --- install --------------------------------------------------------------------------------------------------


def after_install():
	create_roles()
	set_settings_defaults()
	seed_reminder_kinds()
	seed_ko41a_masters()
	seed_learning_themes()
	seed_question_sets()
	seed_experience_question_sets()
	seed_staff_training()
	create_workflows()
	set_list_columns()
	set_homes()
	letters.after_install()
	records.after_install()
	if "erpnext" in frappe.get_installed_apps():
		after_app_install("erpnext")


def create_roles():
	for role in ROLES:
		if frappe.db.exists("Role", role):
			frappe.db.set_value("Role", role, "desk_access", 1)
		else:
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def set_settings_defaults():
	defaults = _data("jlc_setup/data/settings_defaults.json")
	settings = frappe.get_single("JLC Settings")
	tables = {
		"timescale_presets": ("preset", "working_days"),
		"severity_timescales": ("severity", "preset"),
		"age_bands": ("band", "from_age"),
	}
	for fieldname, columns in tables.items():
		if not settings.get(fieldname):
			for values in defaults[fieldname]:
				settings.append(fieldname, dict(zip(columns, values, strict=True)))
	for fieldname, value in defaults.items():
		if fieldname not in tables and not fieldname.startswith("_") and not settings.get(fieldname):
			settings.set(fieldname, value)
	settings.flags.ignore_permissions = True
	settings.save()


def seed_ko41a_masters(on_date=None):
	"""KO41a categories for the reporting year of `on_date` (default today), where not already there."""
	year = reporting_year_of(getdate(on_date or nowdate()))
	taxonomy = _data("jlc_setup/data/ko41a_taxonomy.json")
	for doctype in MASTER_DOCTYPES:
		for code, title in taxonomy[doctype]:
			if not frappe.db.exists(doctype, f"{code} {year}"):
				frappe.get_doc(
					{"doctype": doctype, "code": code, "title": title, "reporting_year": year, "active": 1}
				).insert(ignore_permissions=True)


def seed_learning_themes():
	for theme in _data("jlc_learning/data/learning_themes.json")["themes"]:
		_ensure("Learning Theme", theme, {"theme": theme})


def seed_question_sets():
	"""The just culture guide and the Being fair tool, as editable, versioned question sets."""
	for question_set in _data("jlc_safety/data/fair_treatment_question_sets.json")["question_sets"]:
		name = f"{question_set['set_name']} v{question_set['version']}"
		if not frappe.db.exists("Fair Treatment Question Set", name):
			frappe.get_doc({"doctype": "Fair Treatment Question Set", "active": 1, **question_set}).insert(
				ignore_permissions=True
			)


def after_app_install(app_name: str):
	if app_name == "erpnext":
		from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

		create_custom_fields(ERPNEXT_FIELDS, ignore_validate=True)


def before_app_uninstall(app_name: str):
	if app_name == "erpnext":
		for doctype, fields in ERPNEXT_FIELDS.items():
			for field in fields:
				frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
		frappe.clear_cache()


def create_workflows():
	for path in WORKFLOW_FILES:
		definition = _data(path)
		styles = definition.pop("state_styles", {})
		for row in definition["states"]:
			_ensure(
				"Workflow State",
				row["state"],
				{"workflow_state_name": row["state"], "style": styles.get(row["state"], "")},
			)
		for row in definition["transitions"]:
			_ensure("Workflow Action Master", row["action"], {"workflow_action_name": row["action"]})
		if not frappe.db.exists("Workflow", definition["name"]):
			frappe.get_doc(definition).insert(ignore_permissions=True)


def set_list_columns():
	"""Lists of records with deadlines show the handler, the date and the working days left at any width that
	has room (Frappe shows one field beside the status below 1366 pixels unless told otherwise)."""
	for doctype in TRACKED:
		_ensure("List View Settings", doctype, {"name": doctype, "total_fields": 6})


def _ensure(doctype: str, name: str, values: dict):
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


# --- uninstall ------------------------------------------------------------------------------------------------


def _our_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": ("in", _our_modules())}, pluck="name")


def _our_modules() -> list[str]:
	return frappe.get_module_list(APP)


def _workflow_names() -> tuple[set[str], set[str], set[str]]:
	workflows, states, actions = set(), set(), set()
	for path in WORKFLOW_FILES:
		definition = _data(path)
		workflows.add(definition["name"])
		states |= {row["state"] for row in definition["states"]}
		actions |= {row["action"] for row in definition["transitions"]}
	return workflows, states, actions


def before_uninstall():
	doctypes = _our_doctypes()
	workflows, states, actions = _workflow_names()
	for name in workflows:
		frappe.delete_doc("Workflow", name, ignore_missing=True, force=True, ignore_permissions=True)
	letters.before_uninstall(doctypes)
	records.before_uninstall()
	for doctype, fieldname in RECORDS_ABOUT_DOCTYPES.items():
		_delete_records(doctype, {fieldname: ("in", doctypes)})
	frappe.db.delete("Notification Log", {"link": ("like", "/complaint-feedback?%")})  # experience_survey.py
	_delete_unused("Workflow State", states, "Workflow Document State", "state")
	_delete_unused("Workflow Action Master", actions, "Workflow Transition", "action")
	homes = [workspace for workspace, _roles in HOMES]
	frappe.db.set_value("User", {"default_workspace": ("in", homes)}, "default_workspace", None)
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc("Role", role, ignore_missing=True, force=True, ignore_permissions=True)
	frappe.clear_cache()


def _delete_records(doctype: str, filters: dict):
	if not frappe.db.table_exists(doctype):
		return
	if doctype in _DELETE_THROUGH_CONTROLLER:
		filters = {**filters, **_DELETE_THROUGH_CONTROLLER[doctype]}
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	else:
		frappe.db.delete(doctype, filters)


def _delete_unused(doctype: str, names: set[str], used_in: str, fieldname: str):
	used = set(frappe.get_all(used_in, filters={fieldname: ("in", list(names))}, pluck=fieldname))
	for name in names - used:
		frappe.delete_doc(doctype, name, ignore_missing=True, force=True, ignore_permissions=True)


def find_leftovers() -> dict[str, list[str]]:
	"""What JLC would leave on the site: empty after a clean uninstall."""
	doctypes = _our_doctypes()
	workflows, states, actions = _workflow_names()
	found = {
		"Role": frappe.get_all("Role", filters={"name": ("in", list(ROLES))}, pluck="name"),
		"DocType": doctypes,
		"Module Def": frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name"),
		"Workflow": frappe.get_all("Workflow", filters={"name": ("in", list(workflows))}, pluck="name"),
		"Workflow State": frappe.get_all(
			"Workflow State", filters={"name": ("in", list(states))}, pluck="name"
		),
		"Workflow Action Master": frappe.get_all(
			"Workflow Action Master", filters={"name": ("in", list(actions))}, pluck="name"
		),
	}
	known = doctypes or _doctypes_named_in_source()
	for doctype, fieldname in RECORDS_ABOUT_DOCTYPES.items():
		if frappe.db.table_exists(doctype):
			filters = {fieldname: ("in", known), **_DELETE_THROUGH_CONTROLLER.get(doctype, {})}
			found[doctype] = frappe.get_all(doctype, filters=filters, pluck="name")
	found.update(letters.leftovers(known))
	found.update(records.leftovers())
	return {key: names for key, names in found.items() if names}


def _doctypes_named_in_source() -> list[str]:
	"""Our doctype names read from the app's JSON (after uninstall the DocType records are gone)."""
	names, root = [], frappe.get_app_path(APP)
	for module in os.listdir(root):
		folder = os.path.join(root, module, "doctype")
		if os.path.isdir(folder):
			for name in os.listdir(folder):
				path = os.path.join(folder, name, name + ".json")
				if os.path.exists(path):
					with open(path) as f:
						names.append(json.load(f)["name"])
	return names


# --- tests ----------------------------------------------------------------------------------------------------


def before_tests():
	"""Make a fresh test site English: complete the setup wizard for the UK if needed."""
	from jlc_frappe.compat import guard_field_level_reads

	guard_field_level_reads()
	frappe.clear_cache()
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		setup_complete(
			{
				"language": "English",
				"email": "test@example.com",
				"full_name": "Test User",
				"password": "test",
				"country": "United Kingdom",
				"timezone": "Europe/London",
				"currency": "GBP",
			}
		)
	after_install()
	frappe.db.commit()  # the test runner's own setup step, not request code
