app_name = "jlc_frappe"
app_title = "JLC"
app_publisher = "JLC developers"
app_description = "NHS complaints, learning and duty of candour, with a just and learning culture"
app_email = "jlc-dev@example.invalid"
app_license = "MIT"

export_python_type_annotations = True

# Install, uninstall and tests (jlc_frappe/install.py)
after_install = "jlc_frappe.install.after_install"
before_uninstall = "jlc_frappe.install.before_uninstall"
before_tests = "jlc_frappe.install.before_tests"

# Row rules (jlc_frappe/permissions.py): one condition serves lists and documents
permission_query_conditions = {
	"Complaint": "jlc_frappe.permissions.complaint_query_conditions",
	"Complaint Aspect": "jlc_frappe.permissions.complaint_child_query_conditions",
	"Complaint Staff Involved": "jlc_frappe.permissions.complaint_child_query_conditions",
	"Complaint Response Due Change": "jlc_frappe.permissions.complaint_child_query_conditions",
}
has_permission = {
	"Complaint": "jlc_frappe.permissions.has_complaint_permission",
}

scheduler_events = {
	"daily": [
		"jlc_frappe.jlc_complaints.complaint_deadlines.refresh_deadline_statuses",
	],
}

# Form timeline versions: hide fields the reader may not read (jlc_frappe/docinfo.py)
override_whitelisted_methods = {
	"frappe.desk.form.load.getdoc": "jlc_frappe.docinfo.getdoc",
	"frappe.desk.form.load.get_docinfo": "jlc_frappe.docinfo.get_docinfo",
}
