# Copyright (c) 2026, JLC developers. License: MIT.
"""Complaints timeliness on a hand-counted quarter (July to September 2023, when nothing else on a test site is).

Working days (England): 3 Jul to 17 Jul 2023 = 10; 2 Aug to 11 Aug = 7; 1 Aug to 29 Sep = 42 (28 Aug is the
summer bank holiday)."""

import frappe
from frappe.desk.query_report import run
from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import timeliness
from jlc_frappe.jlc_complaints.complaint_deadlines import refresh_response_working_days
from jlc_frappe.jlc_complaints.report.complaints_timeliness.complaints_timeliness import execute
from jlc_frappe.tests.fixtures import ensure_users, make_complaint

PERIOD = {"from_date": "2023-07-01", "to_date": "2023-09-30"}
TO_RESPONSE = ("Investigate", "Submit for Sign-off", "Sign Off", "Send Response")


def at(moment: str):
	"""The test case's clock, for setUpClass (FrappeTestCase.freeze_time does not use its instance)."""
	return JLCTestCase.freeze_time(None, moment)


def rate(count: int, of: int, percent: float | None) -> dict:
	return {"count": count, "of": of, "percent": percent}


def complaint(received: str, areas=(), acknowledged: str | None = None, sent: str | None = None, **values):
	"""A complaint received on `received` with one aspect per service area in `areas`, acknowledged and its
	response sent (as Administrator) on the days given."""
	subject = frappe.get_all("Complaint Subject Area", filters={"active": 1}, pluck="name", limit=1)[0]
	with at(f"{received} 10:00:00.123456"):
		doc = make_complaint(received_on=received, **values)
		for area in areas:
			doc.append("aspects", {"subject_area": subject, "service_area": area, "outcome": "Upheld"})
		doc.save()
	if acknowledged:
		with at(f"{acknowledged} 10:00:00.123456"):
			doc = apply_workflow(doc, "Acknowledge")
	if sent:
		with at(f"{sent} 10:00:00.123456"):
			for action in TO_RESPONSE:
				doc = apply_workflow(doc, action)
	return frappe.get_doc("Complaint", doc.name)


class TestComplaintsTimeliness(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		a, b = frappe.get_all(
			"Complaint Service Area", filters={"active": 1}, pluck="name", order_by="name", limit=2
		)
		cls.b_record = b
		cls.a, cls.b = (frappe.db.get_value("Complaint Service Area", area, "code") for area in (a, b))
		# the same KO41a service area as `a`, the record of another reporting year: counted with it
		a_2023 = frappe.get_doc(
			{
				"doctype": "Complaint Service Area",
				"title": frappe.db.get_value("Complaint Service Area", a, "title"),
				"code": cls.a,
				"reporting_year": "2023-24",
				"active": 0,
			}
		).insert()
		# July: two received Mon 3 Jul (one naming A twice and B), answered 17 Jul (10 working days each);
		# one received Mon 10 Jul in B, acknowledged late on 17 Jul (due Thu 13 Jul), no response yet
		complaint("2023-07-03", [a, a, b], acknowledged="2023-07-05", sent="2023-07-17")
		complaint("2023-07-03", [a_2023.name], acknowledged="2023-07-04", sent="2023-07-17")
		complaint("2023-07-10", [b], acknowledged="2023-07-17")
		# August: one in A answered late on 29 Sep (42 working days, due in 40); one in B answered on 11 Aug
		# (7 working days)
		cls.late = complaint("2023-08-01", [a], acknowledged="2023-08-02", sent="2023-09-29")
		complaint("2023-08-02", [b], acknowledged="2023-08-03", sent="2023-08-11")
		# September: one with no service area yet, not acknowledged by 12 Sep (overdue); one outside the
		# Regulations; and one received on 30 June, outside the period
		overdue = complaint("2023-09-04")
		with at("2023-09-12 10:00:00.123456"):
			overdue.save()
		complaint("2023-09-04", not_under_regulations_reason="Freedom of Information request")
		complaint("2023-06-30", [a], acknowledged="2023-07-03", sent="2023-07-04")

	def test_the_late_response_was_late(self):
		self.assertLess(str(self.late.response_due), "2023-09-29", "the data set's premise")

	def test_working_days_to_respond_are_stored_and_follow_the_closure_days(self):
		self.assertEqual(self.late.response_working_days, 42)
		settings = frappe.get_doc("JLC Settings")
		settings.append("closure_days", {"closure_date": "2023-08-15", "description": "Trust closure"})
		settings.save()
		try:
			refresh_response_working_days()  # what saving the settings queues on the long queue
			self.assertEqual(frappe.db.get_value("Complaint", self.late.name, "response_working_days"), 41)
			self.assertEqual(
				timeliness.figures("2023-08-01", "2023-08-31")["rows"][0]["median_working_days"], 24
			)
		finally:
			settings.closure_days = [d for d in settings.closure_days if str(d.closure_date) != "2023-08-15"]
			settings.save()
			refresh_response_working_days()
		self.assertEqual(frappe.db.get_value("Complaint", self.late.name, "response_working_days"), 42)

	def test_figures_by_month_on_hand_counted_data(self):
		figures = timeliness.figures(PERIOD["from_date"], PERIOD["to_date"])
		self.assertEqual(
			figures["total"],
			{
				"key": None,
				"label": None,
				"received": 6,
				"acknowledged_on_time": rate(4, 6, 66.7),  # 3 Jul x2, 1 and 2 Aug; late 10 Jul, overdue 4 Sep
				"responded_on_time": rate(3, 4, 75.0),
				"response_overdue": 0,
				"median_working_days": 10,  # 7, 10, 10, 42
			},
		)
		months = {row["key"]: row for row in figures["rows"]}
		self.assertEqual(list(months), ["2023-07", "2023-08", "2023-09"], "every month, in order")
		july, august, september = months.values()
		self.assertEqual(
			(july["received"], july["acknowledged_on_time"], july["responded_on_time"]),
			(3, rate(2, 3, 66.7), rate(2, 2, 100.0)),
		)
		self.assertEqual(july["median_working_days"], 10)
		self.assertEqual(
			(august["received"], august["acknowledged_on_time"], august["responded_on_time"]),
			(2, rate(2, 2, 100.0), rate(1, 2, 50.0)),
		)
		self.assertEqual(august["median_working_days"], 24.5, "the mean of 7 and 42")
		self.assertEqual(
			(september["received"], september["acknowledged_on_time"], september["responded_on_time"]),
			(1, rate(0, 1, 0.0), rate(0, 0, None)),
		)
		self.assertIsNone(september["median_working_days"], "no response sent")

	def test_figures_by_service_area_count_each_complaint_once_per_area(self):
		figures = timeliness.figures(PERIOD["from_date"], PERIOD["to_date"], group_by=timeliness.SERVICE_AREA)
		areas = {row["key"]: row for row in figures["rows"]}
		self.assertEqual(list(areas), [self.a, self.b, None], "KO41a codes by title; no service area last")
		self.assertEqual(
			(
				areas[self.a]["received"],
				areas[self.a]["acknowledged_on_time"],
				areas[self.a]["responded_on_time"],
			),
			(3, rate(3, 3, 100.0), rate(2, 3, 66.7)),
		)
		self.assertEqual(areas[self.a]["median_working_days"], 10)  # 10, 10, 42
		self.assertEqual(
			(
				areas[self.b]["received"],
				areas[self.b]["acknowledged_on_time"],
				areas[self.b]["responded_on_time"],
			),
			(3, rate(2, 3, 66.7), rate(2, 2, 100.0)),
		)
		self.assertEqual(areas[self.b]["median_working_days"], 8.5)  # 7, 10
		self.assertEqual((areas[None]["received"], areas[None]["acknowledged_on_time"]), (1, rate(0, 1, 0.0)))
		self.assertEqual(figures["total"]["received"], 6, "the total counts each complaint once")
		only_b = timeliness.figures(**PERIOD, service_area=self.b, group_by=timeliness.SERVICE_AREA)
		self.assertEqual([row["key"] for row in only_b["rows"]], [self.b])

	def test_filtered_by_service_area(self):
		figures = timeliness.figures(**PERIOD, service_area=self.b)
		self.assertEqual(figures["total"]["received"], 3)
		self.assertEqual(figures["total"]["median_working_days"], 8.5)
		july, august, september = figures["rows"]
		self.assertEqual(
			(july["received"], july["acknowledged_on_time"], july["responded_on_time"]),
			(2, rate(1, 2, 50.0), rate(1, 1, 100.0)),
		)
		self.assertEqual((august["received"], august["median_working_days"]), (1, 7))
		self.assertEqual(september["received"], 0)
		by_record = timeliness.figures(**PERIOD, service_area=self.b_record)
		self.assertEqual(by_record["total"], figures["total"], "a service area's record or its code")

	def test_report_shows_the_figures_and_no_identity(self):
		with self.set_user(self.users["leader"]):
			columns, rows, message, chart, summary = execute({**PERIOD, "group_by": "month"})
		self.assertEqual([row["label"] for row in rows], ["2023-07", "2023-08", "2023-09"])
		self.assertEqual([row["ack_percent"] for row in rows], [66.7, 100.0, 0.0])
		self.assertEqual(chart["data"]["labels"], ["2023-07", "2023-08", "2023-09"])
		self.assertEqual(chart["data"]["datasets"][1]["values"], [100.0, 50.0, 0])
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(cards["Received"], 6)
		self.assertEqual(cards["Acknowledged on time"], "66.7% (4/6)")
		self.assertEqual(cards["Responded by the agreed date"], "75.0% (3/4)")
		self.assertEqual(cards["Median working days to response"], 10)
		self.assertEqual(len(columns), 10)
		self.assertNotIn("Ann Example", frappe.as_json(rows) + message, "no person's identity")
		_columns, rows, *_rest = execute({**PERIOD, "group_by": "service_area"})
		self.assertEqual(rows[-1]["label"], "No service area recorded")
		area = frappe.db.get_value("Complaint Service Area", self.b_record, "title")
		for service_area in (self.b, self.b_record):  # its code or one year's record
			message = execute({**PERIOD, "service_area": service_area})[2]
			self.assertIn(f"(service area: {area})", message, "the title names the service area filtered on")

	def test_roles_that_may_open_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": "Complaints Timeliness"}, pluck="role"))
		self.assertEqual(
			roles, {"Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member"}
		)
		report = frappe.get_doc("Report", "Complaints Timeliness")
		for user in ("staff", "handler", "safety"):
			with self.set_user(self.users[user]):
				self.assertFalse(report.is_permitted(), user)
				self.assertRaises(frappe.PermissionError, run, "Complaints Timeliness", filters=PERIOD)
		for user in ("manager", "rp", "leader"):
			with self.set_user(self.users[user]):
				self.assertTrue(report.is_permitted(), user)
				self.assertTrue(run("Complaints Timeliness", filters=PERIOD)["result"], user)

	def test_a_panel_member_can_run_it(self):
		"""Frappe runs a report only for those with `report` rights on its ref_doctype (Complaint)."""
		with self.set_user(self.users["panel"]):
			self.assertTrue(frappe.get_doc("Report", "Complaints Timeliness").is_permitted())
			run("Complaints Timeliness", filters=PERIOD)
			run("Board Complaints Report", filters=PERIOD)
