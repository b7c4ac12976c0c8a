"""/complaint-feedback: the survey a closed complaint's one-time link opens (no login; experience_survey.py)."""

import frappe
from frappe import _

from jlc_frappe.jlc_complaints import experience_survey

no_cache = 1
sitemap = 0


def get_context(context):
	args = frappe.form_dict
	context.update(
		experience_survey.page_context(args.get("token"), args.get("invitation"), args.get("problem"))
	)
	context.title = _("How did we handle the complaint?")
	context.show_sidebar = False
	context.no_breadcrumbs = True
	# a signed-in member of staff posts the form with their session's token (Frappe checks it)
	context.csrf_token = frappe.sessions.get_csrf_token() if frappe.session.user != "Guest" else ""
	return context
