# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Question Set: the seeded My Expectations surveys, and versions that keep the questions answered."""

import frappe
from frappe.utils import today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints.doctype.experience_question_set.experience_question_set import (
	active_set,
	seed_experience_question_sets,
)
from jlc_frappe.question_sets import save_as_new_version
from jlc_frappe.tests.fixtures import ensure_users

SET = "Experience Question Set"
COMPLAINANTS, STAFF = "My Expectations - complainants v1", "My Expectations - staff involved v1"


def answer(question_set: str, question_id: str, value: str = "Agree") -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Experience Response",
				"question_set": question_set,
				"period": today(),
				"answers": [{"question_id": question_id, "answer": value}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestExperienceQuestionSet(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def setUp(self):
		frappe.db.savepoint("question_set_test")
		self.addCleanup(frappe.db.rollback, save_point="question_set_test")

	def test_seeded_surveys_are_active_and_marked_for_checking(self):
		for name, audience, questions in ((COMPLAINANTS, "Complainant", 13), (STAFF, "Staff involved", 8)):
			doc = frappe.get_doc(SET, name)
			self.assertEqual((doc.audience, doc.active, doc.version), (audience, 1, 1))
			self.assertIn("[verify]", doc.description)
			self.assertEqual(len(doc.questions), questions)
			self.assertEqual(active_set(audience), name)
		count = frappe.db.count(SET)
		seed_experience_question_sets()  # idempotent
		self.assertEqual(frappe.db.count(SET), count)

	def test_an_answered_version_changes_only_as_a_new_version(self):
		response = answer(COMPLAINANTS, "could_speak_up")
		doc = frappe.get_doc(SET, COMPLAINANTS)
		doc.run_method("onload")
		self.assertTrue(doc.get_onload().answered, "the form offers 'Save as new version'")
		doc.questions[0].statement = "I felt able to raise my concerns."
		self.assertRaises(frappe.ValidationError, doc.save)
		doc.reload()
		doc.description += " Checked."  # what is not a question may change
		doc.save()
		edited = frappe.get_doc(SET, COMPLAINANTS).as_dict()
		edited["questions"][0]["statement"] = "I felt able to raise my concerns."
		edited["questions"].append(
			{
				"question_id": "respected",
				"section": "Looking back",
				"statement": "I was treated with respect.",
			}
		)
		with self.set_user(self.users["manager"]):
			name = save_as_new_version(SET, frappe.as_json(edited))
		self.assertEqual(name, "My Expectations - complainants v2")
		new, old = frappe.get_doc(SET, name), frappe.get_doc(SET, COMPLAINANTS)
		self.assertEqual((new.version, new.active, old.active), (2, 1, 0))
		self.assertEqual(len(new.questions), 14)
		self.assertEqual(old.questions[0].statement, "I felt I could speak up about my concerns.")
		self.assertEqual(frappe.db.get_value("Experience Response", response, "question_set"), COMPLAINANTS)
		self.assertEqual(active_set("Complainant"), name, "new surveys are sent with the new version")
		self.assertEqual(active_set("Staff involved"), STAFF)

	def test_an_unanswered_version_is_edited_in_place(self):
		doc = frappe.copy_doc(frappe.get_doc(SET, STAFF))
		doc.update({"set_name": "Draft staff survey", "active": 0})
		doc.insert()
		doc.questions[0].statement = "I was told about the complaint straight away."
		doc.save()
		self.assertEqual(
			frappe.get_doc(SET, "Draft staff survey v1").questions[0].statement, doc.questions[0].statement
		)

	def test_only_question_set_editors_save_new_versions(self):
		edited = frappe.get_doc(SET, STAFF).as_dict()
		with self.set_user(self.users["leader"]):
			self.assertRaises(frappe.PermissionError, save_as_new_version, SET, frappe.as_json(edited))
		self.assertRaises(frappe.ValidationError, save_as_new_version, "Complaint", "{}")

	def test_one_active_survey_per_audience(self):
		doc = frappe.get_doc(
			{
				"doctype": SET,
				"set_name": "Our own complainant survey",
				"audience": "Complainant",
				"version": 1,
				"questions": [{"question_id": "Heard ", "statement": "I was heard."}],
			}
		).insert()
		self.assertEqual(doc.questions[0].question_id, "heard", "ids are written in lower case")
		self.assertEqual(active_set("Complainant"), doc.name)
		self.assertEqual(frappe.db.get_value(SET, COMPLAINANTS, "active"), 0)

	def test_questions_must_make_a_survey(self):
		for questions in (
			[],
			[
				{"question_id": "heard", "statement": "I was heard."},
				{"question_id": "heard", "statement": "Again."},
			],
			[{"question_id": "not an id", "statement": "I was heard."}],
		):
			with self.subTest(questions=questions):
				doc = frappe.get_doc(
					{
						"doctype": SET,
						"set_name": "Broken",
						"audience": "Complainant",
						"version": 9,
						"questions": questions,
					}
				)
				self.assertRaises(frappe.ValidationError, doc.insert)

	def test_fair_treatment_question_sets_version_the_same_way(self):
		from jlc_frappe.tests.fixtures import ensure_users as users

		source = frappe.get_doc("Fair Treatment Question Set", "Just culture guide v1")
		frappe.get_doc(
			{
				"doctype": "Fair Treatment Review",
				"question_set": source.name,
				"staff_member": users()["staff"],
				"review_date": today(),
				"rationale": "Concern raised by the after action review",
				"assessors": [{"user": users()["safety"], "role_in_review": "Patient Safety Lead"}],
			}
		).insert()
		edited = source.as_dict()
		edited["steps"][0]["question"] = "Was harm intended?"
		name = save_as_new_version("Fair Treatment Question Set", frappe.as_json(edited))
		self.assertEqual(name, "Just culture guide v2")
		self.assertEqual(
			frappe.get_doc("Fair Treatment Question Set", name).steps[0].question, "Was harm intended?"
		)
		self.assertEqual(frappe.db.get_value("Fair Treatment Question Set", source.name, "active"), 0)
