"""One-time links to a complaint's progress for the person who made it (/complaint-status, issue 10).

Asking (reference and email) gives the same answer whether or not they match, and in the same time: the request
only queues a job (`send_link`), which checks the pair and, if it matches, emails a link to the complainant's
address. The link shows the stage and the dates, never the content; it works once and expires.

Tokens live in the cache (Redis), as a SHA-256 hash with an expiry, not in a doctype: Redis forgets them by
itself when they expire, and using one is a single atomic take (read and delete), so a link cannot be used twice
even by two clicks at once. Nothing about who asked after which complaint lands in a table a desk role could
list, and no clean-up job is needed. The cost: clearing or restarting Redis voids the links not yet used, and the
person asks again. What was sent and used is kept as comments on the complaint, for the complaints team.
"""

import hashlib
import secrets

import frappe
from frappe import _
from frappe.utils import formatdate, get_url, getdate, today

from jlc_frappe.jlc_complaints.public_guard import Limit, as_system, refuse_over_limit
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import public_form as form
from jlc_frappe.translation import translate

LINK_HOURS = 24
PAGE = "/complaint-status"
SEND = "jlc_frappe.jlc_complaints.status_link.send_link"
# per hour: requests from one address, and links asked for one email address or one reference
REQUESTS_PER_ADDRESS = Limit("status-posts", 10)
REQUESTS_PER_EMAIL = Limit("status-email", 3)
REQUESTS_PER_REFERENCE = Limit("status-reference", 3)


def same_answer() -> str:
	"""What everyone who asks is told, whether or not the reference and email match."""
	return _(
		"If the reference and email address match a complaint, we have emailed a link to that address. The link "
		"works once, for {0} hours. If it does not arrive in the next hour, check the reference and email "
		"address and try again, or contact the complaints team."
	).format(LINK_HOURS)


def request_link(reference: str, email: str, ip: str) -> None:
	"""Queue the check and the email; throws only for limits, which count every request alike."""
	reference, email = reference.strip().upper(), form.normal_email(email)
	spent = [
		REQUESTS_PER_ADDRESS.spend(ip),
		REQUESTS_PER_EMAIL.spend(email),
		REQUESTS_PER_REFERENCE.spend(reference),
	]
	if not all(spent):
		refuse_over_limit()
	frappe.enqueue(SEND, queue="short", reference=reference, email=email, now=bool(frappe.flags.in_test))


def send_link(reference: str, email: str) -> None:
	"""Background job: if `email` is the complainant's address on complaint `reference`, email them a link."""
	row = frappe.db.get_value("Complaint", reference, ["name", "complainant"], as_dict=True)
	address = frappe.db.get_value("JLC Person", row.complainant, "email") if row and row.complainant else None
	if not address or form.normal_email(address) != form.normal_email(email):
		return
	token = secrets.token_urlsafe(32)
	frappe.cache.set(_key(token), row.name, ex=LINK_HOURS * 60 * 60)
	try:
		_send(row.name, address, token)
	except frappe.OutgoingEmailError:  # a site that cannot send email: the link is no use to anyone
		frappe.cache.delete(_key(token))
		frappe.log_error(title="Complaint status link not sent")
		return
	_note(
		row.name,
		_("The complainant asked to see the complaint's progress online; a one-time link was emailed."),
	)


def _send(reference: str, address: str, token: str) -> None:
	frappe.sendmail(
		recipients=[address],
		subject=_("Your complaint {0}: see its progress").format(reference),
		template="jlc_complaint_status_link",
		args={
			"reference": reference,
			"link": get_url(f"{PAGE}?key={token}"),
			"hours": LINK_HOURS,
			"request_url": get_url(PAGE),
			"contact": get_settings().public_contact,
		},
		reference_doctype="Complaint",
		reference_name=reference,
		delayed=True,
	)


def is_live(token: str) -> bool:
	"""Whether a link can still be used (the page asks before using it, so a mail scanner's visit spends nothing)."""
	return bool(token) and bool(frappe.cache.exists(_name(token)))  # exists() makes the key itself


def use(token: str) -> dict | None:
	"""Spend the link: the complaint's public progress, or None when the link is unknown, used or expired."""
	if not token:
		return None
	pipe = frappe.cache.pipeline()  # one transaction: the first use takes it, any other finds nothing
	pipe.get(_key(token))
	pipe.delete(_key(token))
	name, deleted = pipe.execute()
	if not name or not deleted:
		return None
	name = name.decode()
	progress = public_progress(name)
	if progress:
		_note(name, _("The complainant looked at the complaint's progress with their one-time link."))
	return progress


def public_progress(name: str) -> dict | None:
	"""The stage and dates of a complaint, in the public's words; no content, nobody's name."""
	fields = ["name", "workflow_state", "received_on", "acknowledgement_due", "acknowledged_on"]
	fields += ["response_due", "response_sent_on"]
	doc = frappe.db.get_value("Complaint", name, fields, as_dict=True)
	if not doc:
		return None
	stage = form.public_stage(doc.workflow_state)
	dates = [(_("Received"), doc.received_on)]
	if doc.acknowledged_on:
		dates.append((_("Acknowledged"), doc.acknowledged_on))
	elif doc.workflow_state not in ("Withdrawn", "Closed") and doc.acknowledgement_due:
		dates.append((_("We aim to acknowledge it by"), doc.acknowledgement_due))
	late = False
	if doc.response_sent_on:
		dates.append((_("Response sent"), doc.response_sent_on))
	elif doc.workflow_state not in ("Withdrawn", "Closed") and doc.response_due:
		late = getdate(doc.response_due) < getdate(today())
		label = _("We aimed to send our response by") if late else _("We expect to send our response by")
		dates.append((label, doc.response_due))
	return {
		"reference": doc.name,
		"stage": translate(stage),
		"explanation": translate(form.STAGE_EXPLANATIONS[stage]),
		"dates": [{"label": label, "date": formatdate(value, "d MMMM yyyy")} for label, value in dates],
		"late": late,
	}


def _name(token: str) -> str:
	return "jlc:status-link:" + hashlib.sha256(token.encode()).hexdigest()


def _key(token: str) -> str:
	return frappe.cache.make_key(_name(token))


def _note(complaint: str, text: str) -> None:
	"""A comment on the complaint's timeline for the complaints team, made as the system (never as Guest)."""
	with as_system():
		frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Info",
				"reference_doctype": "Complaint",
				"reference_name": complaint,
				"content": text,
			}
		).insert(ignore_permissions=True)
