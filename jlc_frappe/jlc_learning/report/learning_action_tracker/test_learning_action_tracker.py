# Copyright (c) 2026, JLC developers. License: MIT.
"""The learning action tracker on hand-counted actions due October to December 2023 (when nothing else on a test
site is due)."""

import frappe
from frappe.desk.query_report import run

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import learning
from jlc_frappe.jlc_learning.report.learning_action_tracker.learning_action_tracker import execute
from jlc_frappe.tests.fixtures import act, ensure_users, make_learning_action

PERIOD = {"from_date": "2023-10-01", "to_date": "2023-12-31"}
ROW_FIELDS = {
	"name",
	"title",
	"action_owner_name",
	"theme",
	"service_area",
	"service_area_title",
	"workflow_state",
	"due_date",
	"due_status",
	"working_days_left",
}


def at(moment: str):
	"""The test case's clock, for setUpClass (FrappeTestCase.freeze_time does not use its instance)."""
	return JLCTestCase.freeze_time(None, moment)


def rate(count: int, of: int, percent: float | None) -> dict:
	return {"count": count, "of": of, "percent": percent}


def step(doc, day: str, action: str | None = None, **values):
	"""On `day`, record `values` on the action and apply `action` (as Administrator)."""
	with at(f"{day} 11:00:00.123456"):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return act(doc, action) if action else doc


def started(owner: str, due: str, **values):
	"""An action proposed, agreed and started on 2 Oct 2023."""
	with at("2023-10-02 10:00:00.123456"):
		doc = make_learning_action(owner, due_date=due, **values)
		return act(act(doc, "Agree"), "Start")


def counts(figures: dict) -> tuple:
	return tuple(
		figures[key] for key in ("actions", "open", "overdue", "done", "impact_verified", "cancelled")
	)


class TestLearningActionTracker(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = users = ensure_users()
		a, b = frappe.get_all(
			"Complaint Service Area", filters={"active": 1}, pluck="name", order_by="name", limit=2
		)
		cls.a, cls.b = (frappe.db.get_value("Complaint Service Area", area, "code") for area in (a, b))
		cls.t1, cls.t2 = frappe.get_all("Learning Theme", pluck="name", order_by="name", limit=2)
		staff, staff2 = users["staff"], users["staff2"]
		# done on time (18 Oct) and verified for impact (1 Nov)
		cls.verified = started(staff, "2023-10-20", theme=cls.t1, service_area=a)
		step(cls.verified, "2023-10-18", "Complete", evidence="Comfort rounds audited hourly")
		step(
			cls.verified,
			"2023-11-01",
			"Verify Impact",
			impact_measure="Audit of trolley waits",
			impact_result="All patients offered water",
		)
		# done late (20 Nov, due 15 Nov), impact not yet verified
		cls.done = started(staff, "2023-11-15", theme=cls.t1, service_area=b)
		step(cls.done, "2023-11-20", "Complete", evidence="Leaflet reprinted")
		# in progress and overdue on 5 Dec (due 30 Nov)
		cls.overdue = started(staff2, "2023-11-30", theme=cls.t2, service_area=a)
		step(cls.overdue, "2023-12-05")
		# proposed on 5 Dec, due 15 Dec, with no service area: 8 working days left
		with at("2023-12-05 10:00:00.123456"):
			cls.proposed = make_learning_action(staff2, due_date="2023-12-15", theme=cls.t2)
		# cancelled; and one due in January 2024, outside the period
		cancelled = started(staff, "2023-12-01", theme=cls.t1, service_area=a)
		step(cancelled, "2023-10-10", "Cancel", cancellation_reason="Replaced by a trust-wide action")
		started(staff, "2024-01-10", theme=cls.t1, service_area=a)

	def test_figures_on_hand_counted_data(self):
		figures = learning.figures(**PERIOD)
		self.assertEqual(counts(figures["total"]), (4, 2, 1, 2, rate(1, 2, 50.0), 1))
		by_owner = {row["key"]: row for row in figures["by_owner"]}
		self.assertEqual(list(by_owner), [self.users["staff"], self.users["staff2"]])
		self.assertEqual(by_owner[self.users["staff"]]["label"], "Staff")
		self.assertEqual(counts(by_owner[self.users["staff"]]), (2, 0, 0, 2, rate(1, 2, 50.0), 1))
		self.assertEqual(counts(by_owner[self.users["staff2"]]), (2, 2, 1, 0, rate(0, 0, None), 0))
		by_area = {row["key"]: row for row in figures["by_service_area"]}
		self.assertEqual(list(by_area), [self.a, self.b, None], "KO41a codes by title; none last")
		self.assertEqual(counts(by_area[self.a]), (2, 1, 1, 1, rate(1, 1, 100.0), 1))
		self.assertEqual(counts(by_area[self.b]), (1, 0, 0, 1, rate(0, 1, 0.0), 0))
		self.assertEqual(counts(by_area[None]), (1, 1, 0, 0, rate(0, 0, None), 0))
		by_theme = {row["key"]: row for row in figures["by_theme"]}
		self.assertEqual(counts(by_theme[self.t1]), (2, 0, 0, 2, rate(1, 2, 50.0), 1))
		self.assertEqual(counts(by_theme[self.t2]), (2, 2, 1, 0, rate(0, 0, None), 0))

	def test_filters(self):
		self.assertEqual(
			counts(learning.figures(**PERIOD, owner=self.users["staff2"])["total"]),
			(2, 2, 1, 0, rate(0, 0, None), 0),
		)
		self.assertEqual(counts(learning.figures(**PERIOD, theme=self.t1)["total"])[:4], (2, 0, 0, 2))
		in_a = learning.figures(**PERIOD, service_area=self.a)
		self.assertEqual(counts(in_a["total"])[:3], (2, 1, 1))
		self.assertEqual({row["name"] for row in in_a["actions"]}, {self.verified.name, self.overdue.name})

	def test_the_actions_follow_the_row_rules(self):
		start, end = frappe.utils.getdate(PERIOD["from_date"]), frappe.utils.getdate(PERIOD["to_date"])
		with self.set_user(self.users["staff"]):  # JLC Staff read only the actions they own
			self.assertEqual(
				{r["name"] for r in learning.actions(start, end)}, {self.verified.name, self.done.name}
			)
			self.assertEqual(learning.figures(**PERIOD)["total"]["actions"], 4, "counts are over all actions")
		with self.set_user(self.users["staff2"]):
			self.assertEqual(
				{r["name"] for r in learning.actions(start, end)}, {self.overdue.name, self.proposed.name}
			)

	def test_report_rows_and_cards(self):
		with self.set_user(self.users["panel"]):
			columns, rows, message, chart, summary = execute({**PERIOD, "group_by": "owner"})
		self.assertEqual(
			[row["name"] for row in rows],
			[self.overdue.name, self.proposed.name, self.verified.name, self.done.name],
			"running deadlines first, soonest first",
		)
		for row in rows:
			self.assertEqual(set(row), ROW_FIELDS)
		proposed = rows[1]
		self.assertEqual((proposed["action_owner_name"], proposed["working_days_left"]), ("Staff2", 8))
		self.assertIsNone(rows[2]["working_days_left"], "no deadline running once done")
		self.assertEqual(rows[0]["due_status"], "Overdue")
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(
			(cards["Actions"], cards["Open"], cards["Overdue"], cards["Cancelled"]), (4, 2, 1, 1)
		)
		self.assertEqual(cards["Impact verified"], "50.0% (1/2)")
		self.assertEqual(chart["data"]["labels"], ["Staff", "Staff2"])
		self.assertEqual(
			[dataset["values"] for dataset in chart["data"]["datasets"]], [[0, 1], [0, 1], [1, 0], [1, 0]]
		)
		self.assertIn("Not recorded", message, "the action with no service area")

	def test_roles_that_may_open_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": "Learning Action Tracker"}, pluck="role"))
		self.assertEqual(
			roles, {"Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member"}
		)
		report = frappe.get_doc("Report", "Learning Action Tracker")
		for user in ("staff", "handler", "safety"):
			with self.set_user(self.users[user]):
				self.assertFalse(report.is_permitted(), user)
				self.assertRaises(frappe.PermissionError, run, "Learning Action Tracker", filters=PERIOD)
		for user in ("manager", "rp", "leader", "panel"):
			with self.set_user(self.users[user]):
				self.assertTrue(report.is_permitted(), user)
				self.assertTrue(run("Learning Action Tracker", filters=PERIOD)["result"], user)
