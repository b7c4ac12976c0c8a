# Copyright (c) 2026, JLC developers. License: MIT.
"""Subject Access Request: the due date and status, finding the person by NHS number, who may make and read one,
and the export: every record, letter and attachment about the person, nothing about anyone else."""

import io
import json
import zipfile

import frappe
from pypdf import PdfReader

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_records.doctype.subject_access_request.subject_access_request import (
	build_export,
	person_for_nhs_number,
	refresh_subject_access_statuses,
)
from jlc_frappe.rules.nhs_number import format_nhs_number
from jlc_frappe.tests.fixtures import ensure_users, make_complaint, make_incident, nhs_number

SUBJECT = {"name": "Perpetua Dunmore", "email": "perpetua.dunmore@example.com"}
OTHER = {"name": "Quentin Ashworth-Vale", "email": "quentin.ashworth@example.com"}


def new_request(**values):
	return frappe.get_doc({"doctype": "Subject Access Request", **values}).insert()


def attach(doctype: str, name: str, file_name: str, text: str):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": text,
		}
	).insert(ignore_permissions=True)


def letter(doctype: str, name: str, subject: str, content: str, to: str):
	return frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Sent",
			"subject": subject,
			"content": content,
			"recipients": to,
			"reference_doctype": doctype,
			"reference_name": name,
		}
	).insert(ignore_permissions=True)


class TestSubjectAccessRequest(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.subject_nhs, cls.other_nhs = nhs_number(), nhs_number()
		# the subject complains for someone else (whose details are withheld from the subject's export)
		cls.complaint = make_complaint(
			summary="Discharge letter sent to the wrong address",
			complainant_name=SUBJECT["name"],
			complainant_email=SUBJECT["email"],
			complainant_is_patient=0,
			representative_basis="Asked To Act",
			consent_status="Obtained",
			patient_name=OTHER["name"],
			nhs_number=cls.other_nhs,
			date_of_birth="1940-03-03",
		)
		cls.person = cls.complaint.complainant
		# the subject is also the patient of an incident, found by their NHS number
		frappe.db.set_value("JLC Person", cls.person, {"nhs_number": format_nhs_number(cls.subject_nhs)})
		cls.incident = make_incident(patient_name=SUBJECT["name"], nhs_number=cls.subject_nhs)
		assert cls.incident.patient == cls.person
		# someone else's complaint, letter and attachment: none of it is the subject's
		cls.others = make_complaint(
			summary="Parking charges at the outpatients clinic",
			complainant_name=OTHER["name"],
			complainant_email=OTHER["email"],
		)
		letter(
			"Complaint", cls.others.name, "Your parking complaint", "Dear Mr Ashworth-Vale", OTHER["email"]
		)
		attach("Complaint", cls.others.name, "ashworth-ticket.txt", "Ticket of Quentin Ashworth-Vale")
		# the subject's own letter (with its PDF) and attachments
		cls.letter = letter(
			"Complaint",
			cls.complaint.name,
			"Your complaint",
			"Dear Ms Dunmore, we are sorry.",
			SUBJECT["email"],
		)
		attach("Communication", cls.letter.name, "letter.pdf", "the letter as posted to Ms Dunmore")
		attach("Complaint", cls.complaint.name, "dunmore-note.txt", "Note written by Perpetua Dunmore")
		attach("Patient Safety Incident", cls.incident.name, "incident-photo.txt", "photo of the wet floor")
		cls.complaint.add_comment("Comment", "Ms Dunmore called to ask about progress.")

	def request_as_manager(self, **values):
		frappe.set_user(self.users["manager"])
		try:
			return new_request(person=self.person, received_on=frappe.utils.today(), **values)
		finally:
			frappe.set_user("Administrator")

	# dates ----------------------------------------------------------------------------------------------------------

	def test_due_one_calendar_month_later_on_a_working_day(self):
		with self.freeze_time("2026-09-10 10:00:00.123456"):
			request = new_request(person=self.person, received_on="2026-09-03")
		self.assertEqual((str(request.due_on), request.status), ("2026-10-05", "Open"))  # 3 October: Saturday
		with self.freeze_time("2026-10-20 10:00:00.123456"):
			request = new_request(person=self.person, received_on="2026-09-16")
			self.assertEqual(str(request.due_on), "2026-10-16")
			refresh_subject_access_statuses()
			self.assertEqual(frappe.db.get_value(request.doctype, request.name, "status"), "Overdue")
			request.reload()
			request.completed_on = "2026-10-19"
			request.save()
		self.assertEqual(request.status, "Completed")

	def test_extension_only_within_the_first_month(self):
		with self.freeze_time("2026-03-20 10:00:00.123456"):
			request = new_request(person=self.person, received_on="2026-03-02")
			request.extended, request.extension_reason = 1, "Records held at three sites"
			request.save()
		self.assertEqual(str(request.due_on), "2026-06-02")
		with self.freeze_time("2026-05-20 10:00:00.123456"):
			late = new_request(person=self.person, received_on="2026-03-02")
			late.extended, late.extension_reason = 1, "Too late"
			self.assertRaises(frappe.ValidationError, late.save)

	# the person -----------------------------------------------------------------------------------------------------

	def test_found_by_nhs_number(self):
		number = frappe.db.get_value("JLC Person", self.person, "nhs_number")
		frappe.set_user(self.users["manager"])
		try:
			self.assertEqual(person_for_nhs_number(number.replace(" ", "")), self.person)
			request = new_request(nhs_number=number, received_on=frappe.utils.today())
			self.assertEqual(request.person, self.person)
			self.assertEqual(frappe.get_doc(request.doctype, request.name).nhs_number, number)
			self.assertRaises(frappe.ValidationError, person_for_nhs_number, "9434765918")  # bad check digit
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.users["handler"])
		try:
			self.assertRaises(frappe.PermissionError, person_for_nhs_number, number)
		finally:
			frappe.set_user("Administrator")

	def test_only_complaints_managers_make_or_read_requests(self):
		request = self.request_as_manager()
		for key in ("handler", "rp", "leader", "safety", "sysmgr", "staff"):
			self.assertFalse(
				frappe.has_permission(
					"Subject Access Request", "read", doc=request.name, user=self.users[key]
				),
				key,
			)
		self.assertTrue(
			frappe.has_permission(
				"Subject Access Request", "read", doc=request.name, user=self.users["manager"]
			)
		)

	# the export -----------------------------------------------------------------------------------------------------

	def export(self) -> tuple[dict, str, zipfile.ZipFile]:
		request = self.request_as_manager()
		frappe.set_user(self.users["manager"])
		try:
			build_export(request.name)
		finally:
			frappe.set_user("Administrator")
		request.reload()
		self.assertTrue(request.export_file and request.exported_on)
		file = frappe.get_doc("File", {"file_url": request.export_file})
		self.assertEqual((file.is_private, file.attached_to_name), (1, request.name))
		archive = zipfile.ZipFile(io.BytesIO(file.get_content()))
		text = []
		for entry in archive.namelist():
			content = archive.read(entry)
			if entry.endswith(".pdf") and content.startswith(b"%PDF-1."):
				text += [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
			text.append(content.decode("utf-8", "replace"))
		return json.loads(archive.read("index.json")), "\n".join(text), archive

	def test_the_export_holds_every_record_letter_and_attachment_about_the_person(self):
		index, text, archive = self.export()
		records = {(r["doctype"], r["name"]) for r in index["records"]}
		self.assertEqual(
			records, {("Complaint", self.complaint.name), ("Patient Safety Incident", self.incident.name)}
		)
		complaint = json.loads(archive.read(f"records/complaint/{self.complaint.name}.json"))
		self.assertEqual(complaint["complainant_name"], SUBJECT["name"])
		self.assertEqual(complaint["comments"][0]["content"], "Ms Dunmore called to ask about progress.")
		incident = json.loads(archive.read(f"records/patient_safety_incident/{self.incident.name}.json"))
		self.assertEqual(incident["patient_name"], SUBJECT["name"])
		for expected in (
			"Dear Ms Dunmore, we are sorry.",
			"the letter as posted to Ms Dunmore",
			"Note written by Perpetua Dunmore",
			"photo of the wet floor",
			"Discharge letter sent to the wrong address",
		):
			self.assertIn(expected, text)
		person = json.loads(archive.read("person.json"))
		self.assertEqual((person["full_name"], person["email"]), (SUBJECT["name"], SUBJECT["email"]))
		entry = next(r for r in index["records"] if r["name"] == self.complaint.name)
		self.assertEqual([letter["name"] for letter in entry["letters"]], [self.letter.name])
		self.assertTrue(any(p.endswith(".pdf") for p in archive.namelist() if "/letters/" in p))
		self.assertIn(f"records/complaint/{self.complaint.name}.pdf", archive.namelist())

	def test_the_export_holds_nothing_about_anyone_else(self):
		_index, text, archive = self.export()
		other_nhs = frappe.db.get_value("JLC Person", {"full_name": OTHER["name"]}, "nhs_number")
		for secret in (
			OTHER["name"],
			"Ashworth",
			OTHER["email"],
			self.other_nhs,
			other_nhs or self.other_nhs,
			"1940-03-03",
			"Parking charges",
			self.others.name,
		):
			self.assertNotIn(secret, text, secret)
		complaint = json.loads(archive.read(f"records/complaint/{self.complaint.name}.json"))
		self.assertEqual(complaint["patient_name"], "[withheld: another person]")
		self.assertEqual(complaint["patient"], "[withheld: another person]")

	def test_a_new_export_replaces_the_last(self):
		request = self.request_as_manager()
		frappe.set_user(self.users["manager"])
		try:
			build_export(request.name)
			build_export(request.name)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.count(
				"File", {"attached_to_doctype": request.doctype, "attached_to_name": request.name}
			),
			1,
		)
		frappe.set_user(self.users["handler"])
		try:
			self.assertRaises(frappe.PermissionError, build_export, request.name)
		finally:
			frappe.set_user("Administrator")
