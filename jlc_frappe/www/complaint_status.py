"""/complaint-status: the progress of a complaint, for the person who made it, through a one-time emailed link.

Asking for a link (reference and email) answers the same whether or not they match (jlc_complaints/status_link.py,
also behind the guest method jlc_frappe.api.public.request_status_link). Opening the link only asks whether it is
still good; pressing the button spends it, so a mail scanner that follows the link does not use it up.
"""

import frappe
from frappe import _

from jlc_frappe.jlc_complaints import status_link
from jlc_frappe.jlc_complaints.public_guard import request_ip
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import public_form
from jlc_frappe.translation import translate

no_cache = 1
sitemap = 0


def get_context(context):
	context.no_cache = 1
	context.title = _("Check the progress of a complaint")
	context.values, context.errors = {}, {}
	context.contact = get_settings().public_contact
	context.hours = status_link.LINK_HOURS
	form = frappe.form_dict
	key = form.get("key") if isinstance(form.get("key"), str) else ""
	posted = bool(frappe.request) and frappe.request.method == "POST"
	if posted and form.get("action") == "view":
		context.progress = status_link.use(key)
		context.link_state = "used" if context.progress else "spent"
	elif posted and form.get("action") == "request":
		_ask(context, form)
	elif key:
		context.key = key
		context.link_state = "live" if status_link.is_live(key) else "spent"
	return context


def _ask(context, form) -> None:
	values = {field: form.get(field) for field in ("reference", "email") if isinstance(form.get(field), str)}
	errors = public_form.check_status_request(values)
	if errors:
		context.values = values
		context.errors = {field: translate(message) for field, message in errors.items()}
		context.http_status_code = 422
		return
	try:
		status_link.request_link(values["reference"], values["email"], request_ip())
	except frappe.RateLimitExceededError as e:
		frappe.local.message_log = []
		context.values, context.errors, context.http_status_code = values, {"form": str(e)}, 429
		return
	context.asked, context.answer = True, status_link.same_answer()
