# Copyright (c) 2026, JLC developers. License: MIT.
"""Every workflow move, per role: allowed ones succeed, forbidden ones fail and change nothing."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import api_token, complaint_in_state, delete_committed, ensure_users, rest

HANDLERS = {"manager", "handler"}
# (from state, action): roles allowed, written out from the issue rather than read from the workflow.
MOVES = {
	("Received", "Acknowledge"): HANDLERS,
	("Received", "Resolve Early"): HANDLERS,
	("Acknowledged", "Resolve Early"): HANDLERS,
	("Acknowledged", "Investigate"): HANDLERS,
	("Resolved Early", "Escalate"): HANDLERS,
	("Resolved Early", "Close"): HANDLERS,
	("Under Investigation", "Submit for Sign-off"): HANDLERS,
	("Awaiting Sign-off", "Sign Off"): {"rp"},
	("Awaiting Sign-off", "Return for Changes"): {"rp", "manager"},
	("Signed Off", "Send Response"): HANDLERS,
	("Response Sent", "Close"): HANDLERS,
	("Closed", "Reopen"): {"manager"},
} | {
	(state, "Withdraw"): HANDLERS
	for state in (
		"Received",
		"Acknowledged",
		"Resolved Early",
		"Under Investigation",
		"Awaiting Sign-off",
		"Signed Off",
		"Response Sent",
	)
}
ROLES_TRIED = ("manager", "handler", "rp", "leader", "staff", "sysmgr")
FORBIDDEN = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError, frappe.ValidationError)


class TestComplaintWorkflow(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def test_every_move_per_role(self):
		for (state, action), allowed in MOVES.items():
			for role in ROLES_TRIED:
				with self.subTest(state=state, action=action, role=role):
					doc = complaint_in_state(
						state, handler=self.users["handler"], withdrawal_reason="Asked to stop"
					)
					self._try(doc, action, role, role in allowed)

	def _try(self, doc, action, role, expect_allowed):
		with self.set_user(self.users[role]):
			if expect_allowed:
				after = apply_workflow(frappe.get_doc("Complaint", doc.name), action)
				self.assertNotEqual(after.workflow_state, doc.workflow_state)
			else:
				self.assertRaises(FORBIDDEN, apply_workflow, frappe.get_doc("Complaint", doc.name), action)
		if not expect_allowed:
			self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), doc.workflow_state)

	def test_handler_who_is_responsible_person_cannot_sign_off_own_case(self):
		doc = complaint_in_state("Awaiting Sign-off", handler=self.users["rp_handler"])
		with self.set_user(self.users["rp_handler"]):
			with self.assertRaises(frappe.ValidationError) as caught:
				apply_workflow(frappe.get_doc("Complaint", doc.name), "Sign Off")
		self.assertIn("handler", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Awaiting Sign-off")

	def test_sign_off_records_who_and_when(self):
		doc = complaint_in_state("Awaiting Sign-off", handler=self.users["handler"])
		with self.set_user(self.users["rp"]):
			signed = apply_workflow(frappe.get_doc("Complaint", doc.name), "Sign Off")
		self.assertEqual(
			(signed.signed_off_by, str(signed.signed_off_on)), (self.users["rp"], frappe.utils.today())
		)

	def test_returned_for_changes_until_resubmitted(self):
		doc = complaint_in_state("Awaiting Sign-off", handler=self.users["handler"])
		self.assertFalse(doc.returned_for_changes)
		with self.set_user(self.users["rp"]):
			returned = apply_workflow(frappe.get_doc("Complaint", doc.name), "Return for Changes")
		self.assertEqual((returned.workflow_state, returned.returned_for_changes), ("Under Investigation", 1))
		with self.set_user(self.users["handler"]):
			mine = frappe.get_list(
				"Complaint", {"handler": self.users["handler"], "returned_for_changes": 1}, pluck="name"
			)
			self.assertIn(doc.name, mine, "the handler's 'Returned to me' queue")
			resubmitted = apply_workflow(frappe.get_doc("Complaint", doc.name), "Submit for Sign-off")
		self.assertEqual(resubmitted.returned_for_changes, 0)

	def test_direct_state_change_skipping_steps_is_refused(self):
		doc = complaint_in_state("Acknowledged", handler=self.users["handler"])
		doc.workflow_state = "Closed"
		self.assertRaises(FORBIDDEN, doc.save)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Acknowledged")

	def test_responsible_person_cannot_edit_details(self):
		doc = complaint_in_state("Awaiting Sign-off", handler=self.users["handler"])
		with self.set_user(self.users["rp"]):
			doc = frappe.get_doc("Complaint", doc.name)
			doc.summary = "Rewritten by the signatory"
			self.assertRaises(frappe.PermissionError, doc.save)


class TestComplaintWorkflowOverREST(JLCTestCase):
	"""The same rules through /api: a forbidden move answers an error and changes nothing."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.doc = complaint_in_state(
			"Signed Off",
			handler=cls.users["handler"],
			complainant_is_patient=0,
			representative_basis="Asked To Act",
		)
		cls.handler_token = api_token(cls.users["handler"])
		cls.leader_token = api_token(cls.users["leader"])
		frappe.db.commit()  # the REST request runs on its own connection

	@classmethod
	def tearDownClass(cls):
		frappe.delete_doc("Complaint", cls.doc.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_forbidden_moves_over_rest(self):
		path = f"/api/resource/Complaint/{self.doc.name}"
		response = rest("PUT", path, self.handler_token, {"workflow_state": "Closed"})
		self.assertEqual(response.status_code, 417, response.json)
		response = rest(
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			self.handler_token,
			{"doc": frappe.get_doc("Complaint", self.doc.name).as_json(), "action": "Send Response"},
		)
		self.assertEqual(response.status_code, 417, response.json)
		self.assertIn("consent", response.get_data(as_text=True))
		response = rest(
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			self.leader_token,
			{"doc": frappe.get_doc("Complaint", self.doc.name).as_json(), "action": "Send Response"},
		)
		self.assertIn(response.status_code, (403, 417), response.json)
		self.assertEqual(frappe.db.get_value("Complaint", self.doc.name, "workflow_state"), "Signed Off")


class TestRecordFieldsCannotBeForged(JLCTestCase):
	"""Read-only record fields are set by JLC alone, whatever a REST client sends."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.staff_token = api_token(cls.users["staff"])
		cls.handler_token = api_token(cls.users["handler"])
		frappe.db.commit()

	def test_forged_values_are_ignored(self):
		created = rest(
			"POST",
			"/api/resource/Complaint",
			self.staff_token,
			{
				"summary": "Forged escalation",
				"received_on": frappe.utils.today(),
				"received_via": "Letter",
				"description": "x",
				"complainant_name": "Ann Example",
				"severity": "Extreme",
				"escalated_on": "2020-01-01 00:00:00",
				"signed_off_by": self.users["rp"],
				"closed_on": "2020-01-02",
				"reopened_count": 7,
			},
		)
		self.assertEqual(created.status_code, 200, created.json)
		name = created.json["data"]["name"]
		self.addCleanup(delete_committed, frappe.get_doc("Complaint", name))
		stored = frappe.db.get_value(
			"Complaint",
			name,
			["escalated_on", "signed_off_by", "closed_on", "reopened_count", "handler"],
			as_dict=True,
		)
		self.assertGreater(str(stored.escalated_on), "2026", "the escalation happened, now")
		self.assertEqual((stored.signed_off_by, stored.closed_on, stored.reopened_count), (None, None, 0))
		frappe.db.set_value("Complaint", name, "handler", self.users["handler"])
		frappe.db.commit()
		updated = rest(
			"PUT",
			f"/api/resource/Complaint/{name}",
			self.handler_token,
			{"signed_off_by": self.users["rp"], "escalated_on": None, "summary": "Edited summary"},
		)
		self.assertEqual(updated.status_code, 200, updated.json)
		stored = frappe.db.get_value(
			"Complaint", name, ["signed_off_by", "escalated_on", "summary"], as_dict=True
		)
		self.assertEqual((stored.signed_off_by, stored.summary), (None, "Edited summary"))
		self.assertTrue(stored.escalated_on)
