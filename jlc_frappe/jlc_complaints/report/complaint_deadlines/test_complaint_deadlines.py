# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints.report.complaint_deadlines.complaint_deadlines import execute
from jlc_frappe.tests.fixtures import ensure_users, make_complaint


class TestComplaintDeadlinesReport(JLCTestCase):
	def test_rows_and_counts_match_hand_counted_data(self):
		handler = ensure_users()["handler2"]
		with self.freeze_time("2026-11-02 09:00:00.123456"):
			overdue = make_complaint(handler=handler, received_on="2026-10-26")
			make_complaint(handler=handler, received_on="2026-11-02")
			withdrawn = apply_workflow(
				make_complaint(handler=handler, received_on="2026-11-02"), "Acknowledge"
			)
			withdrawn.withdrawal_reason = "Resolved by telephone"
			withdrawn.save()
			apply_workflow(withdrawn, "Withdraw")
			columns, rows, _message, chart, summary = execute({"handler": handler})
		self.assertEqual(len(rows), 2, "withdrawn complaints are not listed")
		self.assertIn(overdue.name, {row.name for row in rows})
		self.assertEqual({s["label"]: s["value"] for s in summary}["Acknowledgements overdue"], 1)
		ack = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))
		self.assertEqual((ack["Overdue"], ack["Due soon"]), (1, 1))
		self.assertIn("response_status", [c["fieldname"] for c in columns])
