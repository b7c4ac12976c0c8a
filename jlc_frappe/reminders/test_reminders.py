# Copyright (c) 2026, JLC developers. License: MIT.
"""Reminders and event notices on a real site: sent once across reruns and again after a date change, to those
who may read the record, in the app always and by email unless the person turned emails off."""

import email
from datetime import date

import frappe
from frappe.utils import add_days, getdate

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_calendar
from jlc_frappe.reminders import send_due_reminders
from jlc_frappe.reminders.settings import kind_settings
from jlc_frappe.rules import reminders as kinds
from jlc_frappe.tests.fixtures import (
	act,
	complaint_in_state,
	ensure_users,
	make_complaint,
	make_incident,
	make_learning_action,
	outgoing_email_account,
)

COMPLAINANT = "Ann Example"  # fixtures.complaint_values: never in a notice
SUMMARY = "Waited nine hours in the emergency department"


class NoticeTestCase(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def setUp(self):
		# Emails are queued (Email Queue) through an outgoing account made here (rolled back with the test
		# class) and never sent: muted, Frappe neither connects nor commits to record a send.
		muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		self.addCleanup(setattr, frappe.flags, "mute_emails", muted)
		outgoing_email_account("JLC Reminders Test")
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})

	def logs(self, name: str, user: str) -> list[str]:
		return frappe.get_all(
			"Notification Log", filters={"document_name": name, "for_user": user}, pluck="subject"
		)

	def email_text(self, user: str) -> str:
		"""Every queued email to `user`, decoded (text and HTML parts)."""
		address = frappe.db.get_value("User", user, "email")
		queues = frappe.get_all("Email Queue Recipient", filters={"recipient": address}, pluck="parent")
		texts = []
		for message in frappe.get_all("Email Queue", filters={"name": ("in", queues)}, pluck="message"):
			for part in email.message_from_string(message).walk():
				if part.get_content_type() in ("text/plain", "text/html"):
					texts.append(part.get_payload(decode=True).decode())
		return "\n".join(texts)

	def set_email_notifications(self, user: str, **values):
		if not frappe.db.exists("Notification Settings", user):
			frappe.get_doc({"doctype": "Notification Settings", "name": user}).insert(ignore_permissions=True)
		before = frappe.db.get_value("Notification Settings", user, list(values), as_dict=True)
		frappe.db.set_value("Notification Settings", user, values)
		self.addCleanup(frappe.db.set_value, "Notification Settings", user, before)


def _mine(sent, doc) -> list[tuple[str, str, date]]:
	return sorted((r.kind, r.recipient, r.deadline) for r in sent if r.name == doc.name)


def _before(due: str, kind: str) -> str:
	"""The working day a BEFORE kind is first sent for a deadline (the site's lead time)."""
	days = kind_settings()[kind].days_before
	return str(get_calendar().add_working_days(getdate(due), -days))


class TestDailyReminders(NoticeTestCase):
	def test_acknowledgement_reminded_once_then_overdue_once(self):
		handler, manager = self.users["handler"], self.users["manager"]
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=handler)  # acknowledgement due Thu 5 Nov
		due = date(2026, 11, 5)
		self.assertEqual(_mine(send_due_reminders("2026-11-03"), doc), [], "not yet")
		self.assertEqual(
			_mine(send_due_reminders("2026-11-04"), doc), [(kinds.ACKNOWLEDGEMENT_DUE, handler, due)]
		)
		self.assertEqual(_mine(send_due_reminders("2026-11-04"), doc), [], "a rerun sends nothing")
		self.assertEqual(_mine(send_due_reminders("2026-11-05"), doc), [], "nor the next day")

		overdue = _mine(send_due_reminders("2026-11-06"), doc)
		self.assertIn((kinds.ACKNOWLEDGEMENT_OVERDUE, handler, due), overdue)
		self.assertIn((kinds.ACKNOWLEDGEMENT_OVERDUE, manager, due), overdue, "every Complaints Manager")
		self.assertEqual({kind for kind, _user, _due in overdue}, {kinds.ACKNOWLEDGEMENT_OVERDUE})
		for day in ("2026-11-06", "2026-11-09", "2026-11-10"):
			self.assertEqual(_mine(send_due_reminders(day), doc), [], f"sent once: {day}")

		sent = frappe.get_all(
			"JLC Reminder Sent",
			filters={"reference_name": doc.name},
			fields=["kind", "recipient", "deadline"],
		)
		self.assertEqual(len(sent), 1 + len(overdue))
		reminded = [s for s in self.logs(doc.name, handler) if "cknowledge" in s]
		self.assertEqual(len(reminded), 2, "in the app: due, then overdue")

	def test_response_reminded_again_after_the_date_moves(self):
		handler = self.users["handler"]
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=handler)
			doc = act(doc, "Acknowledge")
			doc.change_response_due("2026-11-20", "2026-11-02", "Agreed on the phone")
		first_run = _before("2026-11-20", kinds.RESPONSE_DUE_SOON)
		self.assertEqual(
			_mine(send_due_reminders(first_run), doc),
			[(kinds.RESPONSE_DUE_SOON, handler, date(2026, 11, 20))],
		)
		self.assertEqual(_mine(send_due_reminders(add_days(first_run, 1)), doc), [])

		with self.freeze_time("2026-11-17 09:00:00.123456"):
			frappe.get_doc("Complaint", doc.name).change_response_due(
				"2026-12-18", "2026-11-17", "The complainant agreed more time for the investigation"
			)
		self.assertEqual(_mine(send_due_reminders("2026-11-18"), doc), [], "the new date is not close yet")
		second_run = _before("2026-12-18", kinds.RESPONSE_DUE_SOON)
		self.assertEqual(
			_mine(send_due_reminders(second_run), doc),
			[(kinds.RESPONSE_DUE_SOON, handler, date(2026, 12, 18))],
			"the moved deadline is reminded again",
		)
		self.assertEqual(_mine(send_due_reminders(second_run), doc), [])
		deadlines = frappe.get_all(
			"JLC Reminder Sent",
			filters={"reference_name": doc.name, "kind": kinds.RESPONSE_DUE_SOON},
			pluck="deadline",
			order_by="deadline",
		)
		self.assertEqual(deadlines, [date(2026, 11, 20), date(2026, 12, 18)])

	def test_the_database_refuses_a_second_record_of_the_same_reminder(self):
		from jlc_frappe.reminders.daily import _record

		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=self.users["handler"])
		reminder = kinds.Reminder(
			"Complaint", doc.name, kinds.ACKNOWLEDGEMENT_DUE, date(2026, 11, 5), self.users["handler"]
		)
		_record([reminder])
		with self.assertRaises(Exception) as refused:
			_record([reminder])
		self.assertTrue(frappe.db.is_unique_key_violation(refused.exception))

	def test_no_handler_the_managers_are_reminded(self):
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02")
		sent = _mine(send_due_reminders("2026-11-04"), doc)
		self.assertIn((kinds.ACKNOWLEDGEMENT_DUE, self.users["manager"], date(2026, 11, 5)), sent)

	def test_settings_turn_a_kind_off_and_change_its_lead_time(self):
		settings = frappe.get_single("JLC Settings")
		row = next(r for r in settings.reminder_kinds if r.kind == kinds.ACKNOWLEDGEMENT_DUE)
		self.addCleanup(self._restore_kind, kinds.ACKNOWLEDGEMENT_DUE, row.enabled, row.days_before)
		row.enabled = 0
		settings.save()
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=self.users["handler"])
		self.assertEqual(_mine(send_due_reminders("2026-11-04"), doc), [], "turned off")
		settings.reload()
		row = next(r for r in settings.reminder_kinds if r.kind == kinds.ACKNOWLEDGEMENT_DUE)
		row.enabled, row.days_before = 1, 3
		settings.save()
		self.assertEqual(len(_mine(send_due_reminders("2026-11-02"), doc)), 1, "three working days before")

	def _restore_kind(self, kind, enabled, days):
		settings = frappe.get_single("JLC Settings")
		row = next(r for r in settings.reminder_kinds if r.kind == kind)
		row.enabled, row.days_before = enabled, days
		settings.save()

	def test_settings_refuse_a_kind_twice(self):
		settings = frappe.get_single("JLC Settings")
		settings.append("reminder_kinds", {"kind": kinds.CQC_REQUEST_DUE, "enabled": 1, "days_before": 2})
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_learning_action_owner_reminded_before_and_after(self):
		staff = self.users["staff"]
		action = make_learning_action(staff, due_date="2026-12-11")
		soon = _before("2026-12-11", kinds.ACTION_DUE_SOON)
		self.assertEqual(
			_mine(send_due_reminders(soon), action), [(kinds.ACTION_DUE_SOON, staff, date(2026, 12, 11))]
		)
		self.assertEqual(
			_mine(send_due_reminders("2026-12-14"), action),
			[(kinds.ACTION_OVERDUE, staff, date(2026, 12, 11))],
		)
		self.assertIn(action.title, self.email_text(staff))

	def test_candour_assessment_open_and_notification_overdue(self):
		safety = self.users["safety"]
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			incident = make_incident(
				reported_on="2026-11-02", occurred_on="2026-11-01", physical_harm="Moderate"
			)
		candour = frappe.get_doc("Candour Notification", {"incident": incident.name})
		due = getdate(candour.contractual_due)  # 10 working days after it was reported
		self.assertEqual(due, date(2026, 11, 16))
		opened = _mine(send_due_reminders(_before("2026-11-16", kinds.CANDOUR_ASSESSMENT_OPEN)), candour)
		self.assertIn((kinds.CANDOUR_ASSESSMENT_OPEN, safety, due), opened, "every Patient Safety Lead")
		self.assertEqual({kind for kind, _user, _due in opened}, {kinds.CANDOUR_ASSESSMENT_OPEN})
		overdue = _mine(send_due_reminders("2026-11-17"), candour)
		self.assertIn((kinds.CANDOUR_OVERDUE, safety, due), overdue)
		self.assertEqual({kind for kind, _user, _due in overdue}, {kinds.CANDOUR_OVERDUE})
		subjects = " ".join(self.logs(candour.name, safety))
		self.assertIn(candour.name, subjects)

	def test_cqc_request_owner_reminded_unless_they_may_not_read_it(self):
		rp, leader = self.users["rp"], self.users["leader"]
		period = {"period_from": "2026-04-01", "period_to": "2026-10-31"}
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			request = frappe.get_doc(
				{
					"doctype": "CQC Request",
					"regulation": "Regulation 16",
					"received_on": "2026-11-02",
					**period,
				}
			)
			request.owner_user = rp
			request.insert()
			hidden = frappe.get_doc(
				{
					"doctype": "CQC Request",
					"regulation": "Regulation 16",
					"received_on": "2026-11-02",
					**period,
				}
			)
			hidden.owner_user = leader
			hidden.insert()
			# the leader is named as staff involved in a complaint of the period: the request is not theirs to read
			make_complaint(received_on="2026-05-05", staff_involved=[{"user": leader}])
		due = getdate(request.due_on)
		day = _before(str(due), kinds.CQC_REQUEST_DUE)
		sent = send_due_reminders(day)
		self.assertEqual(_mine(sent, request), [(kinds.CQC_REQUEST_DUE, rp, due)])
		self.assertEqual(_mine(sent, hidden), [], "never to someone who may not read it")


class TestEmailSettings(NoticeTestCase):
	def test_email_off_still_gets_the_notice_in_the_app(self):
		handler, manager = self.users["handler"], self.users["manager"]
		self.set_email_notifications(handler, enable_email_notifications=0)
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=handler)
		send_due_reminders("2026-11-06")
		overdue = [s for s in self.logs(doc.name, handler) if "acknowledgement was due" in s]
		self.assertEqual(len(overdue), 1, "in the app, whatever the email setting")
		self.assertNotIn(doc.name, self.email_text(handler), "no email to someone who turned them off")
		to_manager = self.email_text(manager)
		self.assertIn(doc.name, to_manager)
		self.assertIn(f"/app/complaint/{doc.name}", to_manager, "a link to the record")
		self.assertIn(SUMMARY, to_manager)
		self.assertNotIn(COMPLAINANT, to_manager)

	def test_notifications_off_still_get_the_reminder_in_the_app(self):
		handler = self.users["handler2"]
		self.set_email_notifications(handler, enabled=0)
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			doc = make_complaint(received_on="2026-11-02", handler=handler)
		send_due_reminders("2026-11-04")
		self.assertTrue(any("Acknowledge complaint" in s for s in self.logs(doc.name, handler)))


class TestComplaintEvents(NoticeTestCase):
	def test_new_complaint_tells_the_managers_with_the_summary_only(self):
		doc = make_complaint(as_user=self.users["staff"])
		subjects = self.logs(doc.name, self.users["manager"])
		self.assertEqual(len(subjects), 1)
		self.assertIn(SUMMARY, subjects[0])
		self.assertNotIn(COMPLAINANT, subjects[0])
		email_to_manager = self.email_text(self.users["manager"])
		self.assertIn(doc.name, email_to_manager)
		self.assertNotIn(COMPLAINANT, email_to_manager)
		self.assertEqual(self.logs(doc.name, self.users["staff"]), [], "not the one who logged it")

	def test_assignment_tells_the_new_handler(self):
		doc = make_complaint(handler=self.users["handler"])
		self.assertTrue(any("assigned to you" in s for s in self.logs(doc.name, self.users["handler"])))
		doc.handler = self.users["handler2"]
		doc.save()
		self.assertTrue(any("assigned to you" in s for s in self.logs(doc.name, self.users["handler2"])))

	def test_sign_off_round_trip(self):
		handler, rp = self.users["handler"], self.users["rp"]
		doc = complaint_in_state("Under Investigation", handler=handler)
		act(doc, "Submit for Sign-off", as_user=handler)
		self.assertTrue(any("ready for sign-off" in s for s in self.logs(doc.name, rp)))
		self.assertFalse(any("ready for sign-off" in s for s in self.logs(doc.name, handler)))
		act(doc, "Return for Changes", as_user=rp)
		self.assertTrue(any("returned for changes" in s for s in self.logs(doc.name, handler)))
		act(doc, "Submit for Sign-off", as_user=handler)
		act(doc, "Sign Off", as_user=rp)
		self.assertTrue(any("signed off" in s for s in self.logs(doc.name, handler)))
		self.assertIn(doc.name, self.email_text(handler))

	def test_serious_complaint_tells_senior_leaders_not_one_named_in_it(self):
		leader, named = self.users["leader2"], self.users["leader"]
		doc = make_complaint(severity="High", staff_involved=[{"user": named}])
		subjects = self.logs(doc.name, leader)
		self.assertEqual(len(subjects), 1)
		self.assertIn("severity High", subjects[0])
		self.assertIn(SUMMARY, subjects[0], "with the summary, not only the reference")
		self.assertNotIn(COMPLAINANT, subjects[0])
		self.assertIn(SUMMARY, self.email_text(leader))
		self.assertEqual(self.logs(doc.name, named), [], "never a Senior Leader named as staff involved")
		self.assertNotIn(doc.name, self.email_text(named))


class TestReminderSentReaders(NoticeTestCase):
	def test_rows_read_by_managers_and_by_system_managers_only_about_records_they_read(self):
		sysmgr = self.users["sysmgr"]
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			named = make_complaint(received_on="2026-11-02", staff_involved=[{"user": sysmgr}])
			other = make_complaint(received_on="2026-11-02")
		send_due_reminders("2026-11-04")
		rows = {
			name: frappe.get_all("JLC Reminder Sent", filters={"reference_name": name}, pluck="name")[0]
			for name in (named.name, other.name)
		}
		for user, readable in (
			(self.users["manager"], {named.name, other.name}),
			(sysmgr, {other.name}),
			(self.users["handler"], set()),
			(self.users["leader"], set()),
		):
			with self.subTest(user=user):
				may = {
					record
					for record, row in rows.items()
					if frappe.has_permission("JLC Reminder Sent", "read", doc=row, user=user)
				}
				self.assertEqual(may, readable)
				if readable:
					with self.set_user(user):
						listed = frappe.get_list(
							"JLC Reminder Sent",
							filters={"reference_name": ("in", list(rows))},
							pluck="reference_name",
						)
					self.assertEqual(set(listed), readable)


class TestReminderKindsSeeded(JLCTestCase):
	def test_every_kind_listed_once_and_seeding_again_changes_nothing(self):
		from jlc_frappe.reminders.settings import seed_reminder_kinds

		def rows():
			settings = frappe.get_single("JLC Settings")
			return sorted((r.kind, r.enabled, r.days_before) for r in settings.reminder_kinds)

		listed = rows()
		self.assertEqual(sorted(kind for kind, _on, _days in listed), sorted(k.name for k in kinds.KINDS))
		seed_reminder_kinds()
		self.assertEqual(rows(), listed)
		settings = frappe.get_single("JLC Settings")
		settings.reminder_kinds = [r for r in settings.reminder_kinds if r.kind != kinds.CQC_REQUEST_OVERDUE]
		settings.save()
		seed_reminder_kinds()  # a kind missing (a new one, or a site's deleted row) comes back with its defaults
		self.assertEqual(rows(), listed)


class TestWithoutEmailAccount(JLCTestCase):
	def test_notices_in_the_app_when_the_site_cannot_email(self):
		if frappe.db.exists("Email Account", {"enable_outgoing": 1}):
			self.skipTest("this site has an outgoing email account")
		users = ensure_users()
		muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True  # as the demo loader does
		self.addCleanup(setattr, frappe.flags, "mute_emails", muted)
		frappe.local.outgoing_email_account = {}
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			# no handler: Frappe's own assignment email fails on its muted stand-in account (not JLC's to mend)
			doc = make_complaint(received_on="2026-11-02")
		self.assertTrue(logged := frappe.get_all("Notification Log", filters={"document_name": doc.name}))
		sent = _mine(send_due_reminders("2026-11-06"), doc)
		self.assertIn((kinds.ACKNOWLEDGEMENT_OVERDUE, users["manager"], date(2026, 11, 5)), sent)
		self.assertGreater(
			len(frappe.get_all("Notification Log", filters={"document_name": doc.name})), len(logged)
		)
		self.assertTrue(frappe.db.exists("Error Log", {"method": "JLC reminders were not emailed"}))
