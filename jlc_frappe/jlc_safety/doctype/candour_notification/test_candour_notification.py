# Copyright (c) 2026, JLC developers. License: MIT.
"""Candour Notification: every move per role, the statutory requirements, and the contractual date."""

import frappe
from frappe.utils import add_days, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.deadline_status import refresh_all_deadline_statuses
from jlc_frappe.tests.fixtures import act, ensure_users, make_incident

FORBIDDEN = (frappe.ValidationError, frappe.PermissionError)
NOTIFIED = {
	"notified_in_person_on": today(),
	"notified_by": "Administrator",
	"apology_given": 1,
	"facts_account_given": 1,
	"further_enquiries_explained": 1,
}
ATTEMPT = {
	"contact_attempts": [{"attempted_on": frappe.utils.now(), "method": "Telephone", "outcome": "No answer"}]
}


class TestCandourNotification(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def candour(self, **values):
		incident = make_incident(physical_harm="Moderate")
		doc = frappe.get_doc("Candour Notification", {"incident": incident.name})
		doc.update(values)
		doc.save()
		return doc

	def notifiable(self, **values):
		return act(
			self.candour(
				notifiable="Yes", harm_category="Moderate Harm", assessed_by="Administrator", **values
			),
			"Decide Notifiable",
		)

	def test_contractual_due_is_ten_working_days_after_the_report(self):
		with self.freeze_time("2026-12-29 10:00:00.123456"):
			doc = self.candour(reported_on="2026-12-24")
		# Thu 24 Dec 2026: Christmas, Boxing Day (Mon 28) and New Year's Day skipped: due Tue 12 Jan 2027
		self.assertEqual(str(doc.contractual_due), "2027-01-12")
		doc.reported_on = add_days(today(), -20)
		doc.save()
		self.assertEqual(doc.contractual_status, "Overdue")
		doc.reported_on = add_days(today(), -1)
		doc.save()
		refresh_all_deadline_statuses(on_date=add_days(today(), 30))
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "contractual_status"), "Overdue")

	def test_decisions_need_their_reasons(self):
		doc = self.candour()
		doc.notifiable = "No"
		doc.assessed_by = "Administrator"
		self.assertRaises(frappe.ValidationError, doc.save)  # no rationale
		doc.reload()
		doc.update(
			{"notifiable": "No", "assessed_by": "Administrator", "assessment_rationale": "No harm found"}
		)
		doc.save()
		self.assertEqual(act(doc, "Decide Not Notifiable").workflow_state, "Not Notifiable")
		self.assertRaises(frappe.ValidationError, act, self.candour(), "Decide Notifiable")  # not decided

	def test_no_notification_without_apology_and_no_letter_before_meeting(self):
		doc = self.notifiable()
		doc.update({**NOTIFIED, "apology_given": 0})
		self.assertRaises(frappe.ValidationError, doc.save)
		doc.reload()
		doc.update({"written_notification_on": today(), "written_apology_given": 1})
		self.assertRaises(frappe.ValidationError, doc.save)  # written before in person
		doc.reload()
		doc.update(NOTIFIED)
		doc.save()
		doc = act(doc, "Record In-person Notification")
		self.assertRaises(frappe.ValidationError, act, doc, "Record Written Notification")  # no date yet
		doc.reload()
		doc.update({"written_notification_on": today(), "written_apology_given": 1})
		doc.save()
		doc = act(doc, "Record Written Notification")
		doc.findings_shared_on = today()
		doc.save()
		doc = act(act(doc, "Record Findings Shared"), "Close")
		self.assertEqual((doc.workflow_state, doc.contractual_status), ("Closed", "Met"))

	def test_unable_to_contact_needs_attempts(self):
		doc = self.notifiable()
		self.assertRaises(frappe.ValidationError, act, doc, "Record Unable To Contact")
		doc.reload()
		doc.update(ATTEMPT)
		doc.save()
		doc = act(doc, "Record Unable To Contact")
		self.assertEqual(act(doc, "Close").workflow_state, "Closed")

	def test_the_sixteen_rule_for_someone_acting(self):
		child, parent = {"patient_name": "Young Patient"}, {"relevant_person_name": "Parent"}
		fifteen = {**child, **parent, "date_of_birth": add_days(today(), -365 * 15)}
		seventeen = {**child, **parent, "date_of_birth": add_days(today(), -365 * 17 - 5)}
		self.candour(acting_basis="Under 16 and not competent", reported_on=today(), **fifteen)
		self.assertRaises(
			frappe.ValidationError,
			self.candour,
			acting_basis="Under 16 and not competent",
			reported_on=today(),
			**seventeen,
		)
		self.candour(acting_basis="16 or over and lacks capacity", reported_on=today(), **seventeen)

	def in_state(self, state, action):
		"""A candour record brought to `state` by Administrator, holding what `action` needs next."""
		if state == "Assessment":
			if action == "Decide Notifiable":
				return self.candour(notifiable="Yes", harm_category="Death", assessed_by="Administrator")
			return self.candour(notifiable="No", assessed_by="Administrator", assessment_rationale="No harm")
		doc = self.notifiable(
			**NOTIFIED,
			**ATTEMPT,
			written_notification_on=today(),
			written_apology_given=1,
			findings_shared_on=today(),
		)
		for step in STATE_PATHS[state]:
			doc = act(doc, step)
		return doc

	def test_every_move_per_role(self):
		workflow = frappe.get_doc("Workflow", "Candour Notification Lifecycle")
		for move in workflow.transitions:
			for role in ("safety", "manager", "leader", "handler", "rp", "staff"):
				with self.subTest(state=move.state, action=move.action, role=role):
					doc = self.in_state(move.state, move.action)
					if role == "safety":
						self.assertEqual(
							act(doc, move.action, self.users[role]).workflow_state, move.next_state
						)
					else:
						self.assertRaises(FORBIDDEN, act, doc, move.action, self.users[role])
						self.assertEqual(
							frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), move.state
						)


# Actions (as Administrator) from Notifiable that reach each state; Assessment is where records start.
STATE_PATHS = {
	"Notifiable": [],
	"Notified In Person": ["Record In-person Notification"],
	"Written Notification Sent": ["Record In-person Notification", "Record Written Notification"],
	"Findings Shared": [
		"Record In-person Notification",
		"Record Written Notification",
		"Record Findings Shared",
	],
	"Unable To Contact": ["Record Unable To Contact"],
	"Declined": ["Record Declined"],
}
