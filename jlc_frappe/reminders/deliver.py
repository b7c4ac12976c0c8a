"""How JLC tells people something: a Notification Log entry in the app for each notice, and an email through
Frappe's email queue, with a link to each record.

The in-app notice is always made (it is how the work is found again; Frappe's own `make_notification_logs`
would skip a user who turned notifications off). The email follows the recipient's Notification Settings:
"Enable Email Notifications" off means no JLC emails. A run sends each person one email listing all their
notices, not one email per record. Notices carry a record's reference and its summary or title, never a
complainant's or patient's details.
"""

from collections import defaultdict
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.desk.doctype.notification_settings.notification_settings import is_email_notifications_enabled
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import escape_html, get_url_to_form

EMAIL_TEMPLATE = "jlc_notices"  # jlc_frappe/templates/emails/jlc_notices.html


@dataclass(frozen=True)
class Notice:
	"""One thing to tell one person about one record."""

	recipient: str
	doctype: str
	name: str
	subject: str  # plain text: what is due or what happened, with the record's reference
	detail: str = ""  # the record's summary or title (plain text)


def send(notices: list[Notice], from_user: str | None = None) -> bool:
	"""Every notice in the app, and one email per recipient who has not turned emails off. False when the site
	has no outgoing email account (the notices are in the app only); the caller says so where it matters."""
	for notice in notices:
		_notification_log(notice, from_user)
	if not notices:
		return True
	if not can_email():
		return False
	by_recipient = defaultdict(list)
	for notice in notices:
		by_recipient[notice.recipient].append(notice)
	emails = _emails(list(by_recipient))
	for recipient, theirs in by_recipient.items():
		if emails.get(recipient) and is_email_notifications_enabled(recipient):
			_email(emails[recipient], theirs)
	return True


def can_email() -> bool:
	"""Whether the site has an outgoing email account with an address to send from (Frappe's sendmail refuses to
	queue without one, and fails on the stand-in it uses while emails are muted, as the demo loader mutes them)."""
	account = EmailAccount.find_outgoing()
	return bool(account and account.get("email_id"))


def _notification_log(notice: Notice, from_user: str | None) -> None:
	subject = escape_html(notice.subject)
	if notice.detail:
		subject += f': <b class="subject-title">{escape_html(notice.detail)}</b>'
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": notice.recipient,
			"from_user": from_user,
			"type": "Alert",  # Frappe never emails an Alert itself: the email is ours (send)
			"document_type": notice.doctype,
			"document_name": notice.name,
			"subject": subject,
		}
	).insert(ignore_permissions=True)  # made by the system for this user


def _emails(users: list[str]) -> dict[str, str]:
	if not users:
		return {}
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(user)
		.select(user.name, user.email)
		.where(user.name.isin(users) & (user.enabled == 1))
		.run()
	)
	return dict(rows)


def _email(address: str, notices: list[Notice]) -> None:
	about = {}
	if len(notices) == 1:
		subject = notices[0].subject
		# an email about one record names it, as Frappe's own do (so the record's queued copies can be found)
		about = {"reference_doctype": notices[0].doctype, "reference_name": notices[0].name}
	else:
		subject = _("JLC: {0} things need your attention").format(len(notices))
	frappe.sendmail(
		recipients=[address],
		subject=subject,
		**about,
		template=EMAIL_TEMPLATE,
		args={
			"notices": [
				{"subject": n.subject, "detail": n.detail, "link": get_url_to_form(n.doctype, n.name)}
				for n in notices
			],
			"open_label": _("Open"),
			"footer": _(
				"You get these emails because of your work in JLC. To stop them, untick Enable Email "
				"Notifications in your Notification Settings: the notifications in JLC itself stay."
			),
		},
		header=[_("JLC"), "blue"],
	)
