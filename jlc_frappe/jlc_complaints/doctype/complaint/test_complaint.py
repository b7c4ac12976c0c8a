# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaint: deadlines, statutory rules and records, on a real site."""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.deadline_status import refresh_all_deadline_statuses
from jlc_frappe.tests.fixtures import add_aspect, complaint_in_state, ensure_users, make_complaint


class TestComplaintDeadlines(JLCTestCase):
	def test_worked_dates_on_save_across_easter(self):
		with self.freeze_time("2026-04-01 10:00:00.123456"):
			doc = make_complaint(received_on="2026-03-31", severity="Moderate")
		# Tue 31 Mar 2026: Wed 1, Thu 2 count; Good Friday 3 Apr and Easter Monday 6 Apr do not; Tue 7 is day 3.
		self.assertEqual(getdate(doc.acknowledgement_due), date(2026, 4, 7))
		self.assertEqual(getdate(doc.statutory_response_limit), date(2026, 9, 30))
		self.assertEqual(doc.timescale_preset, "Standard")
		self.assertEqual(doc.acknowledgement_status, "Due soon")

	def test_severity_sets_preset_and_response_date_until_acknowledged(self):
		with self.freeze_time("2026-11-26 10:00:00.123456"):
			doc = make_complaint(received_on="2026-11-25", severity="Low")
			self.assertEqual(doc.timescale_preset, "Simple")
			simple_due = getdate(doc.response_due)
			doc.severity = "High"
			doc.save()
			self.assertEqual(doc.timescale_preset, "Complex")
			self.assertGreater(getdate(doc.response_due), simple_due)
			doc = apply_workflow(doc, "Acknowledge")
			agreed = getdate(doc.response_due)
			doc.severity = "Low"
			doc.save()
			self.assertEqual(
				getdate(doc.response_due), agreed, "an acknowledged date moves only by agreement"
			)

	def test_statuses_met_missed_and_the_daily_job(self):
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			late = make_complaint(received_on="2026-10-26")  # ack due Thu 29 Oct: already overdue
			prompt = make_complaint(received_on="2026-11-02")  # ack due Thu 5 Nov
		self.assertEqual(late.acknowledgement_status, "Overdue")
		self.assertEqual(prompt.acknowledgement_status, "Due soon")
		with self.freeze_time("2026-11-03 09:00:00.123456"):
			prompt = apply_workflow(prompt, "Acknowledge")
			late = apply_workflow(late, "Acknowledge")
		self.assertEqual(prompt.acknowledgement_status, "Met")
		self.assertEqual(late.acknowledgement_status, "Missed")

		with self.freeze_time("2026-11-02 09:00:00.123456"):
			waiting = make_complaint(received_on="2026-11-02")
		self.assertEqual(waiting.acknowledgement_status, "Due soon")
		refresh_all_deadline_statuses(on_date="2026-11-06")
		self.assertEqual(frappe.db.get_value("Complaint", waiting.name, "acknowledgement_status"), "Overdue")
		self.assertEqual(frappe.db.get_value("Complaint", prompt.name, "acknowledgement_status"), "Met")
		refresh_all_deadline_statuses(on_date="2026-11-02")
		self.assertEqual(frappe.db.get_value("Complaint", waiting.name, "acknowledgement_status"), "Due soon")

	def test_next_deadline_and_working_days_left_on_save_and_daily(self):
		with self.freeze_time("2026-11-02 09:00:00.123456"):  # Monday
			doc = make_complaint(received_on="2026-11-02")
		# the acknowledgement (Thu 5 Nov) comes first: 3 working days left
		self.assertEqual((getdate(doc.next_deadline), doc.working_days_left), (date(2026, 11, 5), 3))
		with self.freeze_time("2026-11-03 09:00:00.123456"):
			doc = apply_workflow(doc, "Acknowledge")
		self.assertEqual(getdate(doc.next_deadline), getdate(doc.response_due), "then the response")
		self.assertEqual(getdate(doc.deadline_order), getdate(doc.next_deadline))
		with self.freeze_time("2026-11-05 09:00:00.123456"):  # two days on: fewer working days left
			doc.description = "The complainant added that the letter went to an old address."
			doc.save(ignore_version=False)
		changes = frappe.db.get_all(
			"Version", {"ref_doctype": "Complaint", "docname": doc.name}, pluck="data"
		)
		self.assertIn('"description"', changes[-1])
		self.assertNotIn('"working_days_left"', changes[-1], "the timeline says what people changed")
		refresh_all_deadline_statuses(on_date=frappe.utils.add_days(doc.response_due, 3))
		left = frappe.db.get_value("Complaint", doc.name, "working_days_left")
		self.assertLess(left, 0, "negative once the response date has passed")
		self.assertGreaterEqual(left, -3)
		with self.freeze_time("2026-11-03 09:00:00.123456"):
			doc.withdrawal_reason = "Resolved by telephone"
			doc.save()
			doc = apply_workflow(doc, "Withdraw")
		self.assertIsNone(doc.next_deadline, "a withdrawn complaint has no deadline to chase")
		self.assertEqual(str(doc.deadline_order), "9999-12-31", "and comes after every one that has")
		refresh_all_deadline_statuses(on_date="2026-11-04")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "working_days_left"), 0)

	def test_response_date_changes_are_kept_with_agreement(self):
		with self.freeze_time("2026-11-26 10:00:00.123456"):
			doc = apply_workflow(make_complaint(received_on="2026-11-25"), "Acknowledge")
			first_due = getdate(doc.response_due)
			doc.response_due = "2027-03-01"
			self.assertRaises(frappe.ValidationError, doc.save)
			doc.reload()
			doc.change_response_due("2027-03-01", "2026-11-26", "Complainant asked for time to send records")
			doc.reload()
			self.assertEqual(getdate(doc.response_due), date(2027, 3, 1))
			row = doc.response_due_changes[0]
			self.assertEqual((getdate(row.old_date), row.changed_by), (first_due, "Administrator"))
			# beyond the 6-month limit, agreed only after it ended: refused and nothing changes
			self.assertRaises(
				frappe.ValidationError, doc.change_response_due, "2027-07-01", "2027-06-01", "late"
			)
			doc.reload()
			self.assertEqual(len(doc.response_due_changes), 1)
			doc.response_due_changes[0].new_date = "2027-04-01"
			self.assertRaises(frappe.ValidationError, doc.save)


class TestComplaintRules(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def test_received_on_cannot_be_in_the_future(self):
		self.assertRaises(frappe.ValidationError, make_complaint, received_on="2099-01-01")

	def test_nhs_number_checked_and_formatted(self):
		patient = {"patient_name": "Peter Patient"}
		self.assertRaises(frappe.ValidationError, make_complaint, nhs_number="9434765918", **patient)
		self.assertEqual(make_complaint(nhs_number="9434765919", **patient).nhs_number, "943 476 5919")

	def test_late_complaint_needs_waiver_with_both_reasons(self):
		with self.freeze_time("2026-11-26 10:00:00.123456"):
			doc = make_complaint(received_on="2026-11-25", event_date="2025-06-01")
			self.assertEqual(doc.time_limit_status, "Late")
			self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Acknowledge")
			doc.reload()
			doc.time_limit_waived = 1
			doc.delay_good_reason = "Was in hospital for most of the year"
			self.assertRaises(frappe.ValidationError, doc.save)
			doc.fair_investigation_reason = "Records and staff are still available"
			doc.save()
			self.assertEqual(doc.time_limit_status, "Late - waived")
			self.assertEqual(apply_workflow(doc, "Acknowledge").workflow_state, "Acknowledged")
		with self.freeze_time("2026-11-26 10:00:00.123456"):
			aware_later = make_complaint(
				received_on="2026-11-25", event_date="2025-06-01", became_aware_on="2026-01-10"
			)
		self.assertEqual(aware_later.time_limit_status, "In time")

	def test_repeat_complainant_is_linked(self):
		first = make_complaint(complainant_email="repeat.person@example.com", complainant_name="Rae Peat")
		second = make_complaint(complainant_email="repeat.person@example.com", complainant_name="Rae Peat")
		self.assertTrue(first.complainant)
		self.assertEqual(first.complainant, second.complainant)

	def test_representative_needs_consent_before_response(self):
		doc = complaint_in_state("Signed Off", complainant_is_patient=0, representative_basis="Asked To Act")
		self.assertEqual(doc.consent_status, "Pending")
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Send Response")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Signed Off")
		doc.reload()
		doc.consent_status = "Obtained"
		doc.save()
		self.assertEqual(apply_workflow(doc, "Send Response").workflow_state, "Response Sent")

	def test_best_interests_needed_for_a_child(self):
		doc = make_complaint(complainant_is_patient=0, representative_basis="Child")
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Acknowledge")
		doc.reload()
		doc.best_interests_confirmed = 1
		doc.save()
		self.assertEqual(apply_workflow(doc, "Acknowledge").workflow_state, "Acknowledged")

	def test_close_needs_outcomes_and_ombudsman_rights(self):
		doc = complaint_in_state("Response Sent")
		doc.aspects[0].outcome = None
		doc.ombudsman_rights_given = 0
		doc.outcome = None
		doc.save()
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(doc, "Close")
		self.assertIn("Ombudsman", str(caught.exception))
		doc.reload()
		doc.aspects[0].outcome = "Partially Upheld"
		doc.ombudsman_rights_given = 1
		doc.save()
		closed = apply_workflow(doc, "Close")
		self.assertEqual((closed.outcome, str(closed.closed_on)), ("Partially Upheld", frappe.utils.today()))

	def test_closed_is_read_only_until_reopened(self):
		doc = complaint_in_state("Closed")
		doc.summary = "Changed after closing"
		self.assertRaises(frappe.ValidationError, doc.save)
		with self.set_user(self.users["manager"]):
			reopened = apply_workflow(frappe.get_doc("Complaint", doc.name), "Reopen")
		self.assertEqual((reopened.workflow_state, reopened.reopened_count), ("Under Investigation", 1))
		self.assertFalse(reopened.closed_on)
		reopened.summary = "Changed after reopening"
		reopened.save()

	def test_escalation_keeps_received_on_and_notifies_senior_leaders(self):
		doc = apply_workflow(make_complaint(severity="Extreme", received_on="2026-11-20"), "Resolve Early")
		self.assertTrue(doc.escalated_on)
		self.assertIn(self.users["leader"], doc.escalated_to.split("\n"))
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_name": doc.name, "for_user": self.users["leader"]},
			pluck="name",
		)
		self.assertEqual(len(logs), 1)
		doc = apply_workflow(doc, "Escalate")
		self.assertEqual((doc.route, str(doc.received_on)), ("Investigation", "2026-11-20"))

	def test_staff_involved_leader_is_not_notified(self):
		doc = make_complaint(severity="High", staff_involved=[{"user": self.users["leader"]}])
		self.assertNotIn(self.users["leader"], (doc.escalated_to or "").split("\n"))

	def test_only_system_manager_deletes(self):
		doc = make_complaint()
		with self.set_user(self.users["manager"]):
			self.assertRaises(frappe.PermissionError, frappe.delete_doc, "Complaint", doc.name)
		with self.set_user(self.users["sysmgr"]):
			frappe.delete_doc("Complaint", doc.name)
		self.assertFalse(frappe.db.exists("Complaint", doc.name))

	def test_aspect_needed_before_sign_off(self):
		doc = apply_workflow(apply_workflow(make_complaint(), "Acknowledge"), "Investigate")
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Submit for Sign-off")
		doc.reload()
		add_aspect(doc)
		doc.save()
		self.assertEqual(apply_workflow(doc, "Submit for Sign-off").workflow_state, "Awaiting Sign-off")


class TestActionsNeedTheirData(JLCTestCase):
	"""What each workflow action's dialog asks for is required on the server too, whatever the path."""

	def test_acknowledge_needs_the_method(self):
		doc = make_complaint(acknowledgement_method="")
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Acknowledge")
		doc.reload()
		doc.acknowledgement_method = "Oral"
		doc.save()
		self.assertEqual(apply_workflow(doc, "Acknowledge").workflow_state, "Acknowledged")

	def test_withdraw_needs_a_reason(self):
		doc = make_complaint()
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Withdraw")

	def test_sign_off_needs_a_draft_which_is_kept_as_signed(self):
		doc = make_complaint(draft_response="")
		add_aspect(doc)
		doc.save()
		doc = apply_workflow(apply_workflow(doc, "Acknowledge"), "Investigate")
		self.assertRaises(frappe.ValidationError, apply_workflow, doc, "Submit for Sign-off")
		doc.reload()
		doc.draft_response = "<p>Dear Ms Example, we are sorry.</p>"
		doc.save()
		doc = apply_workflow(apply_workflow(doc, "Submit for Sign-off"), "Sign Off")
		self.assertEqual(doc.signed_off_response, "<p>Dear Ms Example, we are sorry.</p>")
		doc.draft_response = "<p>Changed after sign-off</p>"
		doc.save()
		self.assertEqual(
			frappe.db.get_value("Complaint", doc.name, "signed_off_response"),
			"<p>Dear Ms Example, we are sorry.</p>",
		)


class TestHandlerAssignment(JLCTestCase):
	"""The handler field and the complaint's assignment (ToDo) are kept in step both ways."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def assignees(self, name):
		return set(
			frappe.get_all(
				"ToDo",
				{"reference_type": "Complaint", "reference_name": name, "status": "Open"},
				pluck="allocated_to",
			)
		)

	def test_handler_field_makes_the_assignment(self):
		doc = make_complaint(handler=self.users["handler"])
		self.assertEqual(self.assignees(doc.name), {self.users["handler"]})
		doc.reload()
		doc.handler = self.users["handler2"]
		doc.save()
		self.assertEqual(self.assignees(doc.name), {self.users["handler2"]})

	def test_assignment_closed_with_the_complaint_and_opened_again_on_reopening(self):
		doc = complaint_in_state("Closed", handler=self.users["handler"])
		self.assertEqual(self.assignees(doc.name), set(), "nothing left on a closed complaint's to-do list")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "handler_name"), "Handler")
		self.assertEqual(doc.handler, self.users["handler"], "the handler is kept")
		with self.set_user(self.users["manager"]):
			apply_workflow(frappe.get_doc("Complaint", doc.name), "Reopen")
		self.assertEqual(self.assignees(doc.name), {self.users["handler"]})

	def test_assignment_makes_the_handler(self):
		from frappe.desk.form.assign_to import add, remove

		doc = make_complaint()
		add({"doctype": "Complaint", "name": doc.name, "assign_to": [self.users["handler"]]})
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "handler"), self.users["handler"])
		remove("Complaint", doc.name, self.users["handler"])
		self.assertIsNone(frappe.db.get_value("Complaint", doc.name, "handler"))
		add({"doctype": "Complaint", "name": doc.name, "assign_to": [self.users["rp"]]})  # not a handler
		self.assertIsNone(frappe.db.get_value("Complaint", doc.name, "handler"))

	def test_staff_involved_cannot_handle_the_complaint(self):
		involved = [{"user": self.users["handler"]}]
		self.assertRaises(
			frappe.ValidationError, make_complaint, handler=self.users["handler"], staff_involved=involved
		)

	def test_form_headline_says_where_it_stands_and_what_is_next(self):
		doc = make_complaint()
		doc.run_method("onload")
		headline = doc.get_onload().jlc_headline
		self.assertIn("acknowledge it, offering to discuss", headline["text"])
		self.assertTrue(headline["text"].startswith("Acknowledgement due"))
		self.assertIn(headline["colour"], ("orange", "green", "red"))
