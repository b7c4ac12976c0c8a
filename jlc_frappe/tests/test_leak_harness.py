"""Tier B: no marker of any JLC record reaches a user the app's own rules keep it from, on any read path.

The harness (leak_harness.py) seeds one record of every JLC doctype from metadata, works out from
`frappe.has_permission` and `permissions.reads_identity` who may see each marker, and asks a real web server
on 127.0.0.1, as every role, through every read path Frappe offers.
"""

import time

import frappe

from jlc_frappe import identity
from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests import leak_harness


class TestLeakHarness(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.started = time.monotonic()
		cls.h = leak_harness.Harness()
		try:
			cls.h.seed()
		except Exception:
			frappe.db.rollback()
			cls.h.cleanup()
			raise

	@classmethod
	def tearDownClass(cls):
		cls.h.cleanup()
		if cls.h.errors:
			print("leak harness cleanup failed for:", *cls.h.errors, sep="\n")
		super().tearDownClass()

	# the policy itself, against hand-written expectations ----------------------------------------------------

	def _markers(self, doctype, fieldname):
		name = self.h.records[doctype][0]
		found = self.h.field_markers(doctype, name, fieldname)
		self.assertTrue(found, f"no marker seeded in {doctype}.{fieldname}")
		return found

	def test_every_doctype_is_seeded(self):
		for doctype in self.h.doctypes():
			self.assertIn(doctype, self.h.records, doctype)
		for child in self.h.child_doctypes():
			parents = frappe.get_all(
				"DocField", filters={"fieldtype": "Table", "options": child}, pluck="parent"
			)
			if any(p in self.h.records for p in parents) and not all(
				frappe.get_meta(p).get_field(f.fieldname).read_only
				for p in parents
				if p in self.h.records
				for f in frappe.get_meta(p).fields
				if f.options == child
			):
				self.assertIn(child, self.h.child_rows, child)

	def test_policy_named_staff_never_reads_the_complaint(self):
		allowed = self.h.allowed("named")
		for fieldname in ("summary", "description", "patient_name", "nhs_number"):
			for marker in self._markers("Complaint", fieldname):
				self.assertNotIn(marker, allowed, fieldname)
		for marker in self._markers("Complaint", "summary"):
			self.assertIn(marker, self.h.allowed("leader"))  # the same role, not named, reads it

	def test_policy_senior_leader_never_reads_patient_identifiers(self):
		for marker in self._markers("Complaint", "nhs_number") + self._markers("Complaint", "patient_name"):
			self.assertNotIn(marker, self.h.allowed("leader"))
			self.assertIn(marker, self.h.allowed("manager"))
			self.assertIn(marker, self.h.allowed("handler"))
		for marker in self._markers("Patient Safety Incident", "nhs_number"):
			self.assertNotIn(marker, self.h.allowed("leader"))
			self.assertIn(marker, self.h.allowed("safety"))

	def test_policy_panel_member_reads_only_complaints_on_their_agenda(self):
		for marker in self._markers("Complaint", "summary"):
			self.assertIn(marker, self.h.allowed("panel"))
			self.assertNotIn(marker, self.h.allowed("panel_off"))
		for marker in self._markers("Complaint", "nhs_number"):
			self.assertNotIn(marker, self.h.allowed("panel"))

	def test_policy_other_handler_and_people(self):
		for marker in self._markers("Complaint", "summary"):
			self.assertNotIn(marker, self.h.allowed("handler2"))
			self.assertNotIn(marker, self.h.allowed("staff"))
		person = self.h.records[identity.PERSON][0]
		self.assertTrue(self.h.field_markers(identity.PERSON, person, "full_name"))

	# the walk ---------------------------------------------------------------------------------------------------

	def test_no_read_path_leaks(self):
		# about 13,000 probes over 40-odd doctypes: a few minutes on an idle 2-core machine, more on a busy one
		leak_harness.probe(self.h, deadline_seconds=600)
		print()
		print(leak_harness.report(self.h))
		print(f"harness: {time.monotonic() - self.started:.0f}s")
		# the probes work: every user saw some of what they may read (else a 401 everywhere would pass)
		for key in leak_harness.PROBE_USERS:
			if self.h.allowed(key):
				self.assertTrue(self.h.seen_allowed[key], f"{key} saw none of the markers they may read")
		self.assertEqual(len(self.h.leaks), 0, f"{len(self.h.leaks)} leaks: see the lines above")
