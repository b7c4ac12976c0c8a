# Copyright (c) 2026, JLC developers. License: MIT.
"""The board's figures on a hand-counted quarter (January to March 2023, when nothing else on a test site is)."""

import frappe
from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import board
from jlc_frappe.jlc_complaints.report.board_complaints_report.board_complaints_report import execute
from jlc_frappe.tests.fixtures import (
	complaint_in_state,
	ensure_users,
	make_complaint,
	make_learning_action,
)

PERIOD = {"from_date": "2023-01-01", "to_date": "2023-03-31"}


def at(moment: str):
	"""The test case's clock, for setUpClass (FrappeTestCase.freeze_time does not use its instance)."""
	return JLCTestCase.freeze_time(None, moment)


class TestBoardComplaintsReport(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = users = ensure_users()
		with at("2023-01-10 10:00:00.123456"):  # received 9 Jan, closed 10 Jan: upheld
			cls.upheld = complaint_in_state("Closed", handler=users["handler"])
			make_learning_action(users["staff"], sources=[("Complaint", cls.upheld.name)])
		with at("2023-02-01 10:00:00.123456"):  # received 31 Jan, acknowledged on time
			cls.investigating = complaint_in_state("Under Investigation", handler=users["handler"])
			cls.late = make_complaint(received_on="2023-02-01")  # acknowledgement due 6 Feb
		with at("2023-02-10 10:00:00.123456"):
			apply_workflow(cls.late, "Acknowledge")  # missed
		with at("2023-03-01 10:00:00.123456"):  # received 28 Feb, resolved early and closed
			early = complaint_in_state("Resolved Early")
			apply_workflow(early, "Close")
		with at("2023-03-05 10:00:00.123456"):  # received 4 Mar, withdrawn before acknowledgement
			withdrawn = make_complaint()
			withdrawn.withdrawal_reason = "Resolved by the ward manager's call"
			withdrawn.save()
			apply_workflow(withdrawn, "Withdraw")
			make_complaint(not_under_regulations_reason="Freedom of Information request")
		with at("2023-03-10 10:00:00.123456"):  # about a Senior Leader, who must not see it
			cls.about_leader = complaint_in_state("Closed", staff_involved=[{"user": users["leader"]}])
		with at("2023-03-15 10:00:00.123456"):
			frappe.get_doc(
				{
					"doctype": "Ombudsman Referral",
					"complaint": cls.upheld.name,
					"referred_on": "2023-03-15",
					"phso_reference": "C-2023-0001",
					"stage": "Assessment",
					"recommendations": [{"recommendation": "Apologise", "kind": "Apology", "status": "Open"}],
				}
			).insert()

	def test_figures_on_hand_counted_data(self):
		figures = board.figures(PERIOD["from_date"], PERIOD["to_date"])
		counts = {key: figures[key] for key in ("received", "outside_regulations", "resolved_early")}
		self.assertEqual(counts, {"received": 6, "outside_regulations": 1, "resolved_early": 1})
		self.assertEqual(figures["under_investigation"], 1)
		self.assertEqual(figures["closed"], {"total": 3, "Upheld": 3, "Partially Upheld": 0, "Not Upheld": 0})
		self.assertEqual(figures["withdrawn"], 1)
		# five acknowledgements done or due (the withdrawn one never fell due): one missed
		self.assertEqual(figures["acknowledged_on_time"], {"count": 4, "of": 5, "percent": 80.0})
		self.assertEqual(figures["responded_on_time"], {"count": 3, "of": 3, "percent": 100.0})
		upheld = next(case for case in figures["closed_cases"] if case["name"] == self.upheld.name)
		self.assertEqual([f["outcome"] for f in upheld["findings"]], ["Upheld"])
		self.assertEqual([a["state"] for a in upheld["learning_actions"]], ["Proposed"])
		(referral,) = figures["ombudsman"]
		self.assertEqual((referral["complaint"], referral["stage"]), (self.upheld.name, "Assessment"))
		self.assertEqual([r["status"] for r in referral["recommendations"]], ["Open"])

	def test_a_busy_period_lists_its_latest_cases(self):
		cases = board.closed_cases(PERIOD["from_date"], PERIOD["to_date"], limit=2)
		self.assertEqual([c["name"] for c in cases][-1], self.about_leader.name, "the latest, oldest first")
		self.assertEqual(len(cases), 2)

	def test_a_senior_leader_named_in_a_case_sees_the_counts_but_never_the_case(self):
		with self.set_user(self.users["leader"]):
			columns, rows, message, chart, summary = execute(PERIOD)
		self.assertNotIn(self.about_leader.name, {row["name"] for row in rows})
		self.assertIn(self.upheld.name, {row["name"] for row in rows})
		self.assertEqual(
			{s["label"]: s["value"] for s in summary}["Closed"], 3, "counts are over all records"
		)
		self.assertNotIn("Ann Example", frappe.as_json(rows) + message, "no person's identity")
		self.assertIn("C-2023-0001", message)
		self.assertEqual(len(chart["data"]["datasets"]), 3)

	def test_roles_that_may_open_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": "Board Complaints Report"}, pluck="role"))
		self.assertEqual(
			roles, {"Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member"}
		)
		with self.set_user(self.users["staff"]):
			self.assertFalse(frappe.get_doc("Report", "Board Complaints Report").is_permitted())
		with self.set_user(self.users["leader"]):
			self.assertTrue(frappe.get_doc("Report", "Board Complaints Report").is_permitted())

	def test_desk_charts_and_cards_per_role(self):
		from jlc_frappe.jlc_complaints.dashboard_chart_source.complaints_received.complaints_received import (
			get,
		)

		chart = "Complaints Received by Month"
		with self.set_user(self.users["leader"]):
			data = get(chart_name=chart, from_date=PERIOD["from_date"], to_date=PERIOD["to_date"])
			self.assertTrue(frappe.has_permission("Dashboard Chart", doc=chart))
		self.assertEqual(data["labels"], ["Jan 23", "Feb 23", "Mar 23"])
		self.assertEqual(sum(sum(d["values"]) for d in data["datasets"]), 6)
		with self.set_user(self.users["handler"]):
			self.assertRaises(frappe.PermissionError, get, chart_name=chart)
			self.assertFalse(frappe.has_permission("Dashboard Chart", doc=chart))
			cards = set(frappe.get_list("Number Card", {"module": ("like", "JLC%")}, pluck="name"))
		self.assertIn("Open Complaints", cards)
		self.assertNotIn("Candour Notifications Due", cards, "a card only for those who read its records")
