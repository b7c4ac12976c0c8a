"""Methods the public may call without a login (issue 10). Each one checks what it is sent, is rate limited,
and answers without telling whether any complaint exists: guests never get a permission on Complaint or JLC
Person, and read nothing of either through these methods."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from jlc_frappe.jlc_complaints import status_link
from jlc_frappe.jlc_complaints.public_guard import HOUR, request_ip
from jlc_frappe.rules import public_form
from jlc_frappe.translation import translate


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=30, seconds=HOUR)
def request_status_link(reference: str, email: str) -> str:
	"""Email a one-time link to a complaint's progress to `email`, only if it is the complainant's address on
	complaint `reference`. The answer is the same either way (status_link.py)."""
	errors = public_form.check_status_request({"reference": reference, "email": email})
	if errors:
		frappe.throw(" ".join(translate(m) for m in errors.values()), title=_("Check your answers"))
	status_link.request_link(reference, email, request_ip())
	return status_link.same_answer()
