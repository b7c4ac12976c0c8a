"""/make-a-complaint: the public complaint form (issue 10), for anyone, without a login.

A website route, not a Frappe Web Form: a Web Form on Complaint would give Guest the doctype's fields and write
the people's virtual fields through identity.py, which lets whoever writes them change a person JLC already
holds. Here the page posts to itself (it works without JavaScript), the answers are checked in words
(rules/public_form.py) and stored by jlc_complaints/public_complaint.py; Guest gets no permission on anything.
"""

import frappe
from frappe import _

from jlc_frappe.jlc_complaints import public_complaint
from jlc_frappe.jlc_complaints.public_guard import request_ip
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import public_form

no_cache = 1
sitemap = 0


def get_context(context):
	context.no_cache = 1
	context.title = _("Make a complaint")
	context.values, context.errors = {}, {}
	if frappe.request and frappe.request.method == "POST":
		values = {k: v for k, v in frappe.form_dict.items() if isinstance(v, str)}
		outcome = public_complaint.submit(values, frappe.request.files.getlist("attachments"), request_ip())
		if outcome.sent:
			context.sent, context.reference, context.emailed = True, outcome.reference, outcome.emailed
		else:
			context.values, context.errors = values, outcome.errors
			context.http_status_code = outcome.http_status
	context.form_token = frappe.generate_hash(length=32)
	context.contact = get_settings().public_contact
	context.fields = public_form.FORM_ORDER
	context.max_files, context.max_mb = public_form.MAX_FILES, public_form.MAX_FILE_MB
	context.max_bytes = public_form.MAX_FILE_BYTES
	context.endings = ",".join(public_form.ACCEPTED_ENDINGS)
	return context
