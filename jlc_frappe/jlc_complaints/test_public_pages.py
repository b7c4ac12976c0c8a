# Copyright (c) 2026, JLC developers. License: MIT.
"""Tier B: the public complaint form and the status lookup, used as Guest (issue 10).

In-process, as Frappe's Guest user: what is stored, what is emailed, what is refused and what comes back.
test_public_pages_http.py asks the same of a real web server.
"""

import io
import random
import re
from email import message_from_string

import frappe
from frappe.model.workflow import apply_workflow
from werkzeug.datastructures import FileStorage

from jlc_frappe.api import public
from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints import public_complaint, status_link
from jlc_frappe.rules import public_form
from jlc_frappe.tests.fixtures import nhs_number, outgoing_email_account

PDF = b"%PDF-1.4\n% a letter from the hospital\n"


def unique(prefix: str = "p") -> str:
	return f"{prefix}{random.randint(10**8, 10**9)}"


def answers(**changes) -> dict:
	"""A complete form from someone complaining for their father, who asked them to."""
	return {
		"complaining_for": "someone-else",
		"patient_name": "Bob " + unique("Patient"),
		"basis": "asked",
		"consent": "yes",
		"complainant_name": "Ann " + unique("Complainant"),
		"complainant_email": unique("ann") + "@example.com",
		"complainant_phone": "07700 900982",
		"contact_by": "email",
		"summary": "Waited nine hours in A&E",
		"description": "My father waited nine hours on a trolley and was not given water. "
		+ unique("marker"),
		"outcome_sought": "An apology and water rounds.",
		"event_date-day": "1",
		"event_date-month": "11",
		"event_date-year": "2026",
		"form_token": frappe.generate_hash(length=32),
		**changes,
	}


def mail_text(message: str) -> str:
	"""The readable text of a queued MIME message (its parts are quoted-printable or base64)."""
	parts = [p.get_payload(decode=True) for p in message_from_string(message).walk()]
	return "\n".join(p.decode(errors="replace") for p in parts if p)


def upload(name: str, content: bytes) -> FileStorage:
	return FileStorage(stream=io.BytesIO(content), filename=name)


class PublicTestCase(JLCTestCase):
	def setUp(self):
		super().setUp()
		muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		self.addCleanup(setattr, frappe.flags, "mute_emails", muted)
		outgoing_email_account()
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		self.ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
		frappe.local.message_log = []
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def submit(self, values: dict, files=()):
		outcome = public_complaint.submit(values, list(files), self.ip)
		self.assertEqual(frappe.session.user, "Guest", "the request is given back to Guest")
		self.assertEqual(frappe.local.message_log, [], "nothing the desk would say reaches the guest")
		return outcome

	def queued(self, email: str) -> list:
		"""The emails queued for `email`, with their text decoded."""
		mails = frappe.get_all(
			"Email Queue",
			filters=[["Email Queue Recipient", "recipient", "=", email]],
			fields=["name", "message", "reference_name"],
		)
		for mail in mails:
			mail.message = mail_text(mail.message)
		return mails


class TestPublicComplaintForm(PublicTestCase):
	def test_created_in_received_with_its_people_in_the_identity_store_and_the_reference_emailed(self):
		values = answers(
			nhs_number=nhs_number(),
			**{"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1950"},
		)
		outcome = self.submit(values)
		self.assertTrue(outcome.sent and outcome.reference, outcome.errors)
		self.assertEqual(set(vars(outcome)), {"reference", "errors", "http_status", "sent", "emailed"})
		self.assertEqual(outcome.errors, {})
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", outcome.reference)
		self.assertEqual(doc.workflow_state, "Received")
		self.assertEqual(doc.received_via, "Web Form")
		self.assertEqual(str(doc.received_on), frappe.utils.today())
		self.assertEqual((doc.representative_basis, doc.consent_status), ("Asked To Act", "Pending"))
		self.assertEqual(doc.complainant_is_patient, 0)
		self.assertEqual(doc.owner, "Administrator", "never owned by Guest, who is every visitor")
		self.assertEqual(str(doc.event_date), "2026-11-01")
		# the identity store holds the people; the complaint's table holds only the links
		self.assertEqual(doc.complainant_name, values["complainant_name"])
		self.assertEqual(doc.complainant_email, values["complainant_email"])
		self.assertEqual(doc.patient_name, values["patient_name"])
		self.assertEqual(str(doc.date_of_birth), "1950-03-27")
		patient = frappe.get_doc("JLC Person", doc.patient)
		self.assertEqual(patient.nhs_number.replace(" ", ""), values["nhs_number"])
		columns = frappe.db.get_table_columns("Complaint")
		self.assertNotIn("complainant_name", columns)
		self.assertNotIn("patient_name", columns)
		# what the complainant told us about consent and contact is on the timeline for the team
		notes = frappe.get_all(
			"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("said the patient has agreed" in n for n in notes), notes)
		self.assertTrue(any("contacted by: Email" in n for n in notes), notes)
		# the reference, at once, through the email queue; nothing of what the complaint says
		(mail,) = self.queued(values["complainant_email"])
		self.assertEqual(mail.reference_name, doc.name)
		self.assertIn(doc.name, mail.message)
		for secret in (values["description"].split()[-1], values["patient_name"], values["summary"]):
			self.assertNotIn(secret, mail.message)

	def test_the_patient_complaining_is_one_person(self):
		number = nhs_number()
		outcome = self.submit(answers(complaining_for="me", nhs_number=number, basis="", consent=""))
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", outcome.reference)
		self.assertEqual(doc.complainant, doc.patient)
		self.assertEqual((doc.complainant_is_patient, doc.consent_status), (1, "Not Required"))
		self.assertEqual(
			frappe.db.get_value("JLC Person", doc.patient, "nhs_number").replace(" ", ""), number
		)

	def test_a_guest_never_changes_a_person_jlc_holds(self):
		frappe.set_user("Administrator")
		held = frappe.get_doc(
			{
				"doctype": "JLC Person",
				"full_name": "Carol " + unique("Held"),
				"email": unique("carol") + "@example.com",
				"phone": "01632 960001",
				"nhs_number": nhs_number(),
			}
		).insert()
		frappe.set_user("Guest")
		same = answers(
			complainant_name=held.full_name, complainant_email=held.email, complainant_phone=held.phone
		)
		other_phone = answers(
			complainant_name=held.full_name, complainant_email=held.email, complainant_phone="07700 900123"
		)
		number_held = answers(nhs_number=held.nhs_number, patient_name="Someone " + unique("Else"))
		outcomes = [self.submit(v) for v in (same, other_phone, number_held)]
		frappe.set_user("Administrator")
		docs = [frappe.get_doc("Complaint", o.reference) for o in outcomes]
		self.assertEqual(docs[0].complainant, held.name, "every detail given is theirs: the same person")
		self.assertNotEqual(docs[1].complainant, held.name, "a different phone: a new person, not a change")
		self.assertNotEqual(docs[2].patient, held.name)
		self.assertFalse(frappe.db.get_value("JLC Person", docs[2].patient, "nhs_number"))
		notes = frappe.get_all("Comment", filters={"reference_name": docs[2].name}, pluck="content")
		self.assertTrue(any("NHS number given on the web form is already held" in n for n in notes))
		held.reload()
		self.assertEqual(held.phone, "01632 960001")
		versions = frappe.get_all("Version", filters={"ref_doctype": "JLC Person", "docname": held.name})
		self.assertEqual(versions, [], "nobody changed the person")

	def test_attachments_are_private_and_on_the_complaint(self):
		values = answers()
		outcome = self.submit(
			values, [upload("letter.pdf", PDF), upload("photo.png", b"\x89PNG\r\n\x1a\n....")]
		)
		frappe.set_user("Administrator")
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Complaint", "attached_to_name": outcome.reference},
			fields=["name", "file_name", "is_private", "owner", "file_url"],
		)
		self.assertEqual(sorted(f.file_name.split(".")[-1] for f in files), ["pdf", "png"])
		for file in files:
			self.assertEqual(file.is_private, 1)
			self.assertTrue(file.file_url.startswith("/private/files/"))
			self.assertEqual(file.owner, "Administrator")
			self.assertFalse(frappe.has_permission("File", "read", doc=file.name, user="Guest"))
		pdf = next(f for f in files if f.file_name.endswith(".pdf"))
		self.assertEqual(frappe.get_doc("File", pdf.name).get_content(), PDF.decode())

	def test_file_size_and_type_limits_are_refused_in_words(self):
		before = frappe.db.count("Complaint")
		cases = {
			"run.pdf": (b"MZ\x90\x00 a program", "run.pdf is not a type of file we can take."),
			"big.pdf": (b"%PDF" + b"0" * public_form.MAX_FILE_BYTES, "big.pdf is bigger than 5 MB."),
			"tool.exe": (b"MZ", "tool.exe is not a type of file we can take."),
		}
		for name, (content, words) in cases.items():
			outcome = self.submit(answers(), [upload(name, content)])
			self.assertEqual(outcome.http_status, 422)
			self.assertIn(words, outcome.errors["attachments"])
		outcome = self.submit(answers(), [upload(f"p{i}.pdf", PDF) for i in range(public_form.MAX_FILES + 1)])
		self.assertIn("Choose 4 files or fewer. You chose 5.", outcome.errors["attachments"])
		self.assertEqual(frappe.db.count("Complaint"), before, "nothing is stored")

	def test_missing_answers_are_asked_for_in_words_and_nothing_is_stored(self):
		before = frappe.db.count("Complaint")
		outcome = self.submit({"complaining_for": "someone-else", "complainant_email": "not an email"})
		self.assertEqual(outcome.http_status, 422)
		self.assertIsNone(outcome.reference)
		self.assertEqual(
			outcome.errors["patient_name"], "Enter the full name of the person you are complaining for."
		)
		self.assertEqual(
			outcome.errors["complainant_email"],
			"Enter an email address in the correct format, like name@example.com.",
		)
		self.assertEqual(list(outcome.errors)[0], "patient_name", "in the order of the form")
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_rate_limited_per_email_address_and_per_connection(self):
		email = unique("busy") + "@example.com"
		for _ in range(public_complaint.COMPLAINTS_PER_EMAIL.count):
			self.assertTrue(self.submit(answers(complainant_email=email)).sent)
		refused = self.submit(answers(complainant_email=email.upper()))
		self.assertEqual(refused.http_status, 429)
		self.assertIn("Wait an hour", refused.errors["form"])
		self.assertEqual(len(self.queued(email)), public_complaint.COMPLAINTS_PER_EMAIL.count)
		self.ip = "10.255.255.254"
		public_complaint.POSTS_PER_ADDRESS.reset(self.ip)
		for _ in range(public_complaint.POSTS_PER_ADDRESS.count - 1):
			self.assertEqual(self.submit({}).http_status, 422)
		self.assertEqual(self.submit({}).http_status, 422)
		self.assertEqual(self.submit(answers()).http_status, 429, "every post from one address counts")
		public_complaint.POSTS_PER_ADDRESS.reset(self.ip)

	def test_the_bot_field_drops_the_submission_silently(self):
		values = answers(website="http://spam.example.com")
		before = (frappe.db.count("Complaint"), frappe.db.count("JLC Person"))
		outcome = self.submit(values, [upload("letter.pdf", PDF)])
		self.assertTrue(outcome.sent)
		self.assertEqual((outcome.errors, outcome.http_status), ({}, 200))
		self.assertIsNone(outcome.reference)
		self.assertEqual((frappe.db.count("Complaint"), frappe.db.count("JLC Person")), before)
		self.assertEqual(self.queued(values["complainant_email"]), [])

	def test_a_form_sent_twice_makes_one_complaint(self):
		values = answers()
		first, again = self.submit(values), self.submit(values)
		self.assertEqual(first.reference, again.reference)
		self.assertEqual(len(self.queued(values["complainant_email"])), 1)

	def test_markup_typed_into_the_form_is_not_kept_as_markup(self):
		script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
		outcome = self.submit(
			answers(
				summary="Nine hours" + script, description="Waited" + script, complainant_name="Ann" + script
			)
		)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", outcome.reference)
		for value in (doc.summary, doc.description, doc.complainant_name):
			self.assertNotIn("<script", value)
			self.assertNotIn("onerror", value)
		notes = frappe.get_all("Comment", filters={"reference_name": doc.name}, pluck="content")
		self.assertFalse(any("<script" in n for n in notes))

	def test_guest_reads_no_complaint_and_no_person(self):
		outcome = self.submit(answers())
		frappe.set_user("Administrator")
		person = frappe.db.get_value("Complaint", outcome.reference, "complainant")
		frappe.set_user("Guest")
		for doctype, name in (("Complaint", outcome.reference), ("JLC Person", person)):
			self.assertFalse(frappe.has_permission(doctype, "read", doc=name))
			self.assertFalse(frappe.has_permission(doctype, "read"))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list(doctype, fields=["name"])
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(doctype, name).check_permission("read")


class TestComplaintStatus(PublicTestCase):
	def made(self):
		values = answers()
		outcome = self.submit(values)
		return outcome.reference, values["complainant_email"]

	def link_in(self, email: str) -> str | None:
		for mail in self.queued(email):
			found = re.search(r"complaint-status\?key=([\w-]+)", mail.message)
			if found:
				return found[1]
		return None

	def test_a_wrong_pair_gets_the_same_answer_and_nothing(self):
		reference, email = self.made()
		other_reference, _ = self.made()
		answers_given = [
			public.request_status_link(reference, email),
			public.request_status_link(reference, "someone.else@example.com"),
			public.request_status_link(other_reference, email),
			public.request_status_link("COMP-1999-99999", email),
		]
		self.assertEqual(len(set(answers_given)), 1, answers_given)
		self.assertIn("If the reference and email address match", answers_given[0])
		self.assertEqual(frappe.local.message_log, [])
		self.assertTrue(self.link_in(email), "the right pair is sent a link")
		self.assertIsNone(self.link_in("someone.else@example.com"))
		links = [m for m in self.queued(email) if "complaint-status?key=" in m.message]
		self.assertEqual(len(links), 1, "only the right pair, once")
		self.assertEqual(links[0].reference_name, reference)

	def test_the_email_is_matched_whatever_its_case(self):
		reference, email = self.made()
		public.request_status_link(reference.lower(), "  " + email.upper())
		self.assertTrue(self.link_in(email))

	def test_a_link_works_once_and_shows_the_stage_and_dates_never_the_content(self):
		reference, email = self.made()
		status_link.request_link(reference, email, self.ip)
		key = self.link_in(email)
		self.assertTrue(status_link.is_live(key))
		self.assertTrue(status_link.is_live(key), "asking whether it is live does not use it")
		progress = status_link.use(key)
		self.assertEqual(progress["reference"], reference)
		self.assertEqual(progress["stage"], "Received")
		labels = [d["label"] for d in progress["dates"]]
		self.assertEqual(
			labels, ["Received", "We aim to acknowledge it by", "We expect to send our response by"]
		)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", reference)
		for secret in (doc.summary, doc.description, doc.complainant_name, doc.patient_name, email):
			self.assertNotIn(secret, repr(progress))
		frappe.set_user("Guest")
		self.assertIsNone(status_link.use(key), "a link works once")
		self.assertFalse(status_link.is_live(key))
		self.assertIsNone(status_link.use("made-up-" + unique()))

	def test_links_are_stored_hashed_and_expire(self):
		reference, email = self.made()
		status_link.request_link(reference, email, self.ip)
		key = self.link_in(email)
		self.assertIsNone(frappe.cache.get(frappe.cache.make_key("jlc:status-link:" + key)), "never in clear")
		ttl = frappe.cache.ttl(status_link._key(key))
		self.assertTrue(0 < ttl <= status_link.LINK_HOURS * 3600, ttl)
		frappe.cache.delete(status_link._key(key))  # what Redis does when the hours have passed
		self.assertIsNone(status_link.use(key))

	def test_status_requests_are_rate_limited(self):
		reference, email = self.made()
		for _ in range(status_link.REQUESTS_PER_EMAIL.count):
			status_link.request_link(reference, email, self.ip)
		with self.assertRaises(frappe.RateLimitExceededError):
			status_link.request_link(reference, email, self.ip)
		frappe.local.message_log = []

	def test_the_stage_moves_with_the_workflow(self):
		reference, email = self.made()
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", reference)
		doc.acknowledgement_method = "Written"
		doc.save()
		apply_workflow(doc, "Acknowledge")
		frappe.set_user("Guest")
		progress = status_link.public_progress(reference)
		self.assertEqual(progress["stage"], "Acknowledged")
		self.assertEqual(progress["dates"][1]["label"], "Acknowledged")
