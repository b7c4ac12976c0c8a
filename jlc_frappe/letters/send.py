"""The desk's "Send letter" (public/js/letters.js, from the complaint and candour forms).

Which letters fit the record now, the filled letter for the sender to edit, then either an email through Frappe's
email queue or a PDF to post. Either way the letter is kept on the record as a Communication with the PDF
attached, and recorded where the record keeps it: the acknowledgement and the response through the complaint's
workflow actions, the written candour notification through the candour record's, the exclusion and the holding
letter as their dates. The workflow and the record's own rules (complaint_lifecycle.py, jlc_safety/candour.py) decide
whether the move may happen; a refusal sends nothing and records nothing.
"""

import re
from email.utils import formataddr

import frappe
from frappe import _
from frappe.core.doctype.communication.email import make
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import cint, getdate, strip_html, today
from frappe.utils.html_utils import sanitize_html
from frappe.utils.pdf import get_pdf

from jlc_frappe import permissions
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.letters import render
from jlc_frappe.letters.files import attach_to_record
from jlc_frappe.rules import letters as rules
from jlc_frappe.translation import translate

EMAIL, POST = "Email", "Post"
PDF_URL = "/api/method/jlc_frappe.letters.send.letter_pdf?communication="
# wkhtmltopdf (unpatched Qt, as Frappe 15 runs it) draws text at about three quarters of its CSS size: the PDF of a
# letter is drawn larger, so that its 11pt type is 11pt on paper (the desk's print preview keeps the CSS sizes). The
# print view's buttons are hidden by the site stylesheet the PDF goes without (_without_stylesheets).
PDF_STYLE = "<style>.jlc-letter { zoom: 1.36; } .print-hide { display: none; }</style>"
STYLESHEET = re.compile(r'<link[^>]*\bhref="(/assets/[^"]+\.css)"[^>]*>')


@frappe.whitelist(methods=["GET", "POST"])
def letter_options(doctype: str, name: str) -> dict:
	"""The record's letters, each with why it cannot be sent now (empty when it can), the one that fits best and
	the address to email it to."""
	doc = _record(doctype, name)
	problems = _problems(doc)
	available = [letter for letter, found in problems.items() if not found]
	return {
		"letters": [
			{"letter": letter, "problems": [translate(p) for p in found]}
			for letter, found in problems.items()
		],
		"fitting": rules.fitting_letter(available, bool(doc.get("exclusion_explained_on"))),
		"email": render.recipient_email(doc),
		"sent": frappe.get_all(
			"Communication",
			filters={
				"reference_doctype": doctype,
				"reference_name": name,
				"email_template": ("in", rules.LETTERS[doctype]),
			},
			fields=[
				"name",
				"email_template as letter",
				"communication_date",
				"communication_medium",
				"owner",
			],
			order_by="creation desc",
		),
	}


@frappe.whitelist(methods=["GET", "POST"])
def fill_letter(doctype: str, name: str, letter: str) -> dict:
	"""The letter filled from the record, for the sender to read and edit before sending it."""
	doc = _record(doctype, name)
	subject, body = render.fill(letter, render.context(doc, letter))
	return {"subject": subject, "body": body}


@frappe.whitelist(methods=["POST"])
def send_letter(
	doctype: str,
	name: str,
	letter: str,
	subject: str,
	body: str,
	send_by: str,
	recipients: str | None = None,
) -> dict:
	"""Send the (edited) letter by email, or make its PDF for post; record it on the record. Returns the
	Communication kept and the URL of its PDF."""
	doc = _record(doctype, name)
	if letter not in rules.LETTERS[doctype] or send_by not in (EMAIL, POST):
		frappe.throw(_("Choose one of the letters of this record, and how to send it."))
	problems = _problems(doc)[letter]
	if problems:
		frappe.throw(
			"<br>".join(translate(p) for p in problems),
			title=_("The {0} cannot be sent now").format(_(letter)),
		)
	if send_by == EMAIL and not (recipients or "").strip():
		frappe.throw(_("Give the email address to send the letter to."))
	sender = _sender(doc)
	if send_by == EMAIL:
		EmailAccount.find_outgoing(match_by_email=sender, match_by_doctype=doctype, _raise_error=True)
	subject, body = " ".join(strip_html(subject or "").split()), sanitize_html(body or "")
	frappe.db.savepoint("jlc_send_letter")
	try:
		doc = RECORD[letter](doc)
		pdf = _pdf(doc, letter, subject, body)
		communication = make(
			doctype=doctype,
			name=doc.name,
			subject=subject,
			content=body,
			sender=sender,
			recipients=recipients if send_by == EMAIL else None,
			communication_medium="Email" if send_by == EMAIL else "Other",
			send_email=send_by == EMAIL,
			attachments=[
				{"fname": rules.letter_file_name(doc.name, letter, getdate(today())), "fcontent": pdf}
			],
			email_template=letter,
			print_letterhead=False,
		)["name"]
		attach_to_record(communication, doctype, doc.name)
	except Exception:
		frappe.db.rollback(save_point="jlc_send_letter")
		raise
	return {"communication": communication, "pdf_url": PDF_URL + communication}


@frappe.whitelist(methods=["GET"])
def letter_pdf(communication: str) -> None:
	"""Download the PDF of a letter sent from a record, for those who may read the record's people (Frappe lets
	only the sender open a Communication and its files)."""
	letter = frappe.db.get_value(
		"Communication",
		communication,
		["reference_doctype", "reference_name", "email_template"],
		as_dict=True,
	)
	doc = None
	if letter and letter.email_template in rules.LETTERS.get(letter.reference_doctype, ()):
		doc = frappe.get_doc(letter.reference_doctype, letter.reference_name)
	if not (doc and doc.has_permission("read") and permissions.reads_identity(doc)):
		raise frappe.PermissionError(_("You may not read this letter."))  # the same answer for any name
	name = frappe.db.get_value(
		"File", {"attached_to_doctype": "Communication", "attached_to_name": communication}, "name"
	)
	if not name:
		raise frappe.PermissionError(_("You may not read this letter."))
	file = frappe.get_doc("File", name)
	frappe.local.response.update(
		{"type": "download", "filename": file.file_name, "filecontent": file.get_content()}
	)


def _record(doctype: str, name: str):
	"""The record a letter is written from, for a user who may change it and read its people."""
	if doctype not in rules.LETTERS:
		frappe.throw(_("A {0} has no letters.").format(_(doctype)))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	editor = doctype != "Complaint" or permissions.can_edit_complaint_content()
	if not (editor and permissions.reads_identity(doc)):
		frappe.throw(
			_("Letters are written by those who handle the record and may read the details of its people."),
			frappe.PermissionError,
		)
	return doc


def _problems(doc) -> dict[str, list]:
	actions = [transition.action for transition in get_transitions(doc)]
	return {
		letter: rules.letter_problems(
			letter,
			doc.workflow_state,
			actions,
			due_changes=len(doc.get("response_due_changes") or []),
			exclusion_reason=doc.get("not_under_regulations_reason"),
			facts_account=doc.get("facts_account"),
			further_enquiries=doc.get("further_enquiries"),
		)
		for letter in rules.LETTERS[doc.doctype]
	}


def _sender(doc) -> str | None:
	"""Complaint letters come from the complaints mailbox when it sends email (replies come back to it); other
	letters, and sites without one, from the sender's own address."""
	mailbox = get_settings().get("complaints_mailbox")
	if doc.doctype != "Complaint" or not mailbox:
		return None
	account = frappe.db.get_value("Email Account", mailbox, ["email_id", "enable_outgoing"], as_dict=True)
	if not account or not cint(account.enable_outgoing):
		return None
	team = _("{0} complaints team").format(get_settings().get("trust_name") or "").strip()
	return formataddr((team, account.email_id))


def _pdf(doc, letter: str, subject: str, body: str) -> bytes:
	"""The letter's print format as a PDF, with the sender's edited subject and body (render.jlc_letter)."""
	frappe.local.jlc_letters = {(doc.doctype, doc.name, letter): (subject, body)}
	try:
		html = frappe.get_print(doc.doctype, doc.name, print_format=letter)
	finally:
		frappe.local.jlc_letters = {}
	return get_pdf(_without_stylesheets(html))


def _without_stylesheets(html: str) -> str:
	"""The print without links to the site's stylesheets: making the PDF then fetches nothing from the site's own
	URL (which the server need not reach); the letter's layout brings its own styles."""
	return STYLESHEET.sub("", html).replace("</head>", PDF_STYLE + "</head>", 1)


# --- what sending each letter records ------------------------------------------------------------------------


def _acknowledge(doc):
	"""Reg 13: acknowledged in writing, offering to discuss; the workflow's Acknowledge move checks the rest."""
	doc.acknowledged_on = doc.acknowledged_on or today()
	doc.acknowledgement_method = "Written"
	doc.discussion_offered = 1
	doc.save()
	return apply_workflow(doc, rules.ACKNOWLEDGE_ACTION)


def _respond(doc):
	"""Reg 14: the final response gives the Ombudsman's details; Send Response refuses it before sign-off or while
	consent is pending or refused, and records when it was sent."""
	doc.ombudsman_rights_given = 1
	doc.save()
	return apply_workflow(doc, rules.SEND_RESPONSE_ACTION)


def _explain_exclusion(doc):
	"""Reg 8: the complainant is told in writing why the complaint is outside the Regulations."""
	doc.exclusion_explained_on = today()
	doc.save()
	return doc


def _hold(doc):
	"""The new date and its reason are already recorded (Complaint Response Due Change); the letter is kept."""
	return doc


def _notify_in_writing(doc):
	"""Reg 20: the written notification, with its apology, after the one in person (the candour rules check it)."""
	doc.written_notification_on = today()
	doc.written_apology_given = 1
	doc.save()
	if rules.WRITTEN_NOTIFICATION_ACTION in [t.action for t in get_transitions(doc)]:
		return apply_workflow(doc, rules.WRITTEN_NOTIFICATION_ACTION)
	return doc


RECORD = {
	rules.ACKNOWLEDGEMENT: _acknowledge,
	rules.FINAL_RESPONSE: _respond,
	rules.EXCLUSION: _explain_exclusion,
	rules.HOLDING: _hold,
	rules.CANDOUR: _notify_in_writing,
}
