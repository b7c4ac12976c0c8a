# Copyright (c) 2026, JLC developers. License: MIT.
"""Letters from real complaints and candour records: filled, emailed into the queue (or made for post) as a
Communication with the PDF, recorded through the workflow, refused when the workflow's rules say not yet, and
read only by those who may read the people they are written to."""

import json

import frappe
from frappe.utils import add_days, getdate, today

from jlc_frappe import install
from jlc_frappe.compat import JLCTestCase
from jlc_frappe.docinfo import getdoc
from jlc_frappe.letters import install as letters
from jlc_frappe.letters.send import fill_letter, letter_options, letter_pdf, send_letter
from jlc_frappe.rules.letters import ACKNOWLEDGEMENT, CANDOUR, EXCLUSION, FINAL_RESPONSE, HOLDING, long_date
from jlc_frappe.tests.fixtures import (
	act,
	complaint_in_state,
	ensure_users,
	make_incident,
	make_learning_action,
	outgoing_email_account,
)

ADDRESS = "12 Acacia Avenue\nAnytown\nAT3 4DE"
EMAIL = "ann.example@example.com"
REFUSED = (frappe.ValidationError, frappe.PermissionError)


class LetterTestCase(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		settings = frappe.get_single("JLC Settings")
		settings.trust_name = "Anytown Hospitals NHS Foundation Trust"
		settings.trust_address = "Hospital Road\nAnytown\nAT1 2BC"
		settings.save()

	def setUp(self):
		# Emails are queued through an outgoing account made here (rolled back with the class), never sent.
		muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		self.addCleanup(setattr, frappe.flags, "mute_emails", muted)
		outgoing_email_account("JLC Letters Test")
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})

	def complaint(self, state: str, **values):
		values = {"complainant_address": ADDRESS, "handler": self.users["handler"], **values}
		return complaint_in_state(state, **values)

	def send(
		self, doc, letter: str, send_by: str = "Email", user: str | None = None, recipients: str = EMAIL
	):
		with self.set_user(user or self.users["handler"]):
			filled = fill_letter(doc.doctype, doc.name, letter)
			return send_letter(
				doc.doctype,
				doc.name,
				letter,
				filled["subject"],
				filled["body"],
				send_by,
				recipients if send_by == "Email" else None,
			)

	def letters_of(self, doc) -> list[str]:
		return frappe.get_all(
			"Communication",
			filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
			pluck="name",
		)

	def assert_kept(self, sent: dict, doc, letter: str, emailed: bool = True) -> frappe._dict:
		"""The letter is a Communication on the record, with its PDF private, and (emailed) in the queue."""
		comm = frappe.get_doc("Communication", sent["communication"])
		self.assertEqual((comm.reference_doctype, comm.reference_name), (doc.doctype, doc.name))
		self.assertEqual((comm.email_template, comm.sent_or_received), (letter, "Sent"))
		self.assertEqual(comm.communication_medium, "Email" if emailed else "Other")
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": comm.name},
			fields=["name", "file_name", "is_private"],
		)
		self.assertEqual(len(files), 1)
		self.assertEqual(files[0].file_name, f"{doc.name} {letter} {today()}.pdf")
		self.assertTrue(files[0].is_private)
		self.assertTrue(frappe.get_doc("File", files[0].name).get_content().startswith(b"%PDF"))
		queued = frappe.get_all(
			"Email Queue", filters={"communication": comm.name}, fields=["attachments", "reference_name"]
		)
		if emailed:
			self.assertEqual(len(queued), 1)
			self.assertEqual(queued[0].reference_name, doc.name)
			self.assertIn(files[0].name, [a.get("fid") for a in json.loads(queued[0].attachments)])
			self.assertIn(EMAIL, comm.recipients)
		else:
			self.assertFalse(queued)
		return comm


class TestComplaintLetters(LetterTestCase):
	def test_acknowledgement_is_emailed_with_its_pdf_and_recorded(self):
		doc = self.complaint("Received")
		options = letter_options_as(self, doc)
		self.assertEqual(options["fitting"], ACKNOWLEDGEMENT)
		self.assertEqual(options["email"], EMAIL)
		sent = self.send(doc, ACKNOWLEDGEMENT)
		comm = self.assert_kept(sent, doc, ACKNOWLEDGEMENT)
		self.assertIn(f"our reference {doc.name}", comm.subject)
		for text in ("Dear Ann Example", long_date(getdate(doc.response_due)), "advocacy", "talk with you"):
			self.assertIn(text, comm.content)
		doc.reload()
		self.assertEqual(doc.workflow_state, "Acknowledged")
		self.assertEqual((str(doc.acknowledged_on), doc.acknowledgement_method), (today(), "Written"))
		self.assertTrue(doc.discussion_offered)
		self.assertIn(comm.name, [s.name for s in letter_options_as(self, doc)["sent"]])

	def test_holding_letter_gives_the_new_date_and_why(self):
		doc = self.complaint("Under Investigation")
		with self.set_user(self.users["handler"]):
			problems = dict((o["letter"], o["problems"]) for o in letter_options_as(self, doc)["letters"])
			self.assertTrue(problems[HOLDING])  # no new date yet
			new_date = add_days(getdate(doc.response_due), 20)
			frappe.get_doc("Complaint", doc.name).change_response_due(
				str(new_date), today(), "We are waiting for an independent clinical opinion."
			)
		comm = self.assert_kept(self.send(doc, HOLDING), doc, HOLDING)
		self.assertIn(long_date(getdate(new_date)), comm.content)
		self.assertIn("independent clinical opinion", comm.content)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Under Investigation")
		# the letter's PDF is on the complaint, but it is not the draft response to sign off
		self.assertTrue(
			frappe.db.exists("File", {"attached_to_doctype": "Complaint", "attached_to_name": doc.name})
		)
		frappe.db.set_value("Complaint", doc.name, "draft_response", "")
		with self.assertRaises(frappe.ValidationError) as refused:
			act(doc, "Submit for Sign-off", self.users["handler"])
		self.assertIn("draft response", str(refused.exception))

	def test_final_response_gives_findings_actions_and_the_ombudsman_and_records_the_response(self):
		doc = self.complaint("Signed Off")
		doc.aspects[0].detail = "My father waited nine hours on a trolley"
		doc.aspects[0].finding = "The comfort rounds were not done that night."
		doc.save()
		make_learning_action(
			self.users["staff"], sources=[("Complaint", doc.name)], title="Hourly comfort rounds"
		)
		comm = self.assert_kept(self.send(doc, FINAL_RESPONSE), doc, FINAL_RESPONSE)
		for text in (
			"My father waited nine hours on a trolley",
			"The comfort rounds were not done that night.",
			"We have upheld this part of your complaint",
			"I apologise",
			"Hourly comfort rounds",
			"Parliamentary and Health Service Ombudsman",
			"0345 015 4033",
			"SW1P 4QP",
			"Chief Executive",
		):
			self.assertIn(text, comm.content)
		doc.reload()
		self.assertEqual(doc.workflow_state, "Response Sent")
		self.assertEqual(str(doc.response_sent_on), today())
		self.assertTrue(doc.ombudsman_rights_given)

	def test_no_final_response_before_sign_off(self):
		for state in ("Under Investigation", "Awaiting Sign-off"):
			with self.subTest(state=state):
				doc = self.complaint(state)
				with self.set_user(self.users["handler"]):
					body = "<p>Dear Ann Example, here is our response.</p>"
					with self.assertRaises(frappe.ValidationError) as refused:
						send_letter(doc.doctype, doc.name, FINAL_RESPONSE, "Response", body, "Email", EMAIL)
				self.assertIn("signed it off", str(refused.exception))
				self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), state)
				self.assertFalse(self.letters_of(doc))

	def test_no_final_response_while_consent_is_pending(self):
		doc = self.complaint(
			"Signed Off",
			complainant_is_patient=0,
			representative_basis="Asked To Act",
			consent_status="Pending",
		)
		frappe.db.set_value("Complaint", doc.name, "ombudsman_rights_given", 0)
		with self.assertRaises(frappe.ValidationError) as refused:
			self.send(doc, FINAL_RESPONSE)
		self.assertIn("consent", str(refused.exception))
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.response_sent_on), ("Signed Off", None))
		self.assertFalse(doc.ombudsman_rights_given)  # nothing of the attempt is kept
		self.assertFalse(self.letters_of(doc))

	def test_exclusion_letter_by_post_is_kept_and_downloaded(self):
		doc = self.complaint(
			"Received", not_under_regulations_reason="Employee complaint about their employment"
		)
		self.assertEqual(letter_options_as(self, doc)["fitting"], EXCLUSION)
		sent = self.send(doc, EXCLUSION, send_by="Post")
		comm = self.assert_kept(sent, doc, EXCLUSION, emailed=False)
		self.assertIn("grievance", comm.content)
		self.assertEqual(str(frappe.db.get_value("Complaint", doc.name, "exclusion_explained_on")), today())
		with self.set_user(self.users["manager"]):  # another reader of the complainant's details
			frappe.local.response = frappe._dict()
			letter_pdf(comm.name)
			self.assertEqual(frappe.local.response.type, "download")
			self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))

	def test_letters_are_written_only_by_those_who_handle_the_complaint_and_read_its_people(self):
		doc = self.complaint("Received")
		for key in ("leader", "rp", "handler2", "staff", "sysmgr", "safety"):
			with self.subTest(user=key), self.set_user(self.users[key]):
				self.assertRaises(REFUSED, letter_options, doc.doctype, doc.name)
				self.assertRaises(
					REFUSED, send_letter, doc.doctype, doc.name, ACKNOWLEDGEMENT, "S", "<p>B</p>", "Post"
				)
		self.assertFalse(self.letters_of(doc))

	def test_a_print_never_gives_the_people_to_those_who_may_not_read_them(self):
		doc = self.complaint("Received")
		with self.set_user(self.users["handler"]):
			self.assertIn(
				"Ann Example", frappe.get_print(doc.doctype, doc.name, print_format=ACKNOWLEDGEMENT)
			)
		for key in ("leader", "sysmgr"):
			with self.subTest(user=key), self.set_user(self.users[key]):
				html = frappe.get_print(doc.doctype, doc.name, print_format=ACKNOWLEDGEMENT)
				self.assertIn("only by those who may read the details", html)
				self.assertNotIn("Ann Example", html)
				self.assertNotIn("Acacia", html)

	def test_sent_letters_are_read_only_by_readers_of_the_people(self):
		doc = self.complaint("Received")
		comm = self.send(doc, ACKNOWLEDGEMENT)["communication"]
		pdf = frappe.get_all(
			"File", filters={"attached_to_doctype": "Communication", "attached_to_name": comm}, pluck="name"
		)[0]
		for key, reads in (("manager", True), ("handler", True), ("leader", False), ("sysmgr", False)):
			with self.subTest(user=key), self.set_user(self.users[key]):
				frappe.local.response = frappe._dict(docs=[])
				getdoc(doc.doctype, doc.name)
				timeline = [c.name for c in frappe.local.response.docinfo.communications]
				self.assertEqual(comm in timeline, reads)
				listed = frappe.get_list("Communication", filters={"name": comm}, pluck="name")
				if not reads:
					self.assertFalse(listed)
					self.assertFalse(frappe.has_permission("Communication", "read", doc=comm))
					self.assertFalse(frappe.has_permission("File", "read", doc=pdf))
					self.assertFalse(frappe.get_list("File", filters={"name": pdf}, pluck="name"))
					self.assertRaises(frappe.PermissionError, letter_pdf, comm)


class TestCandourLetter(LetterTestCase):
	def candour_in(self, state: str):
		incident = make_incident(physical_harm="Moderate", patient_name="Bob Example")
		doc = frappe.get_doc("Candour Notification", {"incident": incident.name})
		doc.update(
			{
				"notifiable": "Yes",
				"harm_category": "Moderate Harm",
				"assessed_by": "Administrator",
				"facts_account": "Bob fell on the ward at night and broke his hip.",
				"further_enquiries": "We will carry out an after action review and share what it finds.",
				"support_offered": "A named contact on the ward, and the chaplaincy.",
			}
		)
		doc.save()
		doc = act(doc, "Decide Notifiable")
		if state == "Notified In Person":
			doc.update(
				{
					"notified_in_person_on": today(),
					"notified_by": self.users["safety"],
					"apology_given": 1,
					"facts_account_given": 1,
					"further_enquiries_explained": 1,
				}
			)
			doc.save()
			doc = act(doc, "Record In-person Notification")
		return frappe.get_doc("Candour Notification", doc.name)

	def test_written_notification_is_emailed_and_recorded(self):
		doc = self.candour_in("Notified In Person")
		sent = self.send(doc, CANDOUR, user=self.users["safety"])
		comm = self.assert_kept(sent, doc, CANDOUR)
		for text in ("Dear Bob Example", "broke his hip", "after action review", "very sorry", "chaplaincy"):
			self.assertIn(text, comm.content)
		doc.reload()
		self.assertEqual(doc.workflow_state, "Written Notification Sent")
		self.assertEqual(str(doc.written_notification_on), today())
		self.assertTrue(doc.written_apology_given)

	def test_no_written_notification_before_the_one_in_person(self):
		doc = self.candour_in("Notifiable")
		with self.assertRaises(frappe.ValidationError) as refused:
			self.send(doc, CANDOUR, user=self.users["safety"])
		self.assertIn("notification in person", str(refused.exception))
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.written_notification_on), ("Notifiable", None))
		self.assertFalse(self.letters_of(doc))

	def test_only_the_patient_safety_team_writes_it(self):
		doc = self.candour_in("Notified In Person")
		for key in ("manager", "leader", "handler"):
			with self.subTest(user=key), self.set_user(self.users[key]):
				self.assertRaises(REFUSED, letter_options, doc.doctype, doc.name)


def letter_options_as(case: LetterTestCase, doc) -> dict:
	with case.set_user(case.users["handler"]):
		return letter_options(doc.doctype, doc.name)


class TestLetterTemplates(LetterTestCase):
	def test_each_letter_has_its_template_and_print_format_and_a_trusts_edit_is_kept(self):
		for letter, doctype in (
			(ACKNOWLEDGEMENT, "Complaint"),
			(HOLDING, "Complaint"),
			(FINAL_RESPONSE, "Complaint"),
			(EXCLUSION, "Complaint"),
			(CANDOUR, "Candour Notification"),
		):
			self.assertEqual(frappe.db.get_value("Print Format", letter, "doc_type"), doctype)
			self.assertTrue(frappe.db.get_value("Email Template", letter, "use_html"))
		frappe.db.set_value(
			"Email Template", HOLDING, "response_html", "<p>{{ salutation }}, our own words.</p>"
		)
		install.after_install()
		self.assertIn("our own words", frappe.db.get_value("Email Template", HOLDING, "response_html"))
		self.assertEqual(set(install.find_leftovers()["Email Template"]), set(letters.SUBJECTS))

	def test_uninstall_finds_the_files_of_letters(self):
		doc = self.complaint("Received")
		comm = self.send(doc, ACKNOWLEDGEMENT, send_by="Post")["communication"]
		pdf = frappe.get_all(
			"File", filters={"attached_to_doctype": "Communication", "attached_to_name": comm}, pluck="name"
		)
		self.assertTrue(pdf)
		self.assertLessEqual(set(pdf), set(letters.leftovers(["Complaint"])["File of a letter or email"]))
