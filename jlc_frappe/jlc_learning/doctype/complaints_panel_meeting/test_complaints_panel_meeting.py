# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaints Panel Meeting: frozen figures, the chair's approval, the minutes and the panel's view."""

import frappe
from frappe.utils import add_days, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_learning.panel_figures import figures
from jlc_frappe.tests.fixtures import (
	act,
	api_token,
	complaint_in_state,
	delete_committed,
	ensure_users,
	make_complaint,
	make_learning_action,
	rest,
)

CONFIDENTIAL = "Panel Meeting Confidential Items"
PERIOD = ("2021-04-01", "2021-04-30")


class TestPanelMeeting(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def make_meeting(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Complaints Panel Meeting",
				"meeting_date": today(),
				"chair": self.users["leader"],
				"period_from": PERIOD[0],
				"period_to": PERIOD[1],
				"attendees": [{"user": self.users["panel"], "present": 1, "role_at_meeting": "Lay member"}],
				**values,
			}
		).insert()

	def test_chair_is_a_senior_leader(self):
		self.assertRaises(frappe.ValidationError, self.make_meeting, chair=self.users["handler"])

	def test_titled_by_date_and_chair(self):
		meeting = self.make_meeting()
		self.assertEqual(meeting.get_title(), f"Panel {frappe.utils.formatdate(today())}, chaired by Leader")

	def test_snapshot_matches_hand_counted_data_and_stays_frozen(self):
		before = figures(*PERIOD)
		with self.freeze_time("2021-04-10 10:00:00.123456"):
			act(make_complaint(received_on="2021-04-06"), "Resolve Early")
			act(act(make_complaint(received_on="2021-04-07"), "Acknowledge"), "Investigate")
			complaint_in_state("Closed", received_on="2021-04-08")  # one aspect, upheld
			# on the investigation route but not yet investigated: not "under investigation"
			act(make_complaint(received_on="2021-04-09", route="Investigation"), "Acknowledge")
		with self.freeze_time("2021-05-20 10:00:00.123456"):
			make_complaint(
				received_on="2021-05-15"
			)  # outside the period, but its acknowledgement is overdue now
		make_learning_action(self.users["staff"], due_date=add_days(today(), -3))  # open and overdue
		after = figures(*PERIOD)
		delta = {key: after[key] - before[key] for key in after}
		self.assertEqual(
			delta,
			{
				"received": 4,
				"resolved_early": 1,
				"under_investigation": 1,
				"closed_upheld": 1,
				"closed_partially_upheld": 0,
				"closed_not_upheld": 0,
				"overdue_acknowledgements": 1,
				"overdue_responses": 0,
				"open_learning_actions": 1,
				"overdue_learning_actions": 1,
			},
		)
		meeting = act(self.make_meeting(), "Hold Meeting", self.users["leader"])
		self.assertEqual({key: meeting.get("snap_" + key) for key in after}, after)
		with self.freeze_time("2021-04-20 10:00:00.123456"):
			make_complaint(received_on="2021-04-20")
		meeting.reload()
		self.assertEqual(meeting.snap_received, after["received"], "the figures are frozen at the meeting")
		self.assertEqual(figures(*PERIOD)["received"], after["received"] + 1)

	def test_only_the_chair_approves_the_minutes(self):
		action = make_learning_action(self.users["staff"])
		meeting = self.make_meeting(actions_reviewed=[{"learning_action": action.name}])
		meeting = act(meeting, "Hold Meeting", self.users["manager"])
		self.assertEqual(meeting.actions_reviewed[0].status_at_meeting, "Proposed")
		self.assertRaises(frappe.ValidationError, act, meeting, "Approve Minutes", self.users["leader2"])
		self.assertRaises(frappe.ValidationError, act, meeting, "Approve Minutes", self.users["panel"])
		approved = act(meeting, "Approve Minutes", self.users["leader"])
		self.assertEqual(
			(approved.workflow_state, approved.minutes_approved_by),
			("Minutes Approved", self.users["leader"]),
		)
		approved.minutes = "Changed after approval"
		self.assertRaises(frappe.ValidationError, approved.save)

	def test_who_holds_the_meeting_and_raises_actions_from_it(self):
		from jlc_frappe.jlc_learning.learning_sources import new_learning_action

		for role, allowed in (
			("manager", True),
			("leader", True),
			("panel", False),
			("handler", False),
			("rp", False),
			("staff", False),
		):
			with self.subTest(role=role):
				meeting = self.make_meeting()
				if allowed:
					self.assertEqual(act(meeting, "Hold Meeting", self.users[role]).workflow_state, "Held")
				else:
					self.assertRaises(
						(frappe.ValidationError, frappe.PermissionError),
						act,
						meeting,
						"Hold Meeting",
						self.users[role],
					)
		draft = frappe._dict(new_learning_action(meeting.doctype, meeting.name))
		self.assertEqual(
			[(s.source_doctype, s.source_name) for s in draft.sources], [(meeting.doctype, meeting.name)]
		)

	def test_minutes_print_without_confidential_items(self):
		complaint = make_complaint(patient_name="Peter Patient")
		meeting = self.make_meeting(
			cases=[{"complaint": complaint.name, "why_selected": "Repeated theme"}],
			minutes="Panel agreed hourly comfort rounds",
		)
		frappe.get_doc(
			{
				"doctype": CONFIDENTIAL,
				"meeting": meeting.name,
				"confidential_items": "Staff member under review",
			}
		).insert()
		meeting = act(meeting, "Hold Meeting", self.users["leader"])
		html = frappe.get_print(meeting.doctype, meeting.name, print_format="Complaints Panel Minutes")
		for expected in (
			"Figures the panel reviewed",
			complaint.name,
			"Repeated theme",
			"hourly comfort rounds",
		):
			self.assertIn(expected, html)
		for hidden in ("Staff member under review", "Peter Patient"):
			self.assertNotIn(hidden, html)


class TestPanelMemberView(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = u = ensure_users()
		patient = {"patient_name": "Peter Patient", "nhs_number": "9434765919"}
		cls.on_agenda = make_complaint(**patient)
		cls.not_on_agenda = make_complaint(**patient)
		cls.meeting = frappe.get_doc(
			{
				"doctype": "Complaints Panel Meeting",
				"meeting_date": today(),
				"chair": u["leader"],
				"period_from": PERIOD[0],
				"period_to": PERIOD[1],
				"attendees": [{"user": u["panel"], "present": 1}],
				"cases": [{"complaint": cls.on_agenda.name}],
			}
		).insert()
		cls.confidential = frappe.get_doc(
			{
				"doctype": CONFIDENTIAL,
				"meeting": cls.meeting.name,
				"confidential_items": "Closed session note",
			}
		).insert()
		cls.token = api_token(u["panel"])
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		delete_committed(cls.confidential, cls.meeting, cls.on_agenda, cls.not_on_agenda)
		super().tearDownClass()

	def test_agenda_cases_without_patient_identifiers(self):
		got = rest("GET", f"/api/resource/Complaint/{self.on_agenda.name}", self.token)
		self.assertEqual(got.status_code, 200, got.json)
		self.assertFalse(got.json["data"].get("nhs_number") or got.json["data"].get("patient_name"))
		self.assertEqual(
			rest("GET", f"/api/resource/Complaint/{self.not_on_agenda.name}", self.token).status_code, 403
		)
		meeting = rest("GET", f"/api/resource/Complaints Panel Meeting/{self.meeting.name}", self.token)
		self.assertEqual(meeting.status_code, 200, meeting.json)
		self.assertFalse(meeting.json["data"].get("confidential_items"))
		secret = rest("GET", f"/api/resource/{CONFIDENTIAL}/{self.meeting.name}", self.token)
		self.assertEqual(secret.status_code, 403, secret.json)
