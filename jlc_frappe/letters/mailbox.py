"""The complaints mailbox: the Email Account named in JLC Settings (`complaints_mailbox`).

Frappe's own receive path (EmailAccount.receive, frappe/email/receive.py InboundMail) makes a Communication of
each email, its attachments private files of it, and threads a reply onto the record the email it answers was
about (In-Reply-To: a letter sent from a complaint). The account appends to nothing else: Frappe's matching of
other emails by subject and sender would read the sender from the Complaint table, which holds no identity. So this
hook (Communication after_insert) takes each other email the mailbox receives:
- one whose subject gives a complaint's reference and that comes from that complaint's complainant joins it;
- any other becomes a new complaint in Received, by email, from its sender (name and email go to the identity
  store), its subject the summary and its text the description.
The emails and their attachments are read only by those who may read the complaint's people (permissions.py).
"""

import frappe
from frappe import _
from frappe.core.utils import html2text
from frappe.utils import getdate, today

from jlc_frappe import identity, permissions
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.letters.files import attach_to_record
from jlc_frappe.rules import letters as rules

COMPLAINT = "Complaint"


def take_in(doc, method=None) -> None:
	"""Communication after_insert: an email the complaints mailbox received that Frappe did not thread."""
	if doc.reference_doctype or not _received_by_mailbox(doc):
		return
	complaint = _answered_complaint(doc) or _new_complaint(doc)
	values = {
		"reference_doctype": COMPLAINT,
		"reference_name": complaint,
		"reference_owner": frappe.db.get_value(COMPLAINT, complaint, "owner"),
	}
	doc.update(values)
	doc.db_set(values, update_modified=False)


def keep_attachments(doc, method=None) -> None:
	"""Communication on_update: the attachments of an email received about a record with people (saved by the receive
	path after the email itself) are kept on the record too, where its handlers open them (files.py)."""
	if doc.sent_or_received != "Received" or not getattr(doc, "_attachments", None):
		return
	if doc.reference_doctype in permissions.PATIENT_DATA_DOCTYPES and doc.reference_name:
		attach_to_record(doc.name, doc.reference_doctype, doc.reference_name)


def _received_by_mailbox(doc) -> bool:
	mailbox = get_settings().get("complaints_mailbox")
	return (
		bool(mailbox)
		and doc.email_account == mailbox
		and doc.sent_or_received == "Received"
		and doc.communication_type == "Communication"
		and doc.communication_medium == "Email"
	)


def _answered_complaint(doc) -> str | None:
	"""The complaint the subject names, if the email comes from its complainant (anyone may quote a reference)."""
	reference = rules.complaint_reference_in(doc.subject)
	if not reference or not frappe.db.exists(COMPLAINT, reference):
		return None
	person = frappe.db.get_value(COMPLAINT, reference, "complainant")
	email = frappe.db.get_value(identity.PERSON, person, "email") if person else None
	sender = (doc.sender or "").strip().lower()
	return reference if email and sender and email.strip().lower() == sender else None


def _new_complaint(doc) -> str:
	received = min(getdate(doc.communication_date or today()), getdate(today()))
	text = (doc.text_content or "").strip() or html2text(doc.content or "").strip()
	complaint = frappe.get_doc(
		{
			"doctype": COMPLAINT,
			"summary": rules.email_summary(doc.subject) or _("A complaint by email"),
			"received_on": received,
			"received_via": "Email",
			"description": text or _("The email had no text: see its attachments."),
			"complainant_name": doc.sender_full_name or doc.sender,
			"complainant_email": doc.sender,
		}
	)
	complaint.insert(ignore_permissions=True)  # the mailbox records every complaint it receives
	return complaint.name


# --- keeping the mailbox's senders out of Contacts -------------------------------------------------------------
# An Email Account can make a Contact of every sender (name and email address), readable outside JLC's rules.


def check_settings(doc, method=None) -> None:
	"""JLC Settings validate: the complaints mailbox receives email and makes no Contacts of its senders."""
	if not doc.get("complaints_mailbox"):
		return
	account = frappe.db.get_value(
		"Email Account", doc.complaints_mailbox, ["enable_incoming", "create_contact"], as_dict=True
	)
	if account and account.create_contact:
		frappe.db.set_value("Email Account", doc.complaints_mailbox, "create_contact", 0)
	if account and not account.enable_incoming:
		frappe.msgprint(
			_("The complaints mailbox {0} does not receive email yet: enable incoming email on it.").format(
				doc.complaints_mailbox
			),
			alert=True,
		)


def keep_senders_private(doc, method=None) -> None:
	"""Email Account validate: the complaints mailbox never makes Contacts of complainants."""
	if doc.create_contact and doc.name == get_settings().get("complaints_mailbox"):
		doc.create_contact = 0
