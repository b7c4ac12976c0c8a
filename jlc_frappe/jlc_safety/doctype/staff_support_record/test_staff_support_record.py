# Copyright (c) 2026, JLC developers. License: MIT.
"""Staff Support Record: the staff member sees only their own record, through the desk and the REST API."""

import frappe
from frappe.utils import today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import api_token, delete_committed, ensure_users, make_complaint, rest


class TestStaffSupportRecord(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = u = ensure_users()
		cls.complaint = make_complaint(
			handler=u["handler"],
			patient_name="Peter Patient",
			staff_involved=[{"user": u["staff"]}, {"user": u["staff2"]}],
		)

		def record(staff):
			return frappe.get_doc(
				{
					"doctype": "Staff Support Record",
					"staff_member": u[staff],
					"complaint": cls.complaint.name,
					"informed_on": today(),
					"wellbeing_support": 1,
					"shared_with_staff": "A relative complained that their father waited without water.",
				}
			).insert()

		cls.mine, cls.theirs = record("staff"), record("staff2")
		cls.token = api_token(u["staff"])
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		delete_committed(cls.mine, cls.theirs, cls.complaint)
		super().tearDownClass()

	def test_desk_view_of_the_staff_member(self):
		self.addCleanup(frappe.db.rollback)  # release the row for the REST test's own connection
		with self.set_user(self.users["staff"]):
			seen = frappe.get_list(
				"Staff Support Record",
				filters={"name": ("in", [self.mine.name, self.theirs.name])},
				pluck="name",
			)
			self.assertEqual(seen, [self.mine.name])
			self.assertFalse(frappe.has_permission("Complaint", "read", doc=self.complaint.name))
			feedback = {"doctype": "Staff Support Feedback", "feedback": "The peer support call helped."}
			frappe.get_doc({**feedback, "support_record": self.mine.name}).insert()
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc({**feedback, "support_record": self.theirs.name}).insert,
			)
			doc = frappe.get_doc("Staff Support Record", self.mine.name)
			doc.shared_with_staff = "Rewritten by the staff member"
			self.assertRaises(frappe.PermissionError, doc.save)
		with self.set_user(self.users["staff2"]):
			self.assertFalse(frappe.get_list("Staff Support Feedback", {"support_record": self.mine.name}))
		for role in ("manager", "handler", "leader"):
			with self.set_user(self.users[role]):
				self.assertEqual(
					frappe.get_list(
						"Staff Support Feedback", {"support_record": self.mine.name}, pluck="feedback"
					),
					["The peer support call helped."],
				)
		with self.set_user(self.users["handler2"]):
			self.assertFalse(frappe.get_list("Staff Support Feedback", {"support_record": self.mine.name}))

	def test_rest_view_of_the_staff_member(self):
		listed = rest(
			"GET",
			"/api/resource/Staff Support Record",
			self.token,
			params={"fields": ["name", "shared_with_staff"], "limit_page_length": 100},
		)
		self.assertEqual(listed.status_code, 200, listed.json)
		names = {row["name"] for row in listed.json["data"]}
		self.assertIn(self.mine.name, names)
		self.assertNotIn(self.theirs.name, names)
		self.assertEqual(
			rest("GET", f"/api/resource/Staff Support Record/{self.theirs.name}", self.token).status_code, 403
		)
		self.assertEqual(
			rest("GET", f"/api/resource/Complaint/{self.complaint.name}", self.token).status_code, 403
		)
		given = rest(
			"POST",
			"/api/resource/Staff Support Feedback",
			self.token,
			{"support_record": self.mine.name, "feedback": "Thank you for telling me early."},
		)
		self.assertEqual(given.status_code, 200, given.json)
		changed = rest(
			"PUT",
			f"/api/resource/Staff Support Record/{self.mine.name}",
			self.token,
			{"shared_with_staff": "x"},
		)
		self.assertEqual(changed.status_code, 403, changed.json)

	def test_handler_sees_records_of_their_complaints(self):
		for role, expected in (("handler", True), ("handler2", False), ("manager", True), ("leader", True)):
			with self.subTest(role=role):
				doc = frappe.get_doc("Staff Support Record", self.mine.name)
				self.assertEqual(
					bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=self.users[role])), expected
				)
