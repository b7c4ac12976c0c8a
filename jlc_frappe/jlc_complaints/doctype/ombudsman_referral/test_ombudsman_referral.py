# Copyright (c) 2026, JLC developers. License: MIT.
"""Ombudsman Referral: stages, the decision, recommendations that become learning, and who reads it."""

import frappe
from frappe.utils import today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import complaint_in_state, ensure_users, make_complaint


class TestOmbudsmanReferral(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def refer(self, complaint=None, **values):
		complaint = complaint or complaint_in_state("Closed", handler=self.users["handler"])
		return frappe.get_doc(
			{
				"doctype": "Ombudsman Referral",
				"complaint": complaint.name,
				"referred_on": today(),
				"phso_reference": "PHSO-123",
				**values,
			}
		).insert()

	def test_outcome_only_at_decision(self):
		self.assertRaises(frappe.ValidationError, self.refer, stage="Assessment", outcome="Upheld")
		referral = self.refer(stage="Assessment")
		referral.stage = "Decision"
		self.assertRaises(frappe.ValidationError, referral.save)
		referral.reload()  # a refused save leaves the in-memory copy stale
		referral.stage, referral.outcome, referral.decision_on = "Decision", "Partly Upheld", today()
		referral.save()
		complaint = frappe.get_doc("Complaint", referral.complaint)
		self.assertEqual(
			(complaint.ombudsman_referral, complaint.ombudsman_stage, complaint.ombudsman_outcome),
			(referral.name, "Decision", "Partly Upheld"),
		)

	def test_stage_cannot_go_back(self):
		referral = self.refer(stage="Investigation")
		referral.stage = "Enquiry"
		self.assertRaises(frappe.ValidationError, referral.save)

	def test_service_improvement_becomes_a_learning_action(self):
		referral = self.refer(
			recommendations=[
				{"recommendation": "Review triage of frail patients", "kind": "Service improvement"},
				{"recommendation": "Apologise in writing", "kind": "Apology"},
			]
		)
		referral.reload()
		action = referral.recommendations[0].learning_action
		self.assertTrue(action)
		self.assertFalse(referral.recommendations[1].learning_action)
		sources = frappe.get_doc("Learning Action", action).sources
		self.assertEqual(
			[(s.source_doctype, s.source_name) for s in sources], [("Ombudsman Referral", referral.name)]
		)
		self.assertEqual(
			frappe.db.get_value("Learning Action", action, "action_owner"), self.users["handler"]
		)
		referral.save()
		self.assertEqual(
			frappe.db.count("Learning Action Source", {"source_name": referral.name}), 1, "made once"
		)

	def test_completed_recommendation_needs_evidence(self):
		referral = self.refer(recommendations=[{"recommendation": "Pay £250", "kind": "Financial remedy"}])
		referral.recommendations[0].status = "Completed"
		self.assertRaises(frappe.ValidationError, referral.save)
		referral.reload()
		referral.recommendations[0].status = "Completed"
		referral.recommendations[0].evidence = "Paid on 3 December"
		referral.save()
		self.assertEqual(str(referral.recommendations[0].completed_on), today())

	def test_readers_follow_the_complaint(self):
		handled = self.refer(complaint=make_complaint(handler=self.users["handler"]))
		other = self.refer(complaint=make_complaint())
		involved = self.refer(complaint=make_complaint(staff_involved=[{"user": self.users["leader"]}]))
		expect = {
			("handler", handled.name): True,
			("handler", other.name): False,
			("leader", other.name): True,
			("leader", involved.name): False,
			("staff", handled.name): False,
		}
		for (role, name), allowed in expect.items():
			with self.subTest(role=role, referral=name):
				doc = frappe.get_doc("Ombudsman Referral", name)
				self.assertEqual(
					bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=self.users[role])), allowed
				)

	def test_no_referral_for_a_complaint_the_writer_may_not_read(self):
		complaint = make_complaint(handler=self.users["handler"])
		with self.set_user(self.users["handler2"]):
			self.assertRaises(frappe.PermissionError, self.refer, complaint=complaint)
		self.assertFalse(frappe.db.get_value("Complaint", complaint.name, "ombudsman_referral"))
		with self.set_user(self.users["handler"]):
			self.assertTrue(self.refer(complaint=complaint).name)
		with self.set_user(self.users["leader"]):  # a panel agenda is no way round a complaint's row rule
			involved = make_complaint(staff_involved=[{"user": self.users["leader"]}])
			meeting = frappe.get_doc(
				{
					"doctype": "Complaints Panel Meeting",
					"meeting_date": today(),
					"chair": self.users["leader"],
					"period_from": today(),
					"period_to": today(),
					"cases": [{"complaint": involved.name}],
				}
			)
			self.assertRaises(frappe.PermissionError, meeting.insert)
