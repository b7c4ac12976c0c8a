from jlc_frappe.rules.retention import RETAINED_DOCTYPES  # pure Python: the records retention applies to

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
	"JLC Reminder Sent",
	"Experience Invitation",
	"Experience Invitation Area",
	"JLC Training Record",
	"JLC Staff Objectives",
	"JLC Staff Objective",
)
permission_query_conditions = {d: "jlc_frappe.permissions.query_conditions" for d in _RULED_DOCTYPES}
has_permission = {d: "jlc_frappe.permissions.has_permission" for d in _RULED_DOCTYPES}
# Attachments of records with patient identifiers: for readers of the patient fields (permissions.py)
permission_query_conditions["File"] = "jlc_frappe.permissions.attachment_query_conditions"
has_permission["File"] = "jlc_frappe.permissions.attachment_permission"

doc_events = {
	"*": {"before_validate": "jlc_frappe.doc_changes.protect_read_only_fields"},
	"Complaint": {
		"on_update": [
			"jlc_frappe.jlc_safety.candour.on_complaint_update",
			# who is told what, as it happens (reminders/events.py)
			"jlc_frappe.reminders.events.on_complaint_update",
			# feedback asked of the complainant and staff involved when it closes (experience_survey.py)
			"jlc_frappe.jlc_complaints.experience_survey.invite_on_close",
		],
		# a deleted complaint takes its feedback invitations; the answers, which name nobody, stay
		"on_trash": "jlc_frappe.jlc_complaints.experience_survey.forget_complaint",
	},
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
		# after the statuses are true for the day: reminders, each sent once (jlc_frappe/reminders)
		"jlc_frappe.reminders.send_due_reminders",
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

# --- letters and the complaints mailbox (jlc_frappe/letters/) ---
# the letters' print formats fill themselves with jlc_letter(doc, "<letter>") (render.py)
jinja = {"methods": ["jlc_frappe.letters.render.jlc_letter"]}
# emails the complaints mailbox receives become complaints, or join the complaint they answer (mailbox.py)
_add_hook(doc_events, "Communication", "jlc_frappe.letters.mailbox.take_in", "after_insert")
_add_hook(doc_events, "Communication", "jlc_frappe.letters.mailbox.keep_attachments", "on_update")
_add_hook(doc_events, "Email Account", "jlc_frappe.letters.mailbox.keep_senders_private", "validate")
_add_hook(doc_events, "JLC Settings", "jlc_frappe.letters.mailbox.check_settings", "validate")
# the form timeline's further pages of emails, as its first page: for readers of the record's people (docinfo.py)
override_whitelisted_methods["frappe.desk.form.load.get_communications"] = (
	"jlc_frappe.docinfo.get_communications"
)

# --- the public learning page (jlc_frappe/www/learning.py) ---
# its cached data is cleared when a shared learning action changes (public_learning.py)
for _event in ("on_change", "on_trash"):
	_add_hook(
		doc_events, "Learning Action", "jlc_frappe.jlc_learning.public_learning.on_action_change", _event
	)

# --- records management: retention and subject access (jlc_frappe/jlc_records/) ---
# weekly, on the long queue: anonymise what has passed its retention period; daily: subject access statuses
scheduler_events.setdefault("weekly", []).append("jlc_frappe.jlc_records.retention.enqueue_weekly_disposal")
scheduler_events["daily"].append(
	"jlc_frappe.jlc_records.doctype.subject_access_request.subject_access_request.refresh_subject_access_statuses"
)
# records under a retention policy (rules.retention.RETAINED_DOCTYPES): closure dates kept by JLC, anonymised
# records never changed; their forms (and a person's) offer the legal hold and a subject access request
doctype_js = {}
for _doctype in RETAINED_DOCTYPES:
	_add_hook(doc_events, _doctype, "jlc_frappe.jlc_records.record_keeping.on_validate", "validate")
	_add_hook(doctype_js, _doctype, "public/js/jlc_records.js")
_add_hook(doctype_js, "JLC Person", "public/js/jlc_records.js")
# the desk's scripts read the retained doctypes from the boot (frappe.boot.jlc_retained_doctypes)
extend_bootinfo = ["jlc_frappe.jlc_records.record_keeping.extend_bootinfo"]
