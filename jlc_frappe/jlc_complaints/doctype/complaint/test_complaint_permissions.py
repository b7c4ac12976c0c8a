# Copyright (c) 2026, JLC developers. License: MIT.
"""Who sees what: one matrix checked through has_permission, get_list, the report and the REST API."""

import frappe
from frappe.desk.form.assign_to import add as assign

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints.report.complaint_deadlines.complaint_deadlines import (
	execute as deadlines_report,
)
from jlc_frappe.tests.fixtures import api_token, ensure_users, make_complaint, rest

PATIENT_FIELDS = ("patient_name", "nhs_number", "date_of_birth")
# complaint key: the users (besides the Complaints Manager) who may read it
CASES = ("handled", "assigned", "logged", "involved_handler", "involved_leader", "other")
READERS = {
	"manager": set(CASES),
	"handler": {"handled"},
	"handler2": {"assigned"},
	"rp": set(CASES),
	"leader": set(CASES) - {"involved_leader"},
	"staff": {"logged"},
	"staff2": set(),
	"sysmgr": set(CASES),
	"panel": set(),  # until a complaint is on the agenda of a meeting they attend
}
# who reads the patient identifiers (permlevel 1) of what they can read
SEES_PATIENT = {"manager", "handler", "handler2", "rp"}


class TestComplaintPermissions(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = u = ensure_users()
		patient = {"patient_name": "Peter Patient", "nhs_number": "9434765919", "date_of_birth": "1950-02-01"}
		cls.docs = {
			"handled": make_complaint(handler=u["handler"], **patient),
			"assigned": make_complaint(**patient),
			"logged": make_complaint(as_user=u["staff"], summary="Logged at the front desk"),
			"involved_handler": make_complaint(staff_involved=[{"user": u["handler"]}]),
			"involved_leader": make_complaint(staff_involved=[{"user": u["leader"]}]),
			"other": make_complaint(**patient),
		}
		assign({"doctype": "Complaint", "name": cls.docs["assigned"].name, "assign_to": [u["handler2"]]})
		# a handler named as staff involved is refused (test_complaint.py); records from before that rule:
		frappe.db.set_value("Complaint", cls.docs["involved_handler"].name, "handler", u["handler"])
		cls.names = {key: doc.name for key, doc in cls.docs.items()}
		frappe.db.commit()  # the REST requests run on their own connection

	@classmethod
	def tearDownClass(cls):
		for name in cls.names.values():
			frappe.delete_doc("Complaint", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def expected(self, role: str) -> set[str]:
		return {self.names[key] for key in READERS[role]}

	def test_has_permission_matrix(self):
		for role in READERS:
			for key, name in self.names.items():
				with self.subTest(role=role, complaint=key):
					doc = frappe.get_doc("Complaint", name)
					allowed = frappe.has_permission("Complaint", "read", doc=doc, user=self.users[role])
					self.assertEqual(bool(allowed), key in READERS[role])

	def test_get_list_matrix(self):
		ours = list(self.names.values())
		for role in READERS:
			with self.subTest(role=role):
				with self.set_user(self.users[role]):
					seen = set(frappe.get_list("Complaint", filters={"name": ("in", ours)}, pluck="name"))
				self.assertEqual(seen, self.expected(role))

	def test_report_applies_the_same_rule(self):
		for role in ("handler", "leader", "rp"):
			with self.subTest(role=role):
				with self.set_user(self.users[role]):
					rows = deadlines_report({})[1]
				self.assertEqual({r.name for r in rows} & set(self.names.values()), self.expected(role))

	def test_rest_api_matrix(self):
		ours = list(self.names.values())
		for role in ("handler", "handler2", "leader", "staff", "rp"):
			with self.subTest(role=role):
				token = api_token(self.users[role])
				frappe.db.commit()
				listed = rest(
					"GET",
					"/api/resource/Complaint",
					token,
					params={
						"filters": [["name", "in", ours]],
						"limit_page_length": 100,
						"order_by": "name asc",
					},
				)
				self.assertEqual(listed.status_code, 200, listed.json)
				self.assertEqual({r["name"] for r in listed.json["data"]}, self.expected(role))
				for key, name in self.names.items():
					got = rest("GET", f"/api/resource/Complaint/{name}", token)
					self.assertEqual(got.status_code == 200, key in READERS[role], (key, got.status_code))
					if got.status_code == 200 and key in ("handled", "assigned", "other"):
						data = got.json["data"]
						visible = any(data.get(f) for f in PATIENT_FIELDS)
						self.assertEqual(visible, role in SEES_PATIENT, (role, key, data.get("nhs_number")))

	def test_front_line_staff_record_the_patient_and_read_it_only_on_what_they_logged(self):
		doc = make_complaint(
			as_user=self.users["staff"], nhs_number="9434765919", patient_name="Peter Patient"
		)
		self.assertTrue(frappe.db.get_value("Complaint", doc.name, "patient"))
		for role, sees in (("staff", True), ("leader", False), ("handler", False), ("manager", True)):
			with self.subTest(role=role), self.set_user(self.users[role]):
				stored = frappe.get_doc("Complaint", doc.name)
				if frappe.has_permission("Complaint", "read", doc=stored):
					self.assertEqual(stored.as_dict().get("patient_name"), "Peter Patient" if sees else None)
		with self.set_user(self.users["staff"]):
			self.assertFalse(frappe.has_permission("Complaint", "read", doc=self.names["handled"]))
			doc = frappe.get_doc("Complaint", doc.name)
			doc.summary = "Edited later"
			self.assertRaises(frappe.PermissionError, doc.save)

	def test_senior_leader_cannot_write(self):
		with self.set_user(self.users["leader"]):
			doc = frappe.get_doc("Complaint", self.names["other"])
			doc.summary = "Board edit"
			self.assertRaises(frappe.PermissionError, doc.save)

	def test_child_tables_follow_the_complaint_rule(self):
		ours = set(self.names.values())
		for role in ("staff", "leader", "handler"):
			for child in ("Complaint Staff Involved", "Complaint Aspect", "Complaint Response Due Change"):
				with self.subTest(role=role, child=child), self.set_user(self.users[role]):
					rows = frappe.get_list(child, parent_doctype="Complaint", fields=["parent"], limit=0)
				self.assertLessEqual({row.parent for row in rows} & ours, self.expected(role))
		token = api_token(self.users["staff"])
		frappe.db.commit()
		listed = rest(
			"GET",
			"/api/resource/Complaint Staff Involved",
			token,
			params={"parent": "Complaint", "fields": ["parent"], "limit_page_length": 0},
		)
		self.assertEqual(listed.status_code, 200, listed.json)
		self.assertFalse({row["parent"] for row in listed.json["data"]} & ours)

	def test_timeline_versions_hide_patient_identifiers(self):
		name = self.names["handled"]
		handler, leader = api_token(self.users["handler"]), api_token(self.users["leader"])
		frappe.db.commit()
		new_patient = {"nhs_number": "4010232137", "patient_name": "Paula Patient"}
		changed = rest("PUT", f"/api/resource/Complaint/{name}", handler, new_patient)
		self.assertEqual(changed.status_code, 200, changed.json)
		self.assertEqual(changed.json["data"]["nhs_number"], "401 023 2137")

		def versions(token):
			loaded = rest(
				"GET",
				"/api/method/frappe.desk.form.load.getdoc",
				token,
				params={"doctype": "Complaint", "name": name},
			)
			self.assertEqual(loaded.status_code, 200, loaded.json)
			return " ".join(v["data"] for v in loaded.json["docinfo"]["versions"])

		# identities are never in the record's versions; the person's own versions keep their history
		self.assertNotIn("401 023 2137", versions(handler))
		self.assertNotIn("401 023 2137", versions(leader))
		self.assertNotIn("943 476 5919", versions(leader))

	def test_no_list_query_shows_or_filters_by_people_details(self):
		name = self.names["other"]
		with self.set_user(self.users["leader"]):
			rows = frappe.get_list(
				"Complaint", filters={"name": name}, fields=["name", "nhs_number", "patient_name"]
			)
			self.assertEqual(rows, [{"name": name}])
			self.assertRaises(
				frappe.PermissionError, frappe.get_list, "Complaint", filters={"nhs_number": "943 476 5919"}
			)
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_list,
				"Complaint",
				filters=[["patient_name", "like", "Peter%"]],
			)
		with self.set_user(self.users["rp"]):  # not stored on the complaint: not even a reader filters by it
			self.assertRaises(
				frappe.PermissionError, frappe.get_list, "Complaint", filters={"nhs_number": "943 476 5919"}
			)
		token = api_token(self.users["leader"])
		frappe.db.commit()
		listed = rest(
			"GET",
			"/api/resource/Complaint",
			token,
			params={"fields": ["name", "nhs_number", "patient_name"], "filters": [["name", "=", name]]},
		)
		self.assertEqual(listed.json["data"], [{"name": name}])
		probed = rest(
			"GET", "/api/resource/Complaint", token, params={"filters": [["nhs_number", "=", "943 476 5919"]]}
		)
		self.assertEqual(probed.status_code, 403, probed.json)

	def test_attachments_follow_the_patient_fields(self):
		name = self.names["handled"]
		values = {
			"doctype": "File",
			"file_name": "complaint-letter.txt",
			"attached_to_doctype": "Complaint",
			"attached_to_name": name,
			"content": b"Letter about Peter Patient, NHS number 943 476 5919",
		}
		self.assertRaises(frappe.ValidationError, frappe.get_doc({**values, "is_private": 0}).insert)
		letter = frappe.get_doc({**values, "is_private": 1}).insert()
		self.addCleanup(frappe.delete_doc, "File", letter.name, force=True, ignore_permissions=True)
		for role, allowed in (("handler", True), ("rp", True), ("manager", True), ("leader", False)):
			with self.subTest(role=role):
				self.assertEqual(
					bool(frappe.has_permission("File", "read", doc=letter, user=self.users[role])), allowed
				)
				with self.set_user(self.users[role]):
					listed = frappe.get_list("File", filters={"name": letter.name}, pluck="name")
				self.assertEqual(bool(listed), allowed)
		tokens = {role: api_token(self.users[role]) for role in ("handler", "leader")}
		frappe.db.commit()
		for role, count in (("handler", 1), ("leader", 0)):
			loaded = rest(
				"GET",
				"/api/method/frappe.desk.form.load.getdoc",
				tokens[role],
				params={"doctype": "Complaint", "name": name},
			)
			self.assertEqual(len(loaded.json["docinfo"]["attachments"]), count, role)
