app_name = "jlc_frappe"
app_title = "JLC"
app_publisher = "JLC developers"
app_description = "NHS complaints, learning and duty of candour, with a just and learning culture"
app_email = "jlc-dev@example.invalid"
app_license = "MIT"

export_python_type_annotations = True

# List queries on JLC doctypes never show, nor filter by, fields above the reader's permlevel (compat.py):
# installed at the start of every request, job and test run.
before_request = ["jlc_frappe.compat.guard_field_level_reads"]
before_job = ["jlc_frappe.compat.guard_field_level_reads"]

# Desk helpers shared by JLC forms (needs `bench build --app jlc_frappe` once, as every app with assets)
app_include_js = "/assets/jlc_frappe/js/jlc.js"
app_include_css = "/assets/jlc_frappe/css/jlc.css"

# Install, uninstall and tests (jlc_frappe/install.py)
after_install = "jlc_frappe.install.after_install"
before_uninstall = "jlc_frappe.install.before_uninstall"
before_tests = "jlc_frappe.install.before_tests"

# Row rules (jlc_frappe/permissions.py): one condition per doctype serves lists, documents and reports;
# child tables follow their parent. Keep this list equal to ROW_RULES and CHILD_TABLES there.
_RULED_DOCTYPES = (
	"JLC Person",
	"Complaint",
	"Complaint Aspect",
	"Complaint Staff Involved",
	"Complaint Response Due Change",
	"Learning Action",
	"Learning Action Source",
	"Learning Action Due Change",
	"Complaints Panel Meeting",
	"Panel Meeting Attendee",
	"Panel Meeting Case",
	"Panel Meeting Action Review",
	"Ombudsman Referral",
	"Ombudsman Recommendation",
	"Staff Support Record",
	"Staff Support Update",
	"Staff Support Feedback",
	"Fair Treatment Review",
	"Fair Treatment Answer",
	"Fair Treatment Assessor",
	"CQC Request",
)
permission_query_conditions = {d: "jlc_frappe.permissions.query_conditions" for d in _RULED_DOCTYPES}
has_permission = {d: "jlc_frappe.permissions.has_permission" for d in _RULED_DOCTYPES}
# Attachments of records with patient identifiers: for readers of the patient fields (permissions.py)
permission_query_conditions["File"] = "jlc_frappe.permissions.attachment_query_conditions"
has_permission["File"] = "jlc_frappe.permissions.attachment_permission"

doc_events = {
	"*": {"before_validate": "jlc_frappe.doc_changes.protect_read_only_fields"},
	"Complaint": {"on_update": "jlc_frappe.jlc_safety.candour.on_complaint_update"},
	# each JLC role lands on its workspace (desk_home.py)
	"User": {"validate": "jlc_frappe.desk_home.set_home"},
	# the handler and the complaint's assignment kept in step (complaint_people.py)
	"ToDo": {"on_update": "jlc_frappe.jlc_complaints.complaint_people.handler_follows_assignment"},
	# the timeline shows what people changed, not the next deadline moving on (deadline_status.py)
	"Version": {"before_insert": "jlc_frappe.deadline_status.keep_derived_fields_out_of_history"},
}

# ERPNext is optional: its Employee link on staff support records comes and goes with it
after_app_install = "jlc_frappe.install.after_app_install"
before_app_uninstall = "jlc_frappe.install.before_app_uninstall"

scheduler_events = {
	"daily": [
		"jlc_frappe.deadline_status.refresh_all_deadline_statuses",
		"jlc_frappe.jlc_learning.doctype.cqc_request.cqc_request.refresh_cqc_request_statuses",
	],
}

# Form timeline versions: hide fields the reader may not read (jlc_frappe/docinfo.py)
override_whitelisted_methods = {
	"frappe.desk.form.load.getdoc": "jlc_frappe.docinfo.getdoc",
	"frappe.desk.form.load.get_docinfo": "jlc_frappe.docinfo.get_docinfo",
}

# --- read guards (jlc_frappe/read_guards/) ---
# Frappe's generic read paths, closed once for the whole site. Request parameters are checked in auth_hooks,
# which Frappe runs for every request once the caller is known (an API-token caller is still Guest in
# before_request); the process-wide guards are put in place at the start of every request, job and test run.


# (functions in hooks.py are not hooks)
def _add_hook(hooks: dict, key: str, method: str, event: str | None = None) -> None:
	target, key = (hooks.setdefault(key, {}), event) if event else (hooks, key)
	current = target.get(key) or []
	target[key] = [*([current] if isinstance(current, str) else current), method]


auth_hooks = ["jlc_frappe.read_guards.requests.check_request"]
before_request.append("jlc_frappe.read_guards.patches.install")
before_job.append("jlc_frappe.read_guards.patches.install")
before_tests = [before_tests, "jlc_frappe.read_guards.patches.install"]
override_whitelisted_methods["frappe.client.get"] = "jlc_frappe.read_guards.endpoints.get"
override_whitelisted_methods["frappe.client.get_count"] = "jlc_frappe.read_guards.endpoints.get_count"
override_whitelisted_methods["frappe.desk.listview.get_group_by_count"] = (
	"jlc_frappe.read_guards.endpoints.get_group_by_count"
)
# rows about a record (permissions.RECORDS_ABOUT) follow the record; their lists are guarded in DatabaseQuery
for _doctype in (
	"File",
	"Comment",
	"Communication",
	"ToDo",
	"Tag Link",
	"DocShare",
	"Document Follow",
	"Version",
	"Notification Log",
	"Activity Log",
	"Access Log",
):
	_add_hook(has_permission, _doctype, "jlc_frappe.permissions.record_permission")
_add_hook(doc_events, "ToDo", "jlc_frappe.read_guards.events.check_todo", "validate")
_add_hook(doc_events, "ToDo", "jlc_frappe.read_guards.events.check_assignee", "on_update")
_add_hook(doc_events, "DocShare", "jlc_frappe.read_guards.events.check_share", "validate")
_add_hook(doc_events, "Tag Link", "jlc_frappe.read_guards.events.blank_tag_title", "validate")
_add_hook(doc_events, "Document Follow", "jlc_frappe.read_guards.events.check_follow", "validate")
_add_hook(doc_events, "File", "jlc_frappe.read_guards.events.check_attachment", "validate")
_add_hook(doc_events, "*", "jlc_frappe.read_guards.events.refuse_child_row_write", "validate")
_add_hook(doc_events, "*", "jlc_frappe.read_guards.events.check_links", "validate")
_add_hook(doc_events, "*", "jlc_frappe.read_guards.events.refuse_child_row_write", "on_trash")
