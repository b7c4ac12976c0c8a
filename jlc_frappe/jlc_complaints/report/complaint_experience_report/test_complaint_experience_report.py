# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience figures on a hand-counted two months (May and June 2022, when nothing else on a test site is).

Complaints closed, their service areas (A, B), and the answers given with each one's link:
- C1, 10 May, A, with a Senior Leader named as staff involved. Complainant: could speak up Agree, listened to
  Disagree, simple to complain Does not apply. The member of staff: told early Strongly agree.
- C2, 20 May, A and B. Complainant: could speak up Strongly agree, listened to Agree.
- C3, 15 June, B. Complainant: no answer.
- C4, 20 June, A. Complainant: could speak up Disagree, then withdrawn.
- C5, 5 July (outside the period), A. Complainant: listened to Strongly disagree.

Complainants: 4 asked, 2 responses (50%); answers agreeing 3 of 4 (75%); could speak up 2 of 2, listened to
1 of 2 (below the 80% target), simple to complain nothing to measure. Staff: 1 asked, 1 response, 1 of 1.
Area A: 3 asked, 2 responses; area B: 2 asked (C2, C3), 1 response (C2), could speak up 1 of 1."""

import frappe
from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import board, experience
from jlc_frappe.jlc_complaints import experience_survey as survey
from jlc_frappe.jlc_complaints.doctype.experience_invitation.test_experience_invitation import (
	QueuesEmail,
	sent_tokens,
)
from jlc_frappe.jlc_complaints.report.complaint_experience_report.complaint_experience_report import execute
from jlc_frappe.tests.fixtures import PATH_TO, ensure_users, make_complaint

PERIOD = {"from_date": "2022-05-01", "to_date": "2022-06-30"}
COMPLAINANT, STAFF = "Complainant", "Staff involved"
SPEAK_UP, LISTENED, SIMPLE = "could_speak_up", "listened_to", "simple_to_complain"


def at(moment: str):
	return JLCTestCase.freeze_time(None, moment)


def rate(count: int, of: int, percent: float | None) -> dict:
	return {"count": count, "of": of, "percent": percent}


class TestComplaintExperienceReport(QueuesEmail):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		a, b = frappe.get_all(
			"Complaint Service Area", filters={"active": 1}, pluck="name", order_by="name", limit=2
		)
		cls.a, cls.b = (frappe.db.get_value("Complaint Service Area", area, "code") for area in (a, b))
		cls.b_record = b
		c1 = cls.closed("2022-05-10", [a], staff=[cls.users["leader"]])
		c2 = cls.closed("2022-05-20", [a, b])
		cls.closed("2022-06-15", [b])
		c4 = cls.closed("2022-06-20", [a])
		c5 = cls.closed("2022-07-05", [a])
		with at("2022-05-12 10:00:00.123456"):
			cls.answer(c1, {SPEAK_UP: "Agree", LISTENED: "Disagree", SIMPLE: "Does not apply to me"})
			(staff,) = frappe.get_all(
				"Experience Invitation", {"complaint": c1.name, "audience": STAFF}, pluck="name"
			)
			with cls.set_user(None, cls.users["leader"]):
				survey.record_answers(survey.find(invitation=staff), {"told_early": "Strongly agree"})
		with at("2022-05-25 10:00:00.123456"):
			cls.answer(c2, {SPEAK_UP: "Strongly agree", LISTENED: "Agree"})
		with at("2022-06-22 10:00:00.123456"):
			cls.answer(c4, {SPEAK_UP: "Disagree"})
			survey.withdraw(survey.find(cls.token(c4)))
		with at("2022-07-06 10:00:00.123456"):
			cls.answer(c5, {LISTENED: "Strongly disagree"})

	@classmethod
	def closed(cls, day: str, areas: list[str], staff=()):
		subject = frappe.get_all("Complaint Subject Area", filters={"active": 1}, pluck="name", limit=1)[0]
		with at(f"{day} 10:00:00.123456"):
			doc = make_complaint(staff_involved=[{"user": user} for user in staff])
			for area in areas:
				doc.append("aspects", {"subject_area": subject, "service_area": area, "outcome": "Upheld"})
			doc.ombudsman_rights_given = 1
			doc.save()
			for action in PATH_TO["Closed"]:
				doc = apply_workflow(doc, action)
		return doc

	@classmethod
	def token(cls, complaint) -> str:
		(invitation,) = frappe.get_all(
			"Experience Invitation", {"complaint": complaint.name, "audience": COMPLAINANT}, pluck="name"
		)
		(token,) = sent_tokens(invitation)
		return token

	@classmethod
	def answer(cls, complaint, answers: dict):
		survey.record_answers(survey.find(cls.token(complaint)), answers)

	def rows(self, figures: dict, audience: str, question_id: str) -> dict:
		return {
			row["key"]: row
			for row in figures["rows"]
			if row["audience"] == audience and row["question_id"] == question_id
		}

	def test_figures_by_statement(self):
		figures = experience.figures(PERIOD["from_date"], PERIOD["to_date"])
		complainants, staff = figures["totals"]
		self.assertEqual(
			(complainants["invited"], complainants["responded"], complainants["response_rate"]["percent"]),
			(4, 2, 50.0),
		)
		self.assertEqual(complainants["agreeing"], rate(3, 4, 75.0))
		self.assertEqual((staff["invited"], staff["responded"], staff["agreeing"]), (1, 1, rate(1, 1, 100.0)))
		listened = self.rows(figures, COMPLAINANT, LISTENED)[None]
		self.assertEqual(listened["agreeing"], rate(1, 2, 50.0))
		self.assertEqual((listened["invited"], listened["responded"]), (4, 2))
		self.assertEqual((listened["target"], listened["below_target"]), (80.0, True))
		self.assertEqual(self.rows(figures, COMPLAINANT, SPEAK_UP)[None]["agreeing"], rate(2, 2, 100.0))
		simple = self.rows(figures, COMPLAINANT, SIMPLE)[None]
		self.assertEqual((simple["agreeing"], simple["below_target"]), (rate(0, 0, None), None))
		self.assertEqual(self.rows(figures, STAFF, "told_early")[None]["agreeing"], rate(1, 1, 100.0))
		# lowest first: listened to (50%), then the 100% statements (more answers first), then the unanswered
		order = [(row["audience"], row["question_id"]) for row in figures["rows"]]
		self.assertEqual(order[:3], [(COMPLAINANT, LISTENED), (COMPLAINANT, SPEAK_UP), (STAFF, "told_early")])
		self.assertEqual(len(order), 13 + 8, "every statement of the surveys sent, answered or not")

	def test_figures_by_service_area_and_month(self):
		by_area = experience.figures(PERIOD["from_date"], PERIOD["to_date"], group_by=experience.SERVICE_AREA)
		speak_up = self.rows(by_area, COMPLAINANT, SPEAK_UP)
		self.assertEqual(set(speak_up), {self.a, self.b})
		self.assertEqual((speak_up[self.a]["invited"], speak_up[self.a]["responded"]), (3, 2))
		self.assertEqual(speak_up[self.a]["agreeing"], rate(2, 2, 100.0))
		self.assertEqual((speak_up[self.b]["invited"], speak_up[self.b]["responded"]), (2, 1))
		self.assertEqual(speak_up[self.b]["agreeing"], rate(1, 1, 100.0))
		self.assertEqual(self.rows(by_area, COMPLAINANT, LISTENED)[self.a]["agreeing"], rate(1, 2, 50.0))
		self.assertEqual(set(self.rows(by_area, STAFF, "told_early")), {self.a})

		by_month = experience.figures(PERIOD["from_date"], PERIOD["to_date"], group_by=experience.MONTH)
		months = self.rows(by_month, COMPLAINANT, SPEAK_UP)
		self.assertEqual(set(months), {"2022-05", "2022-06"})
		self.assertEqual((months["2022-05"]["invited"], months["2022-05"]["responded"]), (2, 2))
		self.assertEqual((months["2022-06"]["invited"], months["2022-06"]["responded"]), (2, 0))

		in_b = experience.figures(PERIOD["from_date"], PERIOD["to_date"], service_area=self.b_record)
		self.assertEqual([t["audience"] for t in in_b["totals"]], [COMPLAINANT, STAFF])
		self.assertEqual((in_b["totals"][0]["invited"], in_b["totals"][0]["responded"]), (2, 1))
		self.assertEqual(in_b["totals"][0]["agreeing"], rate(2, 2, 100.0))
		self.assertEqual(in_b["totals"][1]["invited"], 0)

		staff_only = experience.figures(PERIOD["from_date"], PERIOD["to_date"], audience=STAFF)
		self.assertEqual([t["audience"] for t in staff_only["totals"]], [STAFF])
		self.assertEqual({row["audience"] for row in staff_only["rows"]}, {STAFF})

	def test_the_target_is_the_trusts(self):
		frappe.db.set_single_value("JLC Settings", experience.TARGET_FIELD, 40)
		frappe.clear_document_cache("JLC Settings", "JLC Settings")
		self.addCleanup(frappe.clear_document_cache, "JLC Settings", "JLC Settings")
		figures = experience.figures(PERIOD["from_date"], PERIOD["to_date"])
		self.assertEqual(figures["target"], 40.0)
		self.assertFalse(self.rows(figures, COMPLAINANT, LISTENED)[None]["below_target"])

	def test_the_report_and_the_board(self):
		with self.set_user(self.users["leader"]):  # named in C1: sees the counts, which name no case
			columns, rows, message, chart, summary = execute(PERIOD)
		self.assertEqual(rows[0]["statement"], "I was listened to and understood.")
		self.assertEqual((rows[0]["agree_percent"], rows[0]["below_target"]), (50.0, True))
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(cards["Complainants: response rate"], "50.0% (2/4)")
		self.assertEqual(cards["Complainants: agreeing"], "75.0% (3/4)")
		self.assertEqual(cards["Below target"], 1)
		self.assertEqual(chart["data"]["labels"][0], "I was listened to and understood.")
		self.assertEqual(chart["data"]["datasets"][1]["values"][0], 80.0)
		self.assertIn("Experience of complaints handling", message)
		text = frappe.as_json(rows) + message
		self.assertNotIn("COMP-", text, "no complaint is named")

		found = board.figures(PERIOD["from_date"], PERIOD["to_date"])["experience"]
		self.assertEqual([row["question_id"] for row in found["lowest"]], [LISTENED])
		from jlc_frappe.jlc_complaints.report.board_complaints_report.board_complaints_report import (
			execute as board_report,
		)

		board_message = board_report(PERIOD)[2]
		self.assertIn("Experience of complaints handling", board_message)
		self.assertIn("50.0% (2/4)", board_message)
		self.assertIn("I was listened to and understood.", board_message)

	def test_roles_that_may_run_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": "Complaint Experience Report"}, pluck="role"))
		self.assertEqual(
			roles, {"Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member"}
		)
		report = frappe.get_doc("Report", "Complaint Experience Report")
		for key in ("manager", "rp", "leader", "panel", "handler", "staff", "safety", "claims"):
			with self.subTest(role=key), self.set_user(self.users[key]):
				self.assertEqual(bool(report.is_permitted()), key in ("manager", "rp", "leader", "panel"))
