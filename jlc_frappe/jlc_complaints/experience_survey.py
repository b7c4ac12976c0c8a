"""Experience feedback when a complaint closes (NHS Complaint Standards; My Expectations, seed 3.22-3.23).

- Closing a complaint asks the complainant (a one-time link by email) and each member of staff involved (the
  same by email, and a notification in the desk that opens their survey while they are signed in).
- Each person asked has an Experience Invitation: the hash of their link (never the link), when it expires, and
  the service areas and month the feedback counts in. Links open `/complaint-feedback` (no login).
- Answers are an Experience Response: the question set version, the month, the service areas and the answers;
  no complaint, no person, no author. The invitation alone links the two, so the respondent can withdraw
  (which deletes the response) with the same link, at any time.
"""

import frappe
from frappe import _
from frappe.desk.doctype.notification_settings.notification_settings import is_email_notifications_enabled
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, escape_html, get_datetime, get_url, getdate, now_datetime, today
from frappe.utils.data import urlencode

from jlc_frappe import identity
from jlc_frappe.governance import service_areas
from jlc_frappe.jlc_complaints.complaint_lifecycle import CLOSED
from jlc_frappe.jlc_complaints.doctype.experience_question_set.experience_question_set import active_set
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.reminders.deliver import can_email
from jlc_frappe.rules import experience
from jlc_frappe.translation import translate

INVITATION, RESPONSE = "Experience Invitation", "Experience Response"
PAGE = "/complaint-feedback"
SENT, ANSWERED, WITHDRAWN = "Sent", "Answered", "Withdrawn"
# JLC Settings values, and what they are when a site has not set them
LINK_DAYS_FIELD, DEFAULT_LINK_DAYS = "experience_link_days", 28


# --- asking ---------------------------------------------------------------------------------------------------


def invite_on_close(doc, method=None) -> None:
	"""Complaint on_update: when the complaint has just closed, ask those who have not been asked yet."""
	before = doc.get_doc_before_save()
	if doc.workflow_state != CLOSED or not before or before.workflow_state == CLOSED:
		return
	asked = invite(doc)
	if asked:
		doc.add_comment("Info", _("Feedback on how the complaint was handled asked of: {0}.").format(asked))


def invite(complaint) -> str:
	"""Ask the complainant and the staff involved in `complaint` (once each, whatever reopens and closes it);
	returns who was asked, in words, for the complaint's timeline (no names, no addresses)."""
	counted = {
		"period": experience.period_of(getdate(complaint.closed_on or today())),
		"service_areas": [{"code": code} for code in _area_codes(complaint)],
	}
	asked = []
	if _ask_complainant(complaint, counted):
		asked.append(_("the complainant"))
	staff = [user for user in _staff_to_ask(complaint) if _ask_staff(complaint, user, counted)]
	if staff:
		asked.append(_("{0} member(s) of staff involved").format(len(staff)))
	return _(" and ").join(asked)


def _area_codes(complaint) -> list[str]:
	"""The distinct KO41a service area codes the complaint's aspects name."""
	codes = (service_areas.code_of(row.service_area) for row in complaint.aspects if row.service_area)
	return sorted(set(codes))


def _staff_to_ask(complaint) -> list[str]:
	users = {row.user for row in complaint.staff_involved if row.user}
	enabled = frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, pluck="name")
	return sorted(enabled)


def _already_asked(complaint: str, audience: str, user: str | None) -> bool:
	return bool(frappe.db.exists(INVITATION, {"complaint": complaint, "audience": audience, "user": user}))


def _new_invitation(complaint, audience: str, user: str | None, counted: dict):
	"""An invitation (not yet saved) and its link's token, or (None, None) when there is no survey to send."""
	question_set = active_set(audience)
	if not question_set or _already_asked(complaint.name, audience, user):
		return None, None
	token, sent = experience.new_token(), now_datetime()
	days = cint(get_settings().get(LINK_DAYS_FIELD)) or DEFAULT_LINK_DAYS
	invitation = frappe.get_doc(
		{
			"doctype": INVITATION,
			"complaint": complaint.name,
			"audience": audience,
			"user": user,
			"question_set": question_set,
			"status": SENT,
			"sent_on": sent,
			"expires_on": experience.expires_at(sent, days),
			"token_hash": experience.token_digest(token),
			**counted,
		}
	)
	return invitation, token


def _ask_complainant(complaint, counted: dict) -> bool:
	address = identity.value(complaint, "complainant_email")
	if not address:
		frappe.msgprint(
			_("The complainant has no email address, so was not sent the feedback survey."), alert=True
		)
		return False
	invitation, token = _new_invitation(complaint, experience.COMPLAINANT, None, counted)
	if not invitation:
		return False
	name = identity.value(complaint, "complainant_name")
	subject = _("How did we handle your complaint?")
	greeting = _("Dear {0},").format(name) if name else _("Hello,")
	about = _(
		"Your complaint {0} is now closed. We would like to know how we handled it, so that we can do better."
	).format(complaint.name)
	reassurance = _(
		"You do not have to answer. Answering, or not, will not affect any care or service you receive."
	)
	if not can_email():  # a link nobody was sent is no invitation
		frappe.msgprint(
			_("No outgoing email account: the complainant was not sent the feedback survey."), alert=True
		)
		return False
	invitation.insert(ignore_permissions=True)
	_email(invitation, token, address, subject, [greeting, about, reassurance])
	return True


def _ask_staff(complaint, user: str, counted: dict) -> bool:
	"""By email (unless they turned JLC's emails off, or the site cannot send email), and always in the desk,
	where the notification opens the survey for them, signed in."""
	invitation, token = _new_invitation(complaint, experience.STAFF, user, counted)
	if not invitation:
		return False
	invitation.insert(ignore_permissions=True)
	subject = _("How was complaint {0} for you?").format(complaint.name)
	greeting = _("Dear {0},").format(frappe.utils.get_fullname(user))
	about = _(
		"You were named as involved in complaint {0}, which is now closed. We want to learn from the "
		"experience of staff involved in complaints, as well as from complainants."
	).format(complaint.name)
	address = frappe.db.get_value("User", user, "email")
	if address and is_email_notifications_enabled(user):  # as every JLC email to staff (reminders/deliver.py)
		reassurance = _("You do not have to answer, and nobody you work with is told whether you did.")
		_email(invitation, token, address, subject, [greeting, about, reassurance])
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"from_user": frappe.session.user,
			"type": "Alert",  # Frappe never emails an Alert itself
			"subject": escape_html(subject),
			"link": PAGE + "?" + urlencode({"invitation": invitation.name}),
		}
	).insert(ignore_permissions=True)  # made by the system for this user
	return True


def _email(invitation, token: str, address: str, subject: str, words: list[str]) -> bool:
	"""Queue the invitation's email with its link (`words`: greeting, what it is about, the reassurance that
	fits the person); False when the site has no outgoing email account."""
	if not can_email():
		return False
	greeting, about, reassurance = words
	frappe.sendmail(
		recipients=[address],
		subject=subject,
		template="jlc_experience_invitation",
		args={
			"greeting": greeting,
			"about": about,
			"reassurance": reassurance,
			"link": get_url(PAGE + "?" + urlencode({"token": token})),
			"until": frappe.utils.format_datetime(invitation.expires_on, "d MMMM yyyy"),
			"contact": get_settings().get("public_contact"),
		},
		reference_doctype=INVITATION,
		reference_name=invitation.name,
	)
	return True


def forget_complaint(doc, method=None) -> None:
	"""Complaint on_trash (a System Manager's deletion, e.g. at the end of retention): its invitations go with it,
	and so the only link to the answers given; the answers stay, counted, naming nobody."""
	for name in frappe.get_all(INVITATION, filters={"complaint": doc.name}, pluck="name"):
		frappe.delete_doc(INVITATION, name, ignore_permissions=True, delete_permanently=True)


# --- answering and withdrawing --------------------------------------------------------------------------------


def find(token: str | None = None, invitation: str | None = None, for_update: bool = False):
	"""The invitation a link opens: by its token, or by its name for the member of staff it asks, signed in.
	None when there is no such invitation (a wrong token and an unknown one look the same)."""
	name = None
	if token:
		name = frappe.db.get_value(INVITATION, {"token_hash": experience.token_digest(token)}, "name")
	elif invitation and frappe.session.user != "Guest":
		name = frappe.db.get_value(INVITATION, {"name": invitation, "user": frappe.session.user}, "name")
	return frappe.get_doc(INVITATION, name, for_update=for_update) if name else None


def state(invitation) -> str:
	if invitation is None:
		return experience.EXPIRED
	return experience.link_state(
		get_datetime(invitation.expires_on) if invitation.expires_on else None,
		now_datetime(),
		invitation.status == ANSWERED,
		invitation.status == WITHDRAWN,
	)


def record_answers(invitation, answers: dict) -> str:
	"""Store `answers` ({question id: answer}) apart from the complaint and the person; the invitation is then
	answered (its link answers once). Returns the response's name."""
	if state(invitation) != experience.OPEN:
		frappe.throw(_("This survey has been answered already, or its link has expired."))
	response = frappe.get_doc(
		{
			"doctype": RESPONSE,
			"question_set": invitation.question_set,
			"period": invitation.period,
			"service_areas": [{"code": row.code} for row in invitation.service_areas],
			"answers": [{"question_id": q, "answer": a} for q, a in answers.items()],
		}
	).insert(ignore_permissions=True)
	_unsigned(response)
	invitation.update({"status": ANSWERED, "answered_on": today(), "response": response.name})
	invitation.save(ignore_permissions=True)
	return response.name


def withdraw(invitation) -> None:
	"""Delete the answers given with this invitation (no copy kept) and keep that they were withdrawn."""
	if state(invitation) != experience.ANSWERED:
		frappe.throw(_("There are no answers to withdraw."))
	response = invitation.response
	invitation.update({"status": WITHDRAWN, "withdrawn_on": today(), "response": None})
	invitation.save(ignore_permissions=True)
	if response and frappe.db.exists(RESPONSE, response):
		frappe.delete_doc(RESPONSE, response, ignore_permissions=True, delete_permanently=True)


def _unsigned(response) -> None:
	"""A response names nobody, not even as the user who saved it (a member of staff answers signed in)."""
	for doctype in (RESPONSE, "Experience Response Area", "Experience Answer"):
		table = frappe.qb.DocType(doctype)
		key = table.name if doctype == RESPONSE else table.parent
		frappe.qb.update(table).set(table.owner, "Guest").set(table.modified_by, "Guest").where(
			key == response.name
		).run()


# --- the page's form posts here (no login; the link is the key) ------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=60 * 60)
def submit(token: str | None = None, invitation: str | None = None):
	"""The survey form: answers are the fields `q_<question id>`. Back to the page, which then says what
	happened (thanks, or why not); a link that cannot answer changes nothing."""
	found = find(token, invitation, for_update=True)
	answers = {key[2:]: value for key, value in frappe.form_dict.items() if key.startswith("q_") and value}
	problem = None
	if found and state(found) == experience.OPEN:
		problems = experience.answer_problems(answers, _question_ids(found.question_set))
		if answers and problems:
			frappe.throw("<br>".join(translate(p) for p in problems))
		if problems:
			problem = "none"
		else:
			record_answers(found, answers)
	_back_to_page(token, invitation, problem)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=60 * 60)
def withdraw_answers(token: str | None = None, invitation: str | None = None):
	"""The page's withdraw button: delete the answers this link gave."""
	found = find(token, invitation, for_update=True)
	if found and state(found) == experience.ANSWERED:
		withdraw(found)
	_back_to_page(token, invitation)


def _question_ids(question_set: str) -> list[str]:
	return frappe.get_all(
		"Experience Question",
		filters={"parent": question_set, "parenttype": "Experience Question Set"},
		pluck="question_id",
		order_by="idx",
	)


def _back_to_page(token: str | None, invitation: str | None, problem: str | None = None) -> None:
	params = {"token": token} if token else {"invitation": invitation} if invitation else {}
	if problem:
		params["problem"] = problem
	frappe.local.response["type"] = "redirect"
	frappe.local.response["location"] = PAGE + ("?" + urlencode(params) if params else "")


# --- what the page shows ---------------------------------------------------------------------------------------


def page_context(token: str | None, invitation: str | None, problem: str | None = None) -> dict:
	"""The page's state and, while the survey is open, its questions grouped by section."""
	found = find(token, invitation)
	shown = state(found)
	context = {
		"state": shown,
		"token": token if found and token else "",
		"invitation": found.name if found and not token else "",
		"missing_answers": problem == "none",
		"options": [{"value": a, "label": _(a)} for a in experience.ANSWERS],
		"contact": get_settings().get("public_contact"),
		"organisation": get_settings().get("trust_name"),
	}
	if found and shown == experience.ANSWERED:
		context["answered_on"] = frappe.utils.formatdate(found.answered_on, "d MMMM yyyy")
	if found and shown == experience.OPEN:
		question_set = frappe.get_doc("Experience Question Set", found.question_set)
		context["staff"] = question_set.audience == experience.STAFF
		context["introduction"] = question_set.introduction or ""
		context["sections"] = _sections(question_set.questions)
		context["expires_on"] = frappe.utils.format_datetime(found.expires_on, "d MMMM yyyy")
	return context


def _sections(questions) -> list[dict]:
	sections = []
	for number, row in enumerate(questions, 1):
		if not sections or sections[-1]["title"] != (row.section or ""):
			sections.append({"title": row.section or "", "questions": []})
		sections[-1]["questions"].append(
			{"number": number, "question_id": row.question_id, "statement": row.statement}
		)
	return sections
