# Copyright (c) 2026, JLC developers. License: MIT.
"""Fair Treatment Review: the recommendation follows the answers; only senior and safety leads see it."""

import frappe
from frappe.utils import today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import ensure_users

SETS = ("Just culture guide v1", "Being fair tool v1")


class TestFairTreatmentReview(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def review(self, question_set="Just culture guide v1", answers=(), **values):
		return frappe.get_doc(
			{
				"doctype": "Fair Treatment Review",
				"question_set": question_set,
				"staff_member": self.users["staff"],
				"review_date": today(),
				"rationale": "Concern raised by the after action review",
				"assessors": [{"user": self.users["safety"], "role_in_review": "Patient Safety Lead"}],
				"answers": [{"step_id": s, "answer": a} for s, a in answers],
				**values,
			}
		).insert()

	def first_branch_path(self, question_set):
		"""Answers that follow the first listed answer of each step to an end (whatever the seeded wording)."""
		doc = frappe.get_doc("Fair Treatment Question Set", question_set)
		answers, step = [], doc.steps[0].step_id
		while step:
			branch = next(b for b in doc.branches if b.step_id == step)
			answers.append((step, branch.answer))
			if not branch.next_step:
				return answers, branch.recommendation
			step = branch.next_step

	def test_seeded_sets_exist(self):
		for name in SETS:
			self.assertTrue(frappe.db.get_value("Fair Treatment Question Set", name, "active"), name)

	def test_recommendation_worked_out_from_answers(self):
		for question_set in SETS:
			with self.subTest(question_set=question_set):
				answers, expected = self.first_branch_path(question_set)
				started = self.review(question_set, answers[:-1])
				self.assertFalse(started.recommendation)
				self.assertTrue(started.next_question)
				finished = self.review(question_set, answers)
				self.assertEqual(finished.recommendation, expected)
				self.assertFalse(finished.next_question)

	def test_wrong_answer_and_self_assessment_refused(self):
		first = frappe.get_doc("Fair Treatment Question Set", SETS[0]).steps[0].step_id
		self.assertRaises(frappe.ValidationError, self.review, answers=[(first, "Perhaps")])
		self.assertRaises(frappe.ValidationError, self.review, assessors=[{"user": self.users["staff"]}])

	def test_used_question_set_changes_only_as_a_new_version(self):
		self.review()
		question_set = frappe.get_doc("Fair Treatment Question Set", SETS[0])
		question_set.steps[0].question = "Reworded"
		self.assertRaises(frappe.ValidationError, question_set.save)

	def test_only_senior_safety_and_complaints_leads_see_reviews(self):
		doc = self.review()
		for role, allowed in (
			("leader", True),
			("safety", True),
			("manager", True),
			("handler", False),
			("staff", False),
			("rp", False),
			("panel", False),
		):
			with self.subTest(role=role):
				self.assertEqual(
					bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=self.users[role])), allowed
				)

	def test_never_read_by_its_subject_nor_by_staff_named_in_its_complaint(self):
		from jlc_frappe.tests.fixtures import make_complaint

		complaint = make_complaint(staff_involved=[{"user": self.users["leader"]}])
		about_leader2 = self.review(staff_member=self.users["leader2"])
		on_complaint = self.review(complaint=complaint.name)
		for role, doc, allowed in (
			("leader2", about_leader2, False),
			("leader", about_leader2, True),
			("leader", on_complaint, False),
			("leader2", on_complaint, True),
		):
			with self.subTest(role=role, review=doc.name):
				user = self.users[role]
				self.assertEqual(
					bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=user)), allowed
				)
				with self.set_user(user):
					listed = frappe.get_list(doc.doctype, {"name": doc.name}, pluck="name")
				self.assertEqual(bool(listed), allowed)
