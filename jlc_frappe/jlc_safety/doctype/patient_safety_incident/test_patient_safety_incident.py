# Copyright (c) 2026, JLC developers. License: MIT.
"""Incidents and claims: unique references, automatic candour assessments, links and who reads what."""

import frappe

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import ensure_users, make_complaint, make_incident, nhs_number


class TestPatientSafetyIncident(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def candour_for(self, **filters):
		return frappe.get_all("Candour Notification", filters=filters, pluck="name")

	def test_external_reference_is_unique(self):
		make_incident("LRMS-UNIQUE-1")
		self.assertRaises(frappe.UniqueValidationError, make_incident, "LRMS-UNIQUE-1")

	def test_moderate_harm_opens_one_candour_assessment(self):
		incident = make_incident(physical_harm="Moderate", patient_name="Peter Patient")
		found = self.candour_for(incident=incident.name)
		self.assertEqual(len(found), 1)
		candour = frappe.get_doc("Candour Notification", found[0])
		self.assertEqual((candour.workflow_state, candour.patient_name), ("Assessment", "Peter Patient"))
		self.assertEqual(
			frappe.db.get_value(incident.doctype, incident.name, "candour_notification"), found[0]
		)
		incident.reload()
		incident.physical_harm = "Severe"
		incident.save()
		self.assertEqual(len(self.candour_for(incident=incident.name)), 1, "never twice")

	def test_a_fatal_incident_keeps_the_patients_death(self):
		"""The candour assessment it opens links the patient; its unticked box does not undo the death."""
		incident = make_incident(
			physical_harm="Fatal", patient_name="Dora Died", nhs_number=nhs_number(), patient_deceased=1
		)
		self.assertEqual(frappe.db.get_value("JLC Person", incident.patient, "deceased"), 1)
		candour = frappe.get_doc("Candour Notification", self.candour_for(incident=incident.name)[0])
		self.assertEqual(candour.patient, incident.patient)
		self.assertEqual(frappe.db.get_value("JLC Person", incident.patient, "deceased"), 1)
		candour.acting_basis = "Patient died"
		candour.save()  # allowed: the patient is still recorded as having died

	def test_low_harm_opens_none_and_psychological_harm_counts(self):
		self.assertFalse(self.candour_for(incident=make_incident(physical_harm="Low").name))
		self.assertTrue(self.candour_for(incident=make_incident(psychological_harm="Moderate").name))

	def test_flagged_complaint_opens_one_assessment(self):
		complaint = make_complaint(possible_significant_harm=1)
		self.assertEqual(len(self.candour_for(complaint=complaint.name)), 1)
		complaint.reload()
		complaint.summary = "Updated summary"
		complaint.save()
		self.assertEqual(len(self.candour_for(complaint=complaint.name)), 1)

	def test_links_both_ways(self):
		from frappe.desk.notifications import get_open_count

		complaint = make_complaint()
		incident = make_incident(complaints=[{"complaint": complaint.name}])
		claim = frappe.get_doc(
			{
				"doctype": "Claim",
				"external_reference": "NHSR-LINK-1",
				"scheme": "CNST",
				"claim_type": "Clinical negligence",
				"notified_on": frappe.utils.today(),
				"incidents": [{"incident": incident.name}],
				"complaints": [{"complaint": complaint.name}],
			}
		).insert()

		def counts(doctype, name):
			found = get_open_count(doctype, name)["count"]["external_links_found"]
			return {row["doctype"]: row["count"] for row in found}

		self.assertEqual(counts("Complaint", complaint.name).get("Patient Safety Incident"), 1)
		self.assertEqual(counts("Complaint", complaint.name).get("Claim"), 1)
		self.assertEqual(counts("Patient Safety Incident", incident.name).get("Claim"), 1)
		self.assertEqual(claim.incidents[0].incident, incident.name)

	def test_who_reads_incidents_and_patient_details(self):
		incident = make_incident(patient_name="Peter Patient", nhs_number="9434765919")
		for role, can_read, sees_patient in (
			("safety", True, True),
			("manager", True, False),
			("leader", True, False),
			("handler", False, False),
			("staff", False, False),
		):
			with self.subTest(role=role), self.set_user(self.users[role]):
				doc = frappe.get_doc(incident.doctype, incident.name)
				self.assertEqual(bool(doc.has_permission("read")), can_read)
				if can_read:
					doc.apply_fieldlevel_read_permissions()
					self.assertEqual(bool(doc.as_dict().get("nhs_number")), sees_patient)
					self.assertEqual(doc.nhs_number, "943 476 5919" if sees_patient else None)
		self.assertNotIn("nhs_number", frappe.db.get_table_columns("Patient Safety Incident"))

	def test_claim_reference_unique_and_finances_apart(self):
		values = {
			"doctype": "Claim",
			"external_reference": "NHSR-FIN-1",
			"scheme": "CNST",
			"claim_type": "Clinical negligence",
			"notified_on": frappe.utils.today(),
		}
		claim = frappe.get_doc(values).insert()
		self.assertRaises(frappe.UniqueValidationError, frappe.get_doc(values).insert)
		frappe.get_doc({"doctype": "Claim Finance", "claim": claim.name, "damages_paid": 25000}).insert()
		for role, sees_damages in (("leader", True), ("claims", True), ("manager", False), ("safety", False)):
			with self.subTest(role=role), self.set_user(self.users[role]):
				self.assertTrue(frappe.has_permission("Claim", "read", doc=claim.name))
				self.assertEqual(bool(frappe.has_permission("Claim Finance", "read")), sees_damages)
				if sees_damages:
					self.assertEqual(
						frappe.get_list("Claim Finance", {"claim": claim.name}, pluck="damages_paid"), [25000]
					)
				else:
					self.assertRaises(frappe.PermissionError, frappe.get_list, "Claim Finance")
