# Copyright (c) 2026, JLC developers. License: MIT.
"""Learning Action: lifecycle per role, evidence, impact, the public summary check, and the owner's view."""

import frappe

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.deadline_status import refresh_all_deadline_statuses
from jlc_frappe.jlc_learning.learning_sources import new_learning_action
from jlc_frappe.tests.fixtures import (
	act,
	api_token,
	delete_committed,
	ensure_users,
	make_complaint,
	make_learning_action,
	rest,
)

FORBIDDEN = (frappe.ValidationError, frappe.PermissionError)


class TestLearningActionLifecycle(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def agreed(self, owner="staff"):
		return act(make_learning_action(self.users[owner]), "Agree", self.users["manager"])

	def test_agree_only_by_manager_or_senior_leader(self):
		for role, allowed in (
			("manager", True),
			("leader", True),
			("handler", False),
			("staff", False),
			("rp", False),
			("panel", False),
		):
			with self.subTest(role=role):
				doc = make_learning_action(self.users["staff"])
				if allowed:
					self.assertEqual(act(doc, "Agree", self.users[role]).workflow_state, "Agreed")
				else:
					self.assertRaises(FORBIDDEN, act, doc, "Agree", self.users[role])
					self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Proposed")

	def test_owner_starts_and_completes_with_evidence(self):
		doc = self.agreed()
		self.assertRaises(FORBIDDEN, act, doc, "Start", self.users["staff2"])  # not theirs
		self.assertRaises(FORBIDDEN, act, doc, "Start", self.users["handler"])  # not the owner
		doc = act(doc, "Start", self.users["staff"])
		self.assertRaises(frappe.ValidationError, act, doc, "Complete", self.users["staff"])  # no evidence
		with self.set_user(self.users["staff"]):
			doc = frappe.get_doc(doc.doctype, doc.name)
			doc.evidence = "Comfort round chart in use on every shift since 1 December"
			doc.save()
		doc = act(doc, "Complete", self.users["staff"])
		self.assertEqual((doc.workflow_state, str(doc.completed_on)), ("Completed", frappe.utils.today()))
		self.assertEqual(doc.due_status, "Met")

	def test_an_attachment_is_evidence_too(self):
		doc = act(self.agreed(), "Start", self.users["staff"])
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "audit.txt",
				"content": b"48 of 50 offered water",
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"is_private": 1,
			}
		).insert()
		self.assertEqual(act(doc, "Complete", self.users["staff"]).workflow_state, "Completed")

	def test_impact_verified_by_someone_else_with_measure(self):
		doc = self.agreed(owner="leader")
		doc = act(doc, "Start", self.users["leader"])
		doc.evidence = "Done"
		doc.save()
		doc = act(doc, "Complete", self.users["leader"])
		doc.impact_measure, doc.impact_result = "Audit of 50 waits", "48 of 50 offered water"
		doc.save()
		self.assertRaises(
			frappe.ValidationError, act, doc, "Verify Impact", self.users["leader"]
		)  # the owner
		self.assertRaises(FORBIDDEN, act, doc, "Verify Impact", self.users["handler"])
		verified = act(doc, "Verify Impact", self.users["manager"])
		self.assertEqual(
			(verified.workflow_state, verified.verified_by), ("Impact Verified", self.users["manager"])
		)
		verified.title = "Rewritten afterwards"
		self.assertRaises(frappe.ValidationError, verified.save)

	def test_not_effective_goes_back_to_in_progress(self):
		doc = act(self.agreed(), "Start", self.users["staff"])
		doc.evidence = "Done"
		doc.save()
		doc = act(doc, "Complete", self.users["staff"])
		self.assertRaises(
			frappe.ValidationError, act, doc, "Not Effective", self.users["manager"]
		)  # no result
		doc.reload()
		doc.impact_result = "Still 20 of 50 not offered water"
		doc.save()
		doc = act(doc, "Not Effective", self.users["leader"])
		self.assertEqual(
			(doc.workflow_state, doc.not_effective_count, doc.completed_on), ("In Progress", 1, None)
		)

	def test_cancel_needs_a_reason(self):
		doc = self.agreed()
		self.assertRaises(frappe.ValidationError, act, doc, "Cancel", self.users["manager"])
		doc.reload()
		doc.cancellation_reason = "Superseded by the trust-wide hydration project"
		doc.save()
		self.assertEqual(act(doc, "Cancel", self.users["manager"]).workflow_state, "Cancelled")

	def test_overdue_kept_true_daily(self):
		doc = make_learning_action(
			self.users["staff"], due_date=frappe.utils.add_days(frappe.utils.today(), 1)
		)
		refresh_all_deadline_statuses(on_date=frappe.utils.add_days(frappe.utils.today(), 5))
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "due_status"), "Overdue")
		later = frappe.utils.add_days(frappe.utils.today(), 5)
		self.assertLess(frappe.db.get_value(doc.doctype, doc.name, "working_days_left"), 0)
		with self.freeze_time(f"{later} 10:00:00.123456"):
			doc = frappe.get_doc(doc.doctype, doc.name)
			doc.run_method("onload")
		headline = doc.get_onload().jlc_headline
		self.assertEqual(headline["colour"], "red")
		self.assertTrue(headline["text"].startswith("Action overdue by"), headline["text"])


class TestLearningActionDueDate(JLCTestCase):
	def test_due_date_moves_only_with_a_reason_kept_in_its_history(self):
		users = ensure_users()
		action = make_learning_action(users["staff"])
		first = action.due_date
		action.due_date = frappe.utils.add_days(first, 7)
		self.assertRaises(frappe.ValidationError, action.save)
		action.reload()
		later = frappe.utils.add_days(first, 14)
		self.assertRaises(frappe.ValidationError, action.change_due_date, later, " ")
		action.reload()
		action.change_due_date(later, "The supplier delivers the new trolleys a fortnight late")
		action.reload()
		self.assertEqual(str(action.due_date), str(later))
		row = action.due_date_changes[0]
		self.assertEqual((str(row.old_date), row.changed_by), (str(first), frappe.session.user))
		row.reason = "Rewritten"
		self.assertRaises(frappe.ValidationError, action.save)
		action.reload()
		action.due_date_changes = []
		self.assertRaises(frappe.ValidationError, action.save)


class TestLearningActionSharing(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def test_public_summary_must_be_clean_to_share(self):
		complaint = make_complaint(complainant_name="Ann Example", patient_name="Peter Patient")
		doc = make_learning_action(self.users["staff"], [("Complaint", complaint.name)])
		doc.share_externally = 1
		doc.public_summary = (
			"Mrs Example told us her father, Peter Patient (943 476 5919), waited without water."
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		message = str(caught.exception)
		for expected in ("943 476 5919", "Example", "Peter Patient"):
			self.assertIn(expected, message)
		doc.reload()
		self.assertFalse(doc.share_externally)
		doc.share_externally = 1
		doc.public_summary = "You told us people waited without water; we now offer drinks every hour."
		doc.save()
		self.assertEqual(doc.check_public_summary(), [])
		doc.title = "Water for Peter Patient's ward"  # the title and the impact are published too
		self.assertRaises(frappe.ValidationError, doc.save)
		doc.reload()
		doc.impact_result = "Mrs Example says her father now gets water"
		self.assertRaises(frappe.ValidationError, doc.save)

	def test_raised_from_a_complaint_with_its_source(self):
		complaint = make_complaint()
		draft = new_learning_action("Complaint", complaint.name)
		self.assertEqual(
			[(s.source_doctype, s.source_name) for s in frappe._dict(draft).sources],
			[("Complaint", complaint.name)],
		)
		self.assertRaises(frappe.ValidationError, new_learning_action, "ToDo", "x")

	def test_mapper_and_source_type_search(self):
		from jlc_frappe.jlc_learning.learning_sources import make_learning_action, source_doctype_query

		complaint = make_complaint()
		frappe.flags.args = frappe._dict(source_doctype="Complaint")
		self.addCleanup(setattr, frappe.flags, "args", None)
		draft = frappe._dict(make_learning_action(complaint.name))
		self.assertEqual(draft.sources[0]["source_name"], complaint.name)
		found = [row[0] for row in source_doctype_query("DocType", "", "name", 0, 20, {})]
		self.assertEqual(
			found,
			[
				"Complaint",
				"Complaints Panel Meeting",
				"Ombudsman Referral",
				"Patient Safety Incident",
				"Claim",
				"Candour Notification",
			],
		)
		self.assertEqual(
			[row[0] for row in source_doctype_query("DocType", "claim", "name", 0, 20, {})], ["Claim"]
		)

	def test_complaint_connections_show_its_actions(self):
		from frappe.desk.notifications import get_open_count

		complaint = make_complaint()
		make_learning_action(self.users["staff"], [("Complaint", complaint.name)])
		found = get_open_count("Complaint", complaint.name)["count"]["external_links_found"]
		counts = {row["doctype"]: row["count"] for row in found}
		self.assertEqual(counts.get("Learning Action"), 1)

	def test_sources_must_exist_and_be_allowed(self):
		self.assertRaises(
			frappe.ValidationError, make_learning_action, self.users["staff"], [("Complaint", "NOPE")]
		)
		self.assertRaises(frappe.ValidationError, make_learning_action, self.users["staff"], [("ToDo", "x")])


class TestLearningActionOwnerView(JLCTestCase):
	"""The owner, a JLC Staff member, works on their action over the REST API without the complaint."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.complaint = make_complaint(patient_name="Peter Patient", nhs_number="9434765919")
		cls.mine = act(make_learning_action(cls.users["staff"], [("Complaint", cls.complaint.name)]), "Agree")
		cls.other = make_learning_action(cls.users["staff2"])
		cls.token = api_token(cls.users["staff"])
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		delete_committed(cls.mine, cls.other, cls.complaint)
		super().tearDownClass()

	def test_owner_sees_and_updates_only_their_actions(self):
		listed = rest(
			"GET",
			"/api/resource/Learning Action",
			self.token,
			params={"filters": [["name", "in", [self.mine.name, self.other.name]]], "limit_page_length": 10},
		)
		self.assertEqual([row["name"] for row in listed.json["data"]], [self.mine.name])
		self.assertEqual(
			rest("GET", f"/api/resource/Learning Action/{self.other.name}", self.token).status_code, 403
		)
		updated = rest(
			"PUT",
			f"/api/resource/Learning Action/{self.mine.name}",
			self.token,
			{"evidence": "Posters up on every bay"},
		)
		self.assertEqual(updated.status_code, 200, updated.json)
		self.assertEqual(
			rest("GET", f"/api/resource/Complaint/{self.complaint.name}", self.token).status_code, 403
		)

	def test_no_oracle_on_sources_the_owner_may_not_read(self):
		self.addCleanup(frappe.db.rollback)
		with self.set_user(
			self.users["staff"]
		):  # a guessed name checked against the complaint they may not read
			doc = frappe.get_doc("Learning Action", self.mine.name)
			doc.public_summary = "Peter Patient waited"
			self.assertRaises(frappe.PermissionError, doc.check_public_summary)
			doc.share_externally = 1
			self.assertRaises(frappe.PermissionError, doc.save)
		source = [("Complaint", self.complaint.name)]  # handler2 does not handle it
		self.assertRaises(
			frappe.PermissionError, make_learning_action, self.users["staff"], source, self.users["handler2"]
		)
		with self.set_user(self.users["manager"]):
			doc = frappe.get_doc("Learning Action", self.mine.name)
			doc.public_summary = "Peter Patient waited"
			self.assertTrue(doc.check_public_summary())


class TestLearningActionMovesPerRole(JLCTestCase):
	"""Every move of the lifecycle tried by every role: the owner is JLC Staff member 'staff'."""

	LEADS = {"manager", "leader"}
	MOVES = {  # (state, action): roles allowed
		("Proposed", "Agree"): LEADS,
		("Agreed", "Start"): LEADS | {"staff"},
		("In Progress", "Complete"): LEADS | {"staff"},
		("Completed", "Verify Impact"): LEADS,
		("Completed", "Not Effective"): LEADS,
		("Proposed", "Cancel"): LEADS,
		("Agreed", "Cancel"): LEADS,
		("In Progress", "Cancel"): LEADS,
	}
	PATH = {
		"Proposed": [],
		"Agreed": ["Agree"],
		"In Progress": ["Agree", "Start"],
		"Completed": ["Agree", "Start", "Complete"],
	}
	ROLES = ("manager", "leader", "handler", "rp", "panel", "staff", "staff2")

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def action_in(self, state):
		doc = make_learning_action(
			self.users["staff"],
			evidence="Done",
			impact_measure="Audit",
			impact_result="Better",
			cancellation_reason="No longer needed",
		)
		for action in self.PATH[state]:
			doc = act(doc, action)
		return doc

	def test_every_move_per_role(self):
		for (state, action), allowed in self.MOVES.items():
			for role in self.ROLES:
				with self.subTest(state=state, action=action, role=role):
					doc = self.action_in(state)
					if role in allowed:
						self.assertNotEqual(act(doc, action, self.users[role]).workflow_state, state)
					else:
						self.assertRaises(FORBIDDEN, act, doc, action, self.users[role])
						self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), state)
