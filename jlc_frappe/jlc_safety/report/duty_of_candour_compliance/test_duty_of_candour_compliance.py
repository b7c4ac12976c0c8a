# Copyright (c) 2026, JLC developers. License: MIT.
"""Duty of candour compliance on a hand-counted quarter (April to June 2023, when nothing else on a test site is).

Contractual dates (10 working days from the report): 4 Apr 2023 -> 20 Apr (Good Friday and Easter Monday);
3 May -> 18 May (8 May, the coronation); 15 May -> 30 May (29 May); 7 Jun -> 21 Jun."""

import frappe
from frappe.desk.query_report import run

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import candour
from jlc_frappe.jlc_safety.report.duty_of_candour_compliance.duty_of_candour_compliance import execute
from jlc_frappe.tests.fixtures import act, ensure_users, make_complaint, make_incident

PERIOD = {"from_date": "2023-04-01", "to_date": "2023-06-30"}
ROW_FIELDS = {
	"name",
	"incident",
	"workflow_state",
	"contractual_status",
	"reported_on",
	"contractual_due",
	"notified_in_person_on",
	"written_notification_on",
	"findings_shared_on",
}


def at(moment: str):
	"""The test case's clock, for setUpClass (FrappeTestCase.freeze_time does not use its instance)."""
	return JLCTestCase.freeze_time(None, moment)


def rate(count: int, of: int, percent: float | None) -> dict:
	return {"count": count, "of": of, "percent": percent}


def step(doc, day: str, action: str | None = None, **values):
	"""On `day`, record `values` on the candour record and apply `action` (as Administrator)."""
	with at(f"{day} 11:00:00.123456"):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return act(doc, action) if action else doc


def reported(day: str, service_area: str | None = None, **incident):
	"""The candour record opened for a moderate harm incident reported on `day`."""
	with at(f"{day} 10:00:00.123456"):
		made = make_incident(
			reported_on=day, occurred_on=day, physical_harm="Moderate", service_area=service_area, **incident
		)
	return frappe.get_doc("Candour Notification", {"incident": made.name})


def notifiable(doc, day: str):
	return step(
		doc,
		day,
		"Decide Notifiable",
		notifiable="Yes",
		harm_category="Moderate Harm",
		assessed_by="Administrator",
	)


def in_person(day: str) -> dict:
	return {
		"notified_in_person_on": day,
		"notified_by": "Administrator",
		"apology_given": 1,
		"facts_account_given": 1,
		"further_enquiries_explained": 1,
	}


class TestDutyOfCandourCompliance(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		a, b = frappe.get_all(
			"Complaint Service Area", filters={"active": 1}, pluck="name", order_by="name", limit=2
		)
		cls.a, cls.b_code = a, frappe.db.get_value("Complaint Service Area", b, "code")
		# April: notified in person on time (12 Apr), in writing (14 Apr), findings shared and closed
		cls.on_time = notifiable(reported("2023-04-04", a, patient_name="Pat Example"), "2023-04-05")
		step(cls.on_time, "2023-04-12", "Record In-person Notification", **in_person("2023-04-12"))
		step(
			cls.on_time,
			"2023-04-14",
			"Record Written Notification",
			written_notification_on="2023-04-14",
			written_apology_given=1,
		)
		step(cls.on_time, "2023-05-30", "Record Findings Shared", findings_shared_on="2023-05-30")
		step(cls.on_time, "2023-05-31", "Close")
		# May: notified in person late (25 May, due 18 May); not notified by 20 June (overdue, due 30 May)
		cls.late = notifiable(reported("2023-05-03", b), "2023-05-03")
		step(cls.late, "2023-05-25", "Record In-person Notification", **in_person("2023-05-25"))
		cls.overdue = notifiable(reported("2023-05-15", a), "2023-05-15")
		step(cls.overdue, "2023-06-20")
		# June: decided not notifiable; unable to contact; raised from a complaint in B (due 21 Jun, not yet);
		# left in assessment
		step(
			reported("2023-06-01", a),
			"2023-06-01",
			"Decide Not Notifiable",
			notifiable="No",
			assessed_by="Administrator",
			assessment_rationale="No harm found on review",
		)
		attempt = [{"attempted_on": "2023-06-14 09:00:00", "method": "Telephone", "outcome": "No answer"}]
		cls.unreachable = unreachable = notifiable(reported("2023-06-13", b), "2023-06-13")
		step(unreachable, "2023-06-14", "Record Unable To Contact", contact_attempts=attempt)
		with at("2023-06-07 10:00:00.123456"):
			subject = frappe.get_all("Complaint Subject Area", filters={"active": 1}, pluck="name", limit=1)[
				0
			]
			complaint = make_complaint(received_on="2023-06-07", possible_significant_harm=1)
			complaint.append("aspects", {"subject_area": subject, "service_area": b})
			complaint.save()
		cls.from_complaint = notifiable(
			frappe.get_doc("Candour Notification", {"complaint": complaint.name}), "2023-06-07"
		)
		reported("2023-06-20", a)
		# outside the period: reported on 30 March
		notifiable(reported("2023-03-30", a), "2023-03-31")

	def test_figures_on_hand_counted_data(self):
		figures = candour.figures(**PERIOD)
		self.assertEqual(
			figures["total"],
			{
				"notifiable": 5,
				"notified_on_time": rate(1, 3, 33.3),  # done or due: on time, late, overdue
				"apology_in_person": rate(2, 2, 100.0),
				"written_with_apology": rate(1, 5, 20.0),
				"open": 4,
				"overdue": 1,
			},
		)
		april, may, june = figures["by_month"]
		self.assertEqual(
			april,
			{
				"month": "2023-04",
				"notifiable": 1,
				"notified_on_time": rate(1, 1, 100.0),
				"apology_in_person": rate(1, 1, 100.0),
				"written_with_apology": rate(1, 1, 100.0),
				"open": 0,
				"overdue": 0,
			},
		)
		self.assertEqual(
			(may["notifiable"], may["notified_on_time"], may["open"], may["overdue"]),
			(2, rate(0, 2, 0.0), 2, 1),
		)
		self.assertEqual(
			(june["notifiable"], june["notified_on_time"], june["written_with_apology"], june["open"]),
			(2, rate(0, 0, None), rate(0, 2, 0.0), 2),
		)

	def test_by_service_area_of_the_incident_or_the_complaint(self):
		in_a = candour.figures(**PERIOD, service_area=self.a)["total"]
		self.assertEqual(
			(in_a["notifiable"], in_a["notified_on_time"], in_a["open"], in_a["overdue"]),
			(2, rate(1, 2, 50.0), 1, 1),
		)
		in_b = candour.figures(**PERIOD, service_area=self.b_code)  # a KO41a code as well as a record
		self.assertEqual(
			{row["name"] for row in in_b["notifications"]},
			{self.late.name, self.unreachable.name, self.from_complaint.name},
		)
		self.assertEqual(in_b["total"]["notifiable"], 3)

	def test_notifications_name_no_person(self):
		with self.set_user(self.users["leader"]):
			columns, rows, message, chart, summary = execute(PERIOD)
		self.assertEqual(len(rows), 5)
		self.assertEqual(rows[0]["name"], self.overdue.name, "the running deadline first")
		for row in rows:
			self.assertEqual(set(row), ROW_FIELDS)
		self.assertNotIn("Pat Example", frappe.as_json(rows) + message, "no patient's identity")
		self.assertNotIn("Pat Example", frappe.as_json(candour.figures(**PERIOD)), "nor in the figures")
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(cards["Notified in person on time"], "33.3% (1/3)")
		self.assertEqual((cards["Notifiable incidents"], cards["Open"], cards["Overdue"]), (5, 4, 1))
		self.assertEqual(chart["data"]["labels"], ["2023-04", "2023-05", "2023-06"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 2, 2])

	def test_the_notifications_only_for_their_readers(self):
		with self.set_user(self.users["panel"]):  # may not read candour records
			self.assertEqual(candour.figures(**PERIOD)["notifications"], [])

	def test_roles_that_may_open_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": "Duty of Candour Compliance"}, pluck="role"))
		self.assertEqual(
			roles, {"Patient Safety Lead", "Complaints Manager", "Responsible Person", "Senior Leader"}
		)
		report = frappe.get_doc("Report", "Duty of Candour Compliance")
		for user in ("staff", "handler", "panel", "claims"):
			with self.set_user(self.users[user]):
				self.assertFalse(report.is_permitted(), user)
				self.assertRaises(frappe.PermissionError, run, "Duty of Candour Compliance", filters=PERIOD)
		for user in ("safety", "manager", "rp", "leader"):
			with self.set_user(self.users[user]):
				self.assertTrue(report.is_permitted(), user)
				self.assertTrue(run("Duty of Candour Compliance", filters=PERIOD)["result"], user)
