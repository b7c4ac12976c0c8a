# Copyright (c) 2026, JLC developers. License: MIT.
"""CQC Request: the due date and status on save and daily, bad dates refused, the pack built and attached without
anyone's identity, and who may read a request."""

import sys
from io import BytesIO
from unittest.mock import patch

import frappe
import openpyxl
from frappe.utils import getdate
from pypdf import PdfReader

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_learning.doctype.cqc_request.cqc_request import build_pack, refresh_cqc_request_statuses
from jlc_frappe.tests.fixtures import complaint_in_state, ensure_users, make_complaint, make_learning_action

# A quarter nothing else on a test site is in (the board report's tests use 2023).
PERIOD = {"period_from": "2021-01-01", "period_to": "2021-03-31"}
SUMMARY = "Waited for a wheelchair at the outpatients entrance for an hour"
COMPLAINANT = "Zebedee Quillfeather"
CLOSED_SUMMARY = "Discharged without the medicines list being explained"


def request_values(**values) -> dict:
	return {
		"doctype": "CQC Request",
		"regulation": "Regulation 16",
		"received_on": "2026-03-03",
		**PERIOD,
		**values,
	}


class TestCQCRequest(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = users = ensure_users()
		with JLCTestCase.freeze_time(None, "2021-02-02 10:00:00.123456"):
			cls.complaint = make_complaint(
				received_on="2021-02-01",
				summary=SUMMARY,
				complainant_name=COMPLAINANT,
				complainant_email="zebedee.quillfeather@example.com",
				staff_involved=[{"user": users["leader2"]}],  # a Senior Leader named in the complaint
			)
		with JLCTestCase.freeze_time(None, "2021-03-10 10:00:00.123456"):
			cls.closed = complaint_in_state("Closed", summary=CLOSED_SUMMARY, complainant_name=COMPLAINANT)
			make_learning_action(users["staff"], sources=[("Complaint", cls.closed.name)])

	def new_request(self, **values):
		with self.freeze_time("2026-03-10 10:00:00.123456"):
			return frappe.get_doc(request_values(**values)).insert()

	# dates and status ---------------------------------------------------------------------------------------------

	def test_due_date_and_status_on_save(self):
		doc = self.new_request()
		self.assertEqual((str(doc.due_on), doc.status), ("2026-03-31", "Open"))
		with self.freeze_time("2026-04-01 09:00:00.123456"):
			doc.save()  # a save after the due date
			self.assertEqual(doc.status, "Overdue")
			doc.sent_on = "2026-03-31"
			doc.save()
		self.assertEqual(
			frappe.db.get_value("CQC Request", doc.name, ["due_on", "status"]), (doc.due_on, "Sent")
		)

	def test_bad_dates_are_refused_and_change_nothing(self):
		before = frappe.db.count("CQC Request")
		bad = (
			{"period_from": "2021-03-31", "period_to": "2021-01-01"},  # the period ends before it begins
			{"received_on": "2026-03-11"},  # received tomorrow
			{"sent_on": "2026-03-02"},  # sent before received
		)
		for values in bad:
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError):
				self.new_request(**values)
		self.assertEqual(frappe.db.count("CQC Request"), before)
		doc = self.new_request()
		doc.period_to = "2020-12-31"
		with (
			self.freeze_time("2026-03-10 10:00:00.123456"),
			self.assertRaises(frappe.ValidationError) as refused,
		):
			doc.save()
		self.assertIn("before it begins", str(refused.exception))
		self.assertEqual(str(frappe.db.get_value("CQC Request", doc.name, "period_to")), "2021-03-31")

	def test_daily_job_keeps_the_status_true(self):
		self.assertIn(
			"jlc_frappe.jlc_learning.doctype.cqc_request.cqc_request.refresh_cqc_request_statuses",
			frappe.get_hooks("scheduler_events")["daily"],
		)
		late, sent = self.new_request(), self.new_request(sent_on="2026-03-09")
		later = self.new_request(received_on="2026-03-09")  # due 6 April
		refresh_cqc_request_statuses(on_date="2026-03-31")  # the due date itself: still in time
		self.assertEqual(self.statuses(late, sent, later), ["Open", "Sent", "Open"])
		refresh_cqc_request_statuses(on_date="2026-04-01")
		self.assertEqual(self.statuses(late, sent, later), ["Overdue", "Sent", "Open"])
		frappe.db.set_value("CQC Request", late.name, "sent_on", "2026-04-02")  # sent without a save
		refresh_cqc_request_statuses(on_date="2026-04-07")
		self.assertEqual(self.statuses(late, sent, later), ["Sent", "Sent", "Overdue"])

	def statuses(self, *docs):
		return [frappe.db.get_value("CQC Request", d.name, "status") for d in docs]

	# the pack -----------------------------------------------------------------------------------------------------

	def build(self, doc, user="manager"):
		with self.set_user(self.users[user]):
			build_pack(doc.name)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "CQC Request", "attached_to_name": doc.name},
			fields=["name", "file_name", "is_private"],
			order_by="file_name",
		)
		return {f.file_name.rsplit(".", 1)[1]: f for f in files}

	def texts(self, files) -> tuple[str, str]:
		xlsx = openpyxl.load_workbook(BytesIO(frappe.get_doc("File", files["xlsx"].name).get_content()))
		cells = " ".join(
			[*xlsx.sheetnames]
			+ [
				str(value)
				for sheet in xlsx.worksheets
				for row in sheet.iter_rows(values_only=True)
				for value in row
				if value is not None
			]
		)
		pdf = PdfReader(BytesIO(frappe.get_doc("File", files["pdf"].name).get_content()))
		return cells, " ".join(" ".join(page.extract_text() for page in pdf.pages).split())

	def assert_no_identity(self, *texts):
		for text in texts:
			for identity in (COMPLAINANT, "Quillfeather", "zebedee.quillfeather@example.com"):
				self.assertNotIn(identity, text)

	def test_regulation_16_pack_is_attached_without_identities(self):
		doc = self.new_request()
		files = self.build(doc)
		self.assertEqual(sorted(files), ["pdf", "xlsx"])
		self.assertTrue(all(f.is_private for f in files.values()))
		cells, pdf = self.texts(files)
		for text in (cells, pdf):
			self.assertIn(self.complaint.name, text)
			self.assertIn(SUMMARY, text)  # the complaint received, with its summary
			self.assertIn(self.closed.name, text)  # and the one closed in the period (a response)
		self.assertIn("Complaints received", cells)
		self.assertIn("regulation 16(3)", pdf)
		self.assert_no_identity(cells, pdf)
		# built again: the new pack replaces the last one
		self.assertEqual(len(self.build(doc)), 2)
		self.assertEqual(frappe.db.count("File", {"attached_to_name": doc.name}), 2)
		# the question changes: the pack that answered the old one goes
		with self.freeze_time("2026-03-10 10:00:00.123456"):
			doc.period_from = "2021-02-01"
			doc.save()
		self.assertEqual(frappe.db.count("File", {"attached_to_name": doc.name}), 0)
		# once answered, the pack is kept as it was sent
		self.build(doc)
		with self.freeze_time("2026-03-10 10:00:00.123456"):
			doc.reload()
			doc.sent_on = "2026-03-10"
			doc.save()
			self.assertRaises(frappe.ValidationError, build_pack, doc.name)
		self.assertEqual(frappe.db.count("File", {"attached_to_name": doc.name}), 2)

	def test_regulation_17_pack_with_narrative_plan_and_without_triangulation(self):
		doc = self.new_request(
			regulation="Regulation 17",
			narrative="<p>The quality committee reviews every complaint theme monthly.</p>",
			improvement_plan="<p>Wheelchairs at every entrance by June.</p>",
		)
		with patch.dict(sys.modules, {"jlc_frappe.governance.triangulation": None}):  # not on this site
			files = self.build(doc, user="rp")
		cells, pdf = self.texts(files)
		for text in (cells, pdf):
			self.assertIn("The quality committee reviews every complaint theme monthly.", text)
			self.assertIn("Wheelchairs at every entrance by June.", text)
			self.assertIn("Offer water to patients waiting on trolleys", text)  # an open learning action
			self.assertIn("Triangulation is not available on this site.", text)
		self.assertIn("Duty of candour", pdf)
		self.assert_no_identity(cells, pdf)
		files = self.build(doc)  # with triangulation, when the site has it
		cells, pdf = self.texts(files)
		self.assertIn("Triangulation hotspots", cells)
		self.assertNotIn("Triangulation is not available", cells)

	# who may read ---------------------------------------------------------------------------------------------------

	def test_who_may_read_and_write_a_request(self):
		doc = self.new_request()
		self.build(doc)
		pack = frappe.get_all("File", filters={"attached_to_name": doc.name}, pluck="name")[0]
		for key, reads, writes in (
			("manager", True, True),
			("rp", True, True),
			("leader", True, False),
			("leader2", False, False),  # named as staff involved in a complaint of the period
			("handler", False, False),
			("staff", False, False),
			("panel", False, False),
			("sysmgr", False, False),
		):
			user = self.users[key]
			with self.subTest(user=key):
				self.assertEqual(
					bool(frappe.has_permission("CQC Request", "read", doc.name, user=user)), reads
				)
				self.assertEqual(
					bool(frappe.has_permission("CQC Request", "write", doc.name, user=user)), writes
				)
				self.assertEqual(bool(frappe.has_permission("File", "read", pack, user=user)), reads)
				with self.set_user(user):
					try:
						listed = doc.name in frappe.get_list("CQC Request", pluck="name", limit=0)
					except frappe.PermissionError:
						listed = False
				self.assertEqual(listed, reads)
		with self.set_user(self.users["leader"]), self.assertRaises(frappe.PermissionError):
			build_pack(doc.name)
		# a request about another period is read by the named Senior Leader
		other = self.new_request(period_from="2020-01-01", period_to="2020-03-31")
		self.assertTrue(frappe.has_permission("CQC Request", "read", other.name, user=self.users["leader2"]))

	def test_further_correspondence_after_the_response(self):
		from jlc_frappe.governance.cqc import complaints_received

		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "Still unhappy",
				"content": "I have more questions about the response.",
				"reference_doctype": "Complaint",
				"reference_name": self.closed.name,
				"communication_date": "2021-03-20 10:00:00",
			}
		).insert(ignore_permissions=True)
		rows = {row.name: row for row in complaints_received(getdate("2021-02-01"), getdate("2021-03-31"))}
		self.assertEqual(rows[self.closed.name].further_correspondence, 1)
		self.assertEqual(str(rows[self.closed.name].last_correspondence)[:10], "2021-03-20")
		self.assertEqual(rows[self.complaint.name].further_correspondence, 0, "no response yet: none further")
