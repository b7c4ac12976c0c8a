# Copyright (c) 2026, JLC developers. License: MIT.
"""Tier B: the public pages through a real web server on 127.0.0.1, as an anonymous visitor (issue 10).

The server (leak_harness.Server) runs in its own process and commits what it is sent, so this class commits
the complaints it makes and deletes them afterwards.
"""

import re
import statistics
import time

import frappe
import requests

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints import public_complaint, status_link
from jlc_frappe.jlc_complaints.test_public_pages import PDF, answers, mail_text
from jlc_frappe.rules import public_form
from jlc_frappe.tests.fixtures import outgoing_email_account
from jlc_frappe.tests.leak_harness import Server

REFERENCE = re.compile(r'class="jlc-reference">([^<]+)<')
PAGE_TEXT = re.compile(r'<div class="jlc-public">(.*)</div>\s*</div>\s*<div class="page-footer">', re.S)
API = "/api/method/jlc_frappe.api.public.request_status_link"


class TestPublicPagesOverHttp(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.account = None
		if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			outgoing_email_account()
			cls.account = frappe.db.get_value("Email Account", {"default_outgoing": 1})
		frappe.db.commit()
		cls.created = []
		cls.server = Server()
		cls.server.start()

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in cls.created:
			if frappe.db.exists("Complaint", name):
				for file in frappe.get_all("File", {"attached_to_name": name}, pluck="name"):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				frappe.delete_doc(
					"Complaint", name, force=True, ignore_permissions=True, delete_permanently=True
				)
			for doctype, column in (("Comment", "reference_name"), ("Version", "docname")):
				frappe.db.delete(doctype, {column: name})
			queued = frappe.get_all("Email Queue", {"reference_name": name}, pluck="name")
			if queued:
				frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
				frappe.db.delete("Email Queue", {"name": ("in", queued)})
		if cls.account:
			frappe.delete_doc("Email Account", cls.account, force=True, ignore_permissions=True)
		_drop_queued_status_jobs()
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.local.outgoing_email_account = {}
		for limit, who in (
			(public_complaint.POSTS_PER_ADDRESS, "127.0.0.1"),
			(status_link.REQUESTS_PER_ADDRESS, "127.0.0.1"),
		):
			limit.reset(who)
		frappe.cache.delete(frappe.cache.make_key(f"rl:{API.rsplit('/', 1)[1]}:127.0.0.1"))

	# --- helpers -----------------------------------------------------------------------------------------

	def call(self, method: str, path: str, **kwargs) -> requests.Response:
		kwargs.setdefault("timeout", 60)
		headers = {"Host": self.server.site, **kwargs.pop("headers", {})}
		return requests.request(
			method, self.server.base + path, headers=headers, allow_redirects=False, **kwargs
		)

	def complain(self, values: dict, files=None) -> requests.Response:
		return self.call("POST", "/make-a-complaint", data=values, files=files)

	def made(self, values: dict | None = None, files=None) -> str:
		response = self.complain(values or answers(), files)
		self.assertEqual(response.status_code, 200, response.text[-2000:])
		reference = REFERENCE.search(response.text)[1]
		self.created.append(reference)
		frappe.db.commit()  # end this connection's snapshot: read what the server committed
		return reference

	def page_text(self, response) -> str:
		found = PAGE_TEXT.search(response.text)
		self.assertTrue(found, response.text[-3000:])
		return found[1]

	# --- the form ----------------------------------------------------------------------------------------

	def test_the_form_makes_a_complaint_and_gives_back_only_its_reference(self):
		page = self.call("GET", "/make-a-complaint")
		self.assertEqual(page.status_code, 200)
		for part in ('for="complainant_email"', 'name="website"', 'enctype="multipart/form-data"', "<legend"):
			self.assertIn(part, page.text)

		refused = self.complain({"complaining_for": "me"})
		self.assertEqual(refused.status_code, 422)
		self.assertIn("There is a problem", refused.text)
		self.assertIn('<a href="#complainant_name">Enter your full name.</a>', refused.text)
		self.assertIn('aria-describedby="complainant_name-error" aria-invalid="true"', refused.text)

		values = answers()
		response = self.complain(values, files=[("attachments", ("letter.pdf", PDF, "application/pdf"))])
		self.assertEqual(response.status_code, 200)
		reference = REFERENCE.search(response.text)[1]
		self.created.append(reference)
		for secret in (values["description"].split()[-1], values["patient_name"], values["complainant_name"]):
			self.assertNotIn(secret, response.text)
		frappe.db.commit()
		doc = frappe.get_doc("Complaint", reference)
		self.assertEqual((doc.workflow_state, doc.received_via), ("Received", "Web Form"))
		self.assertEqual(doc.complainant_email, values["complainant_email"])
		(file,) = frappe.get_all("File", {"attached_to_name": reference}, ["name", "file_url", "is_private"])
		self.assertEqual(file.is_private, 1)
		# the reference to the complainant (the complaints team is told of the new complaint too)
		(mail,) = frappe.get_all(
			"Email Queue",
			filters=[
				["Email Queue", "reference_name", "=", reference],
				["Email Queue Recipient", "recipient", "=", values["complainant_email"]],
			],
			fields=["message"],
		)
		self.assertIn(reference, mail_text(mail.message))

		person = doc.complainant
		for path, params in (
			(file.file_url, None),
			(f"/api/resource/Complaint/{reference}", None),
			("/api/resource/Complaint", {"fields": '["*"]'}),
			(f"/api/resource/JLC Person/{person}", None),
			("/api/resource/JLC Person", None),
			("/api/method/frappe.client.get", {"doctype": "Complaint", "name": reference}),
			(
				"/api/method/frappe.client.get_value",
				{"doctype": "JLC Person", "fieldname": "email", "filters": person},
			),
			("/api/method/frappe.client.get_count", {"doctype": "Complaint"}),
			("/api/method/frappe.desk.search.search_link", {"doctype": "Complaint", "txt": reference}),
			("/api/method/frappe.desk.reportview.get", {"doctype": "JLC Person", "fields": '["email"]'}),
		):
			answer = self.call("GET", path, params=params)
			self.assertIn(answer.status_code, (403, 404), f"{path}: {answer.status_code}")
			for secret in (values["complainant_email"], values["patient_name"], values["summary"], person):
				self.assertNotIn(secret, answer.text, path)

	def test_bots_are_dropped_and_big_or_strange_files_refused_in_words(self):
		before = frappe.db.count("Complaint")
		bot = self.complain(answers(website="http://spam.example.com"))
		self.assertEqual(bot.status_code, 200)
		self.assertIn("Complaint sent", bot.text)
		self.assertIsNone(REFERENCE.search(bot.text))
		big = [("attachments", ("scan.pdf", b"%PDF" + b"0" * public_form.MAX_FILE_BYTES, "application/pdf"))]
		too_big = self.complain(answers(), files=big)
		self.assertEqual(too_big.status_code, 422)
		self.assertIn("scan.pdf is bigger than 5 MB. Choose a smaller file.", too_big.text)
		program = [("attachments", ("invoice.pdf", b"MZ\x90\x00\x03", "application/pdf"))]
		strange = self.complain(answers(), files=program)
		self.assertIn("invoice.pdf is not a type of file we can take.", strange.text)
		frappe.db.commit()
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_one_address_is_rate_limited(self):
		public_complaint.POSTS_PER_ADDRESS.reset("127.0.0.1")
		for _ in range(public_complaint.POSTS_PER_ADDRESS.count):
			self.assertEqual(self.complain({}).status_code, 422)
		limited = self.complain(answers())
		self.assertEqual(limited.status_code, 429)
		self.assertIn("Wait an hour and try again", limited.text)
		public_complaint.POSTS_PER_ADDRESS.reset("127.0.0.1")

	# --- the status lookup -------------------------------------------------------------------------------

	def test_a_wrong_pair_gets_the_same_page_and_the_same_answer_in_the_same_time(self):
		values = answers()
		reference, email = self.made(values), values["complainant_email"]
		pairs = {
			"right": (reference, email),
			"wrong email": (reference, "someone.else@example.com"),
			"wrong reference": ("COMP-1999-99999", email),
		}
		pages, apis, timings = {}, {}, {}
		for kind, (ref, address) in pairs.items():
			self._reset_status_limits(ref, address)
			page = self.call(
				"POST", "/complaint-status", data={"action": "request", "reference": ref, "email": address}
			)
			pages[kind] = (page.status_code, self.page_text(page))
			api = self.call("POST", API, data={"reference": ref, "email": address})
			apis[kind] = (api.status_code, api.json())
			timings[kind] = []
			for _ in range(4):
				self._reset_status_limits(ref, address)
				started = time.monotonic()
				self.call("POST", API, data={"reference": ref, "email": address})
				timings[kind].append(time.monotonic() - started)
		self.assertEqual(len(set(pages.values())), 1, pages)
		self.assertEqual(len({repr(a) for a in apis.values()}), 1, apis)
		self.assertEqual(pages["right"][0], 200)
		self.assertIn("If the reference and email address match", pages["right"][1])
		medians = {kind: statistics.median(t) for kind, t in timings.items()}
		self.assertLess(max(medians.values()) - min(medians.values()), 0.25, medians)

	def test_a_link_works_once_over_http(self):
		values = answers()
		reference, email = self.made(values), values["complainant_email"]
		frappe.flags.mute_emails = True
		try:
			outgoing_email_account()
			status_link.send_link(reference, email)
		finally:
			frappe.flags.mute_emails = False
		(mail,) = [
			m
			for m in frappe.get_all("Email Queue", {"reference_name": reference}, ["message"])
			if "complaint-status?key=" in mail_text(m.message)
		]
		key = re.search(r"complaint-status\?key=([\w-]+)", mail_text(mail.message))[1]
		frappe.db.commit()
		for _ in range(2):  # opening the link (or a mail scanner following it) does not use it
			opened = self.call("GET", "/complaint-status", params={"key": key})
			self.assertEqual(opened.status_code, 200)
			self.assertIn("Show my complaint", opened.text)
		shown = self.call("POST", "/complaint-status", data={"action": "view", "key": key})
		text = self.page_text(shown)
		self.assertIn(reference, text)
		self.assertIn("Received", text)
		self.assertIn("We aim to acknowledge it by", text)
		for secret in (values["description"].split()[-1], values["summary"], values["patient_name"], email):
			self.assertNotIn(secret, shown.text)
		again = self.call("POST", "/complaint-status", data={"action": "view", "key": key})
		self.assertIn("This link no longer works", again.text)
		self.assertNotIn("We aim to acknowledge it by", again.text)
		self.assertIn(
			"This link no longer works", self.call("GET", "/complaint-status", params={"key": key}).text
		)

	def _reset_status_limits(self, reference: str, email: str) -> None:
		status_link.REQUESTS_PER_ADDRESS.reset("127.0.0.1")
		status_link.REQUESTS_PER_EMAIL.reset(email.lower())
		status_link.REQUESTS_PER_REFERENCE.reset(reference.upper())
		frappe.cache.delete(frappe.cache.make_key(f"rl:{API.rsplit('/', 1)[1]}:127.0.0.1"))


def _drop_queued_status_jobs() -> None:
	"""The server queued status-link jobs for this site (no worker runs in tests): take them off the queue."""
	from frappe.utils.background_jobs import get_queue

	queue = get_queue("short")
	for job in queue.get_jobs():
		kwargs = job.kwargs or {}
		if kwargs.get("site") == frappe.local.site and kwargs.get("method") == status_link.SEND:
			job.delete()
