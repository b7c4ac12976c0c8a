# Copyright (c) 2026, JLC developers. License: MIT.
"""The identity store: people written through their records, found again, and read only through them."""

import frappe

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import ensure_users, make_complaint, make_incident, nhs_number

PERSON = "JLC Person"


def person_of(doc, link="patient"):
	return frappe.db.get_value(doc.doctype, doc.name, link)


class TestWriteThrough(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def setUp(self):
		global PETER
		PETER = {"patient_name": "Peter Patient", "nhs_number": nhs_number(), "date_of_birth": "1950-02-01"}

	def test_nothing_about_a_person_is_stored_on_the_record(self):
		doc = make_complaint(**PETER)
		self.assertEqual(
			frappe.db.get_value(PERSON, person_of(doc), "nhs_number").replace(" ", ""), PETER["nhs_number"]
		)
		columns = set(frappe.db.get_table_columns("Complaint"))
		self.assertFalse(columns & {"patient_name", "nhs_number", "date_of_birth", "complainant_name"})
		self.assertEqual(doc.age_band, frappe.get_doc("Complaint", doc.name).age_band)
		self.assertTrue(doc.age_band)

	def test_the_same_patient_is_found_by_nhs_number_when_the_name_agrees(self):
		first, second = make_complaint(**PETER), make_complaint(**{**PETER, "patient_name": "peter  PATIENT"})
		self.assertEqual(person_of(first), person_of(second))
		other_name = {**PETER, "patient_name": "Someone Else"}
		self.assertRaises(frappe.ValidationError, make_complaint, **other_name)
		self.assertRaises(frappe.ValidationError, make_complaint, **{**PETER, "date_of_birth": "1960-01-01"})
		self.assertRaises(
			frappe.ValidationError, make_complaint, nhs_number=PETER["nhs_number"]
		)  # with the name

	def test_repeat_complainant_needs_name_and_contact(self):
		a = make_complaint(complainant_name="Rae Peat", complainant_email="rae@example.com")
		b = make_complaint(complainant_name="Rae Peat", complainant_email="rae@example.com")
		c = make_complaint(complainant_name="Ray Pete", complainant_email="rae@example.com")
		self.assertEqual(person_of(a, "complainant"), person_of(b, "complainant"))
		self.assertNotEqual(person_of(a, "complainant"), person_of(c, "complainant"))

	def test_correction_in_place_or_a_different_person(self):
		only = make_complaint(patient_name="Olive Only", nhs_number=nhs_number())
		person = person_of(only)
		corrected = nhs_number()
		only.nhs_number = corrected
		only.save()
		self.assertEqual(person_of(only), person, "nobody else names this person: corrected in place")
		self.assertEqual(frappe.db.get_value(PERSON, person, "nhs_number").replace(" ", ""), corrected)
		shared = make_complaint(**PETER)
		again = make_complaint(**PETER)
		again.patient_name, again.nhs_number = "Paula Patient", nhs_number()
		again.save()
		self.assertNotEqual(person_of(again), person_of(shared), "another record names Peter: a new person")
		self.assertEqual(frappe.db.get_value(PERSON, person_of(shared), "full_name"), "Peter Patient")

	def test_invalid_input_changes_nothing(self):
		before = frappe.db.count(PERSON)
		self.assertRaises(
			frappe.ValidationError, make_complaint, patient_name="Bad Number", nhs_number="9434765918"
		)
		self.assertRaises(frappe.ValidationError, make_complaint, nhs_number=nhs_number())
		self.assertEqual(frappe.db.count(PERSON), before)

	def test_who_may_change_who_a_complaint_is_about(self):
		doc = make_complaint(handler=self.users["handler"], **PETER)
		with self.set_user(self.users["rp"]):  # reads identities, does not edit complaints
			stored = frappe.get_doc("Complaint", doc.name)
			self.assertEqual(stored.patient_name, "Peter Patient")
			stored.patient_name = "Renamed By Signatory"
			self.assertRaises(frappe.PermissionError, stored.save)
		with self.set_user(self.users["handler"]):
			stored = frappe.get_doc("Complaint", doc.name)
			stored.complainant_phone = "01632 960000"
			stored.save()
			self.assertEqual(frappe.get_doc("Complaint", doc.name).complainant_phone, "01632 960000")

	def test_a_non_reader_writing_identities_is_refused_whatever_they_guess(self):
		doc = make_complaint(as_user=self.users["staff"], **PETER)
		with self.set_user(self.users["staff2"]):
			self.assertRaises(frappe.PermissionError, frappe.get_doc("Complaint", doc.name).save)
		from jlc_frappe import identity

		for guess in (PETER["nhs_number"], nhs_number()):  # right and wrong: the same refusal
			with self.set_user(self.users["rp"]):
				stored = frappe.get_doc("Complaint", doc.name)
			stored.__dict__["nhs_number"] = guess
			with self.set_user(self.users["leader"]):
				self.assertRaises(frappe.PermissionError, identity.write_through, stored)

	def test_a_person_is_linked_by_id_only_by_those_who_may_read_them(self):
		other = person_of(make_complaint(patient_name="Ida Linked", nhs_number=nhs_number()))
		self.assertRaises(frappe.PermissionError, make_complaint, as_user=self.users["staff"], patient=other)
		self.assertEqual(person_of(make_complaint(patient=other)), other)  # a Complaints Manager's way

	def test_versions_of_the_record_never_carry_identities(self):
		doc = make_complaint(**PETER)
		doc.patient_name, doc.summary = "Peter Q Patient", "Summary changed with the name"
		doc.save(ignore_version=False)
		versions = frappe.get_all("Version", {"ref_doctype": "Complaint", "docname": doc.name}, pluck="data")
		self.assertTrue(versions)
		self.assertFalse([v for v in versions if "Peter Q" in v])
		person_versions = frappe.get_all(
			"Version", {"ref_doctype": PERSON, "docname": person_of(doc)}, pluck="data"
		)
		self.assertTrue([v for v in person_versions if "Peter Q Patient" in v])


class TestReadingPeople(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = u = ensure_users()
		global PETER
		PETER = {"patient_name": "Peter Patient", "nhs_number": nhs_number(), "date_of_birth": "1950-02-01"}
		cls.tag = tag = frappe.generate_hash(length=6)
		cls.handled = make_complaint(handler=u["handler"], **{**PETER, "patient_name": f"Peter {tag}"})
		cls.other = make_complaint(patient_name=f"Olga {tag}", nhs_number=nhs_number())
		cls.logged = make_complaint(as_user=u["staff"], patient_name=f"Lou {tag}")
		cls.incident = make_incident(patient_name=f"Ivy {tag}")

	def readable_people(self, role):
		with self.set_user(self.users[role]):
			if not frappe.has_permission(PERSON, "read"):
				return None
			return set(frappe.get_list(PERSON, pluck="full_name", limit=0))

	def test_a_person_is_read_only_through_a_record_the_user_reads_with_identity_rights(self):
		peter, olga, lou, ivy = (f"{n} {self.tag}" for n in ("Peter", "Olga", "Lou", "Ivy"))
		ours = {peter, olga, lou, ivy}
		expected = {
			"manager": {peter, olga, lou},
			"handler": {peter},
			"handler2": set(),
			"rp": {peter, olga, lou},
			"staff": {lou},
			"safety": {ivy},
			"claims": set(),
			"leader": None,
			"panel": None,
			"sysmgr": None,
		}
		for role, names in expected.items():
			with self.subTest(role=role):
				seen = self.readable_people(role)
				self.assertEqual(None if seen is None else seen & ours, names)

	def test_document_level_check_matches_the_list(self):
		person = person_of(self.handled)
		for role, allowed in (("handler", True), ("handler2", False), ("staff", False), ("safety", False)):
			with self.subTest(role=role):
				self.assertEqual(
					bool(frappe.has_permission(PERSON, "read", doc=person, user=self.users[role])), allowed
				)

	def test_virtual_fields_show_people_only_to_identity_readers(self):
		for role, sees in (("handler", True), ("rp", True), ("leader", False), ("sysmgr", False)):
			with self.subTest(role=role), self.set_user(self.users[role]):
				doc = frappe.get_doc("Complaint", self.handled.name)
				self.assertEqual(bool(doc.as_dict().get("nhs_number")), sees)
				self.assertEqual(doc.patient_name, f"Peter {self.tag}" if sees else None)

	def test_a_crafted_document_never_reads_a_person(self):
		other_person = person_of(self.other)
		with self.set_user(self.users["handler"]):
			crafted = frappe.get_doc({"doctype": "Complaint", "patient": other_person, "summary": "x"})
			self.assertIsNone(crafted.as_dict().get("patient_name"))
			mine = frappe.get_doc("Complaint", self.handled.name)
			mine.patient = other_person  # in memory only: the stored link decides
			self.assertEqual(mine.as_dict().get("patient_name"), f"Peter {self.tag}")

	def test_attachments_follow_identity_rights_on_the_record(self):
		letter = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "letter.txt",
				"attached_to_doctype": "Complaint",
				"attached_to_name": self.handled.name,
				"is_private": 1,
				"content": b"About Peter Patient",
			}
		).insert()
		for role, allowed in (("handler", True), ("handler2", False), ("leader", False), ("manager", True)):
			with self.subTest(role=role):
				self.assertEqual(
					bool(frappe.has_permission("File", "read", doc=letter, user=self.users[role])), allowed
				)


class TestRecordsAboutRecords(JLCTestCase):
	def test_versions_follow_the_record_they_are_about(self):
		users = ensure_users()
		doc = make_complaint(patient_name="Vera Version", nhs_number=nhs_number())
		doc.patient_name, doc.summary = "Vera V Version", "Changed"
		doc.save(ignore_version=False)
		person = person_of(doc)
		self.assertTrue(frappe.get_all("Version", {"ref_doctype": PERSON, "docname": person}))
		with self.set_user(users["sysmgr"]):  # Frappe's Version list is theirs, the person is not
			self.assertFalse(frappe.get_list("Version", {"ref_doctype": PERSON, "docname": person}))
			self.assertTrue(frappe.get_list("Version", {"ref_doctype": "Complaint", "docname": doc.name}))
			version = frappe.get_all("Version", {"ref_doctype": PERSON, "docname": person}, pluck="name")[0]
			self.assertFalse(frappe.has_permission("Version", "read", doc=version))

	def test_a_person_is_never_shared_nor_tagged(self):
		from frappe.desk.doctype.tag.tag import add_tag
		from frappe.share import add as share

		users = ensure_users()
		person = person_of(make_complaint(handler=users["handler"], patient_name="Sam Shared"))
		self.assertRaises(frappe.PermissionError, share, PERSON, person, users["handler"], read=1)
		self.assertRaises(frappe.PermissionError, add_tag, "jlc-person-tag", PERSON, person)
