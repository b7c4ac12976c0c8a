# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience feedback: asked when a complaint closes, answered once by a one-time link, withdrawn with it, and
kept apart from the complaint and the person."""

import email
import re
from datetime import timedelta

import frappe
from frappe.utils import get_datetime

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints import experience_survey as survey
from jlc_frappe.rules import experience
from jlc_frappe.tests.fixtures import (
	act,
	complaint_in_state,
	delete_committed,
	ensure_users,
	outgoing_email_account,
)

INVITATION, RESPONSE = "Experience Invitation", "Experience Response"
COMPLAINANT_EMAIL = "ann.example@example.com"


def invitations(complaint: str) -> list:
	return frappe.get_all(
		INVITATION,
		filters={"complaint": complaint},
		fields=["name", "audience", "user", "status", "token_hash", "question_set", "period", "response"],
		order_by="audience, user",
	)


class QueuesEmail(JLCTestCase):
	"""Emails are queued (Email Queue) through an outgoing account made here, and never sent: muted, Frappe
	neither connects nor commits to record a send (as reminders/test_reminders.py does)."""

	ACCOUNT = "JLC Experience Test"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls._muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		outgoing_email_account(cls.ACCOUNT)

	@classmethod
	def tearDownClass(cls):
		frappe.flags.mute_emails = cls._muted
		frappe.local.outgoing_email_account = {}
		super().tearDownClass()


def sent_tokens(invitation: str) -> list[str]:
	"""The links' tokens in the emails queued for an invitation (decoded from the MIME message)."""
	tokens = []
	for message in frappe.get_all(
		"Email Queue", {"reference_doctype": INVITATION, "reference_name": invitation}, pluck="message"
	):
		for part in email.message_from_string(message).walk():
			if part.get_content_maintype() == "text":
				body = part.get_payload(decode=True).decode()
				tokens += re.findall(r"complaint-feedback\?token=([A-Za-z0-9_-]+)", body)
	return sorted(set(tokens))


class TestExperienceInvitation(QueuesEmail):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.cache.delete_keys("rl:jlc_frappe.jlc_complaints.experience_survey")

	def closed(self, staff=("leader", "staff"), **values):
		involved = [{"user": self.users[key]} for key in staff]
		return complaint_in_state("Closed", staff_involved=involved, **values)

	def complainant_link(self, complaint: str):
		(invitation,) = [i for i in invitations(complaint) if i.audience == experience.COMPLAINANT]
		(token,) = sent_tokens(invitation.name)
		return invitation, token

	# asking ---------------------------------------------------------------------------------------------------

	def test_closing_asks_the_complainant_and_each_member_of_staff_involved(self):
		complaint = self.closed()
		found = invitations(complaint.name)
		self.assertEqual(
			[(i.audience, i.user) for i in found],
			[
				(experience.COMPLAINANT, None),
				(experience.STAFF, self.users["leader"]),
				(experience.STAFF, self.users["staff"]),
			],
		)
		self.assertEqual(
			{i.question_set for i in found},
			{"My Expectations - complainants v1", "My Expectations - staff involved v1"},
		)
		self.assertTrue(all(i.status == "Sent" and str(i.period).endswith("-01") for i in found))
		for invitation in found:  # an email each, with a link whose token is stored only as its hash
			(token,) = sent_tokens(invitation.name)
			self.assertEqual(experience.token_digest(token), invitation.token_hash)
			self.assertNotIn(token, frappe.as_json(frappe.get_doc(INVITATION, invitation.name).as_dict()))
		recipients = frappe.get_all(
			"Email Queue Recipient",
			filters={
				"parent": (
					"in",
					frappe.get_all(
						"Email Queue", {"reference_name": ("in", [i.name for i in found])}, pluck="name"
					),
				)
			},
			pluck="recipient",
		)
		self.assertEqual(
			sorted(recipients), sorted([COMPLAINANT_EMAIL, self.users["leader"], self.users["staff"]])
		)
		for invitation in found[1:]:  # staff are asked in the desk too, opening their survey signed in
			log = frappe.get_all(
				"Notification Log",
				{"for_user": invitation.user, "link": f"/complaint-feedback?invitation={invitation.name}"},
				["type", "subject"],
			)
			self.assertEqual(len(log), 1)
			self.assertEqual(log[0].type, "Alert")
			self.assertIn(complaint.name, log[0].subject)
		comments = frappe.get_all(
			"Comment", {"reference_name": complaint.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertIn(
			"Feedback on how the complaint was handled asked of: the complainant and 2 member(s) of staff involved.",
			comments,
		)

	def test_reopening_and_closing_again_asks_nobody_twice(self):
		complaint = self.closed(staff=("leader",))
		self.assertEqual(len(invitations(complaint.name)), 2)
		complaint = act(complaint, "Reopen", self.users["manager"])
		for action in ("Submit for Sign-off", "Sign Off", "Send Response", "Close"):
			complaint = act(complaint, action)
		self.assertEqual(complaint.workflow_state, "Closed")
		self.assertEqual(len(invitations(complaint.name)), 2)

	def test_no_email_address_no_survey_for_the_complainant(self):
		complaint = self.closed(staff=("staff",), complainant_email=None)
		self.assertEqual([i.audience for i in invitations(complaint.name)], [experience.STAFF])

	# answering once, withdrawing ------------------------------------------------------------------------------

	def test_answered_once_by_its_link_and_kept_apart_from_the_complaint(self):
		complaint = self.closed(staff=())
		invitation, token = self.complainant_link(complaint.name)
		found = survey.find(token)
		self.assertEqual(found.name, invitation.name)
		self.assertIsNone(survey.find("not-" + token))
		self.assertEqual(survey.state(found), experience.OPEN)
		response = survey.record_answers(found, {"could_speak_up": "Agree", "listened_to": "Disagree"})
		self.assertEqual(survey.state(survey.find(token)), experience.ANSWERED)
		self.assertRaises(
			frappe.ValidationError, survey.record_answers, survey.find(token), {"could_speak_up": "Agree"}
		)
		self.assertEqual(
			frappe.db.count(RESPONSE, {"question_set": invitation.question_set, "name": response}), 1
		)
		stored = frappe.get_doc(RESPONSE, response).as_dict()
		self.assertEqual(
			{(a["question_id"], a["answer"]) for a in stored["answers"]},
			{("could_speak_up", "Agree"), ("listened_to", "Disagree")},
		)
		self.assertEqual(stored["period"], invitation.period)
		text = frappe.as_json(stored)
		for identifying in (complaint.name, COMPLAINANT_EMAIL, "Ann Example", "Administrator"):
			self.assertNotIn(identifying, text, "a response names no complaint, person or author")
		self.assertFalse({"complaint", "user", "email"} & set(stored))

	def test_wrong_answers_are_refused(self):
		complaint = self.closed(staff=())
		_invitation, token = self.complainant_link(complaint.name)
		for answers in ({}, {"not_a_question": "Agree"}, {"could_speak_up": "Maybe"}):
			with self.subTest(answers=answers):
				self.assertRaises(frappe.ValidationError, survey.record_answers, survey.find(token), answers)
		self.assertEqual(survey.state(survey.find(token)), experience.OPEN)

	def test_a_link_expires(self):
		complaint = self.closed(staff=())
		invitation, token = self.complainant_link(complaint.name)
		expires = get_datetime(frappe.db.get_value(INVITATION, invitation.name, "expires_on"))
		self.assertAlmostEqual(
			expires - get_datetime(frappe.db.get_value(INVITATION, invitation.name, "sent_on")),
			timedelta(days=28),
		)
		with self.freeze_time(expires + timedelta(seconds=1)):
			self.assertEqual(survey.state(survey.find(token)), experience.EXPIRED)
			self.assertRaises(
				frappe.ValidationError, survey.record_answers, survey.find(token), {"could_speak_up": "Agree"}
			)

	def test_withdrawal_deletes_the_answers(self):
		complaint = self.closed(staff=())
		invitation, token = self.complainant_link(complaint.name)
		response = survey.record_answers(survey.find(token), {"could_speak_up": "Agree"})
		survey.withdraw(survey.find(token))
		self.assertFalse(frappe.db.exists(RESPONSE, response))
		self.assertFalse(frappe.db.exists("Experience Answer", {"parent": response}))
		self.assertFalse(frappe.db.exists("Deleted Document", {"deleted_name": response}), "no copy kept")
		stored = frappe.db.get_value(
			INVITATION, invitation.name, ["status", "response", "withdrawn_on"], as_dict=True
		)
		self.assertEqual((stored.status, stored.response), ("Withdrawn", None))
		self.assertTrue(stored.withdrawn_on)
		self.assertEqual(survey.state(survey.find(token)), experience.WITHDRAWN)
		self.assertRaises(frappe.ValidationError, survey.withdraw, survey.find(token))
		self.assertRaises(
			frappe.ValidationError, survey.record_answers, survey.find(token), {"could_speak_up": "Agree"}
		)

	def test_staff_answer_signed_in_from_the_desk_notification(self):
		complaint = self.closed(staff=("staff",))
		(invitation,) = [i for i in invitations(complaint.name) if i.audience == experience.STAFF]
		with self.set_user(self.users["staff"]):
			found = survey.find(invitation=invitation.name)
			self.assertEqual(found.name, invitation.name)
			response = survey.record_answers(found, {"told_early": "Strongly agree"})
		with self.set_user(self.users["staff2"]):
			self.assertIsNone(survey.find(invitation=invitation.name), "only the member of staff asked")
		self.assertIsNone(survey.find(invitation=invitation.name), "never by name without signing in as them")
		owners = {frappe.db.get_value(RESPONSE, response, "owner")}
		owners |= set(frappe.get_all("Experience Answer", {"parent": response}, pluck="owner"))
		self.assertEqual(owners, {"Guest"}, "the response does not say who saved it")

	def test_deleting_a_complaint_forgets_who_answered_but_keeps_the_answers(self):
		complaint = self.closed(staff=("staff",))
		_invitation, token = self.complainant_link(complaint.name)
		response = survey.record_answers(survey.find(token), {"could_speak_up": "Agree"})
		frappe.delete_doc("Complaint", complaint.name)
		self.assertFalse(invitations(complaint.name))
		self.assertTrue(frappe.db.exists(RESPONSE, response))

	# who reads what -------------------------------------------------------------------------------------------

	def test_only_system_managers_read_invitations_and_responses(self):
		complaint = self.closed(staff=("leader",))
		invitation, token = self.complainant_link(complaint.name)
		response = survey.record_answers(survey.find(token), {"could_speak_up": "Agree"})
		for key in ("manager", "handler", "rp", "leader", "staff", "panel", "safety", "claims", "sysmgr"):
			with self.subTest(role=key):
				user, allowed = self.users[key], key == "sysmgr"
				for doctype, name in ((INVITATION, invitation.name), (RESPONSE, response)):
					self.assertEqual(
						bool(frappe.has_permission(doctype, "read", doc=name, user=user)), allowed, doctype
					)
				self.assertEqual(
					bool(frappe.has_permission("Experience Question Set", "write", user=user)),
					key in ("manager", "sysmgr"),
				)

	def test_a_system_manager_named_in_the_complaint_does_not_read_its_invitations(self):
		complaint = self.closed(staff=("sysmgr",))
		(invitation,) = [i for i in invitations(complaint.name) if i.audience == experience.COMPLAINANT]
		self.assertFalse(
			frappe.has_permission(INVITATION, "read", doc=invitation.name, user=self.users["sysmgr"])
		)
		with self.set_user(self.users["sysmgr"]):
			self.assertFalse(frappe.get_list(INVITATION, {"complaint": complaint.name}, pluck="name"))


class TestFeedbackPage(QueuesEmail):
	"""The page and its forms as a guest sees them, through Frappe's web app (so the data is committed)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_users()
		frappe.cache.delete_keys("rl:jlc_frappe.jlc_complaints.experience_survey")
		cls.complaint = complaint_in_state("Closed")
		(cls.invitation,) = invitations(cls.complaint.name)
		(cls.token,) = sent_tokens(cls.invitation.name)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		response = frappe.db.get_value(INVITATION, cls.invitation.name, "response")
		frappe.db.delete(INVITATION, {"name": cls.invitation.name})
		frappe.db.delete("Experience Invitation Area", {"parent": cls.invitation.name})
		if response:
			frappe.delete_doc(
				RESPONSE, response, force=True, ignore_permissions=True, delete_permanently=True
			)
		frappe.db.delete(
			"Email Queue", {"reference_doctype": INVITATION, "reference_name": cls.invitation.name}
		)
		delete_committed(cls.complaint)
		if frappe.db.exists("Email Account", cls.ACCOUNT):
			frappe.delete_doc("Email Account", cls.ACCOUNT, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def request(self, method: str, path: str, data: dict | None = None):
		from frappe.tests.test_api import make_request
		from frappe.utils import get_test_client

		client = get_test_client(use_cookies=False)
		kwargs = {"data": data} if data is not None else {}
		return make_request(target=getattr(client, method), args=(path,), kwargs=kwargs)

	def test_answer_once_then_withdraw(self):
		page = f"/complaint-feedback?token={self.token}"
		form = self.request("get", page)
		self.assertEqual(form.status_code, 200)
		html = form.get_data(as_text=True)
		self.assertIn("How did we handle your complaint?", html)
		self.assertIn("<legend>1. I felt I could speak up about my concerns.</legend>", html)
		self.assertIn('<meta name="referrer" content="no-referrer">', html)
		self.assertEqual(html.count("<fieldset"), 13)
		self.assertNotIn(self.complaint.name, html, "the page does not say which complaint")

		submit = "/api/method/jlc_frappe.jlc_complaints.experience_survey.submit"
		empty = self.request("post", submit, {"token": self.token})
		self.assertEqual(empty.status_code, 302)
		self.assertTrue(empty.headers["Location"].endswith(f"{page}&problem=none"))
		self.assertIn(
			"There is a problem", self.request("get", empty.headers["Location"]).get_data(as_text=True)
		)

		answered = self.request(
			"post", submit, {"token": self.token, "q_could_speak_up": "Agree", "q_listened_to": "Disagree"}
		)
		self.assertEqual(answered.status_code, 302)
		self.assertIn("Thank you for your answers", self.request("get", page).get_data(as_text=True))
		frappe.db.rollback()  # see what the web app committed
		response = frappe.db.get_value(INVITATION, self.invitation.name, "response")
		self.assertTrue(response)

		again = self.request("post", submit, {"token": self.token, "q_could_speak_up": "Strongly disagree"})
		self.assertEqual(again.status_code, 302)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.count("Experience Answer", {"parent": response}), 2, "the link answers once"
		)
		self.assertEqual(frappe.db.count(RESPONSE, {"name": response}), 1)

		withdrawn = self.request(
			"post",
			"/api/method/jlc_frappe.jlc_complaints.experience_survey.withdraw_answers",
			{"token": self.token},
		)
		self.assertEqual(withdrawn.status_code, 302)
		self.assertIn("Your answers have been withdrawn", self.request("get", page).get_data(as_text=True))
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists(RESPONSE, response))

	def test_a_wrong_link_says_only_that_it_does_not_work(self):
		html = self.request("get", "/complaint-feedback?token=not-a-real-token").get_data(as_text=True)
		self.assertIn("This link has expired or is not valid", html)
		self.assertNotIn("<fieldset", html)
