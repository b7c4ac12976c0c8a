# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_complaints.report.complaint_deadlines.complaint_deadlines import execute
from jlc_frappe.tests.fixtures import complaint_in_state, ensure_users, make_complaint


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
		self.assertIn("working_days_left", [c["fieldname"] for c in columns])

	def test_sent_responses_apart_and_route_and_state_filters(self):
		handler = ensure_users()["handler2"]
		waiting = complaint_in_state("Under Investigation", handler=handler)
		sent = complaint_in_state("Response Sent", handler=handler)
		early = complaint_in_state("Acknowledged", handler=handler)
		names = lambda rows: {row.name for row in rows}  # noqa: E731
		_c, rows, _m, _ch, summary = execute({"handler": handler})
		self.assertTrue({waiting.name, early.name} <= names(rows))
		self.assertNotIn(sent.name, names(rows), "awaiting response is the default")
		self.assertGreaterEqual({s["label"]: s["value"] for s in summary}["Responses sent, not closed"], 1)
		columns, rows, *_ = execute({"handler": handler, "responses": "Response sent"})
		self.assertIn(sent.name, names(rows))
		self.assertNotIn(waiting.name, names(rows))
		self.assertIn("response_sent_on", [c["fieldname"] for c in columns])
		_c, rows, *_ = execute({"handler": handler, "route": "Investigation"})
		self.assertIn(waiting.name, names(rows))
		self.assertNotIn(early.name, names(rows))
		_c, rows, *_ = execute({"handler": handler, "workflow_state": "Acknowledged"})
		self.assertEqual(names(rows) & {waiting.name, early.name}, {early.name})
