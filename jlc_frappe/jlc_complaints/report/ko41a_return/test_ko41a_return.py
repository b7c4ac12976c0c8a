# Copyright (c) 2026, JLC developers. License: MIT.
"""KO41a Return: a hand-counted reporting year (2021-22) across both of its boundaries."""

import csv
import io

import frappe
from frappe.model.workflow import apply_workflow

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance.ko41a import build_return, download_return
from jlc_frappe.install import seed_ko41a_masters
from jlc_frappe.jlc_complaints.report.ko41a_return.ko41a_return import execute
from jlc_frappe.rules import ko41a
from jlc_frappe.tests.fixtures import ensure_users, make_complaint, nhs_number

YEAR = "2021-22"  # 1 April 2021 to 31 March 2022
ON_BEHALF = {"complainant_is_patient": 0, "representative_basis": "Patient Died"}


class TestKO41aReturn(JLCTestCase):
	made: dict | None = None  # the year's complaints, made once for the class (rolled back after it)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_ko41a_masters("2021-06-01")
		cls.users = ensure_users()

	def setUp(self):
		if type(self).made is None:
			type(self).made = self.make_year()

	def master(self, doctype: str, code: str | None) -> str | None:
		return f"{code} {YEAR}" if code else None

	def complaint(self, received_on: str, aspects=(), dob: str | None = None, **values):
		"""A complaint received on `received_on` with aspects (subject, service, staff group, outcome) by code."""
		patient = (
			{"patient_name": "Pat Example", "nhs_number": nhs_number(), "date_of_birth": dob} if dob else {}
		)
		rows = [
			{
				"subject_area": self.master("Complaint Subject Area", subject),
				"service_area": self.master("Complaint Service Area", service),
				"staff_group": self.master("Staff Group", group),
				"outcome": outcome,
			}
			for subject, service, group, outcome in aspects
		]
		with self.freeze_time(f"{received_on} 10:00:00.123456"):
			return make_complaint(
				received_on=received_on, ombudsman_rights_given=1, aspects=rows, **patient, **values
			)

	def move(self, doc, on: str, *actions: str, **values):
		with self.freeze_time(f"{on} 11:00:00.123456"):
			doc = frappe.get_doc("Complaint", doc.name)
			doc.update(values)
			doc.save()
			for action in actions:
				doc = apply_workflow(doc, action)
		return doc

	def make_year(self) -> dict:
		c = self.complaint
		made = {
			# received in 2020-21, open on 1 April 2021 and still on 31 March 2022
			"A": self.move(c("2021-02-10", [("SA01", "SV01", "SG01", None)]), "2021-02-11", "Acknowledge"),
			# received in 2020-21, resolved (upheld) in 2021-22
			"B": self.move(
				c("2021-03-01", [("SA03", "SV02", "SG03", "Upheld")]), "2021-05-04", "Resolve Early", "Close"
			),
			# received and closed in 2020-21: not counted
			"C": self.move(
				c("2021-01-05", [("SA03", "SV02", "SG03", "Upheld")]), "2021-03-15", "Resolve Early", "Close"
			),
			# new; three subjects in one service, one profession named twice: partially upheld
			"D": self.move(
				c(
					"2021-06-01",
					[
						("SA01", "SV08", "SG01", "Upheld"),
						("SA04", "SV08", "SG01", "Not Upheld"),
						("SA06", "SV08", "SG02", "Upheld"),
					],
					dob="1950-01-01",
				),
				"2021-07-01",
				"Resolve Early",
				"Close",
			),
			# new, on the patient's behalf, not upheld
			"E": self.move(
				c("2021-09-01", [("SA01", "SV01", "SG01", "Not Upheld")], **ON_BEHALF),
				"2021-10-01",
				"Resolve Early",
				"Close",
			),
			# new, withdrawn in the year
			"F": self.move(
				c("2021-11-01", [("SA06", "SV01", None, None)], dob="2010-01-01", **ON_BEHALF),
				"2021-12-01",
				"Withdraw",
				withdrawal_reason="Resolved by telephone",
			),
			# new on the last day of the year, open at its end, no profession named
			"G": c("2022-03-31", [("SA20", "SV11", None, None)], **ON_BEHALF),
			# new, closed after the year ended: open at its end
			"J": self.move(
				c("2021-12-01", [("SA01", "SV01", "SG01", "Upheld")], dob="1990-01-01", **ON_BEHALF),
				"2022-04-05",
				"Resolve Early",
				"Close",
			),
			# outside the regulations (reg 8): counted nowhere
			"H": c(
				"2021-08-01",
				[("SA01", "SV01", "SG01", None)],
				not_under_regulations_reason="Already investigated",
				exclusion_explained_on="2021-08-02",
			),
			# received in 2022-23: not counted
			"I": c("2022-04-02", [("SA01", "SV01", "SG01", None)]),
		}
		return {key: frappe.get_doc("Complaint", doc.name) for key, doc in made.items()}

	def test_records_are_where_the_data_set_says(self):
		made = self.made
		self.assertEqual(
			{k: made[k].workflow_state for k in "ABFG"},
			{"A": "Acknowledged", "B": "Closed", "F": "Withdrawn", "G": "Received"},
		)
		self.assertEqual((str(made["B"].closed_on), made["B"].outcome), ("2021-05-04", "Upheld"))
		self.assertEqual(made["D"].outcome, "Partially Upheld")
		self.assertEqual(str(made["F"].withdrawn_on), "2021-12-01")
		self.assertEqual(
			(made["D"].age_band, made["F"].age_band, made["J"].age_band), ("65-74", "0-17", "18-64")
		)

	def test_every_figure_and_section_count(self):
		figures = build_return(YEAR)
		self.assertEqual(
			figures["summary"],
			{
				"brought_forward": 2,  # A, B
				"new": 5,  # D, E, F, G, J
				"upheld": 1,  # B
				"partially_upheld": 1,  # D
				"not_upheld": 1,  # E
				"resolved": 3,
				"withdrawn": 1,  # F
				"carried_forward": 4,  # 2 + 5 - 3
				"open_at_end": 3,  # A, G, J
			},
		)
		self.assertEqual(
			figures["age_band"],
			{"0-17": 1, "18-64": 1, "65-74": 1, "75-84": 0, "85 and over": 0, "Unknown": 2},
		)
		self.assertEqual(figures["complainant_status"], {ko41a.PATIENT: 1, ko41a.ON_BEHALF: 4})
		nonzero = lambda section: {k: v for k, v in figures[section].items() if v}  # noqa: E731
		self.assertEqual(nonzero("subject_area"), {"SA01": 3, "SA04": 1, "SA06": 2, "SA20": 1})
		self.assertEqual(nonzero("service_area"), {"SV01": 3, "SV08": 1, "SV11": 1})
		self.assertEqual(nonzero("profession"), {"SG01": 3, "SG02": 1}, "D names SG01 twice: once")
		self.assertIn("SA99", figures["subject_area"], "every code of the year is listed")
		self.assertEqual(set(figures) - {"summary", "problems"}, set(ko41a.SECTIONS))

	def test_problems_name_the_withdrawn_complaint_and_the_missing_profession(self):
		problems = build_return(YEAR)["problems"]
		withdrawn = [p for p in problems if "withdrawn in the year" in p]
		self.assertEqual(len(withdrawn), 1)
		self.assertIn(self.made["F"].name, withdrawn[0])
		self.assertTrue(any(p.startswith("The return's carried forward is 4, but 3") for p in problems))
		self.assertTrue(
			any(p.startswith("Profession: the counts add up to 4, fewer than the 5") for p in problems)
		)
		self.assertFalse(any("not explained" in p for p in problems))
		self.assertEqual(len(problems), 3, problems)

	def test_a_complaint_is_named_only_to_those_who_may_open_it(self):
		"""A Senior Leader named as staff involved reads the counts, never which complaint it was."""
		withdrawn = self.made["F"].name
		frappe.get_doc(
			{
				"doctype": "Complaint Staff Involved",
				"parent": withdrawn,
				"parenttype": "Complaint",
				"parentfield": "staff_involved",
				"user": self.users["leader"],
			}
		).db_insert()
		try:
			with self.set_user(self.users["leader"]):
				problems = build_return(YEAR)["problems"]
		finally:
			frappe.db.delete("Complaint Staff Involved", {"parent": withdrawn, "user": self.users["leader"]})
		(line,) = [p for p in problems if "withdrawn in the year" in p]
		self.assertNotIn(withdrawn, line)
		self.assertIn("a complaint you may not open", line)

	def test_next_year_brings_forward_what_this_year_carried(self):
		following = build_return("2022-23")["summary"]
		self.assertEqual(following["brought_forward"], build_return(YEAR)["summary"]["open_at_end"])
		self.assertGreaterEqual(following["new"], 1)  # I

	def test_report_rows_message_chart_and_summary(self):
		columns, rows, message, chart, summary = execute({"reporting_year": YEAR})
		self.assertEqual([c["fieldname"] for c in columns], ["section", "code", "title", "count"])
		self.assertEqual(
			[(r["code"], r["count"]) for r in rows[: len(ko41a.SUMMARY_KEYS)]],
			[(key, build_return(YEAR)["summary"][key]) for key in ko41a.SUMMARY_KEYS],
		)
		line = next(r for r in rows if r["code"] == "SG01")
		self.assertEqual((line["section"], line["title"], line["count"]), ("Profession", "Medical", 3))
		self.assertIn(self.made["F"].name, message)
		self.assertEqual({s["label"]: s["value"] for s in summary}["Problems"], 3)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 5, 3, 1, 4, 3])

	def test_bad_reporting_year_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			build_return("2021-23")

	def test_download_as_csv_and_excel(self):
		with self.set_user(self.users["leader"]):
			download_return(YEAR, "CSV")
			self.assertEqual(frappe.response["type"], "binary")
			self.assertEqual(frappe.response["filename"], f"KO41a {YEAR}.csv")
			lines = list(csv.reader(io.StringIO(frappe.response["filecontent"].decode())))
			self.assertEqual(lines[0], ["Section", "Code", "Title", "Count"])
			self.assertEqual(lines[1][1:], ["brought_forward", lines[1][2], "2"])
			self.assertIn(["Profession", "SG01", "Medical", "3"], lines)
			self.assertTrue(any(self.made["F"].name in line[0] for line in lines if line))
			download_return(YEAR, "Excel")
			self.assertEqual(frappe.response["filename"], f"KO41a {YEAR}.xlsx")
			self.assertTrue(frappe.response["filecontent"].startswith(b"PK"), "an xlsx is a zip")

	def test_user_without_the_roles_is_refused(self):
		for key in ("handler", "staff", "panel"):
			with self.set_user(self.users[key]), self.assertRaises(frappe.PermissionError):
				download_return(YEAR, "CSV")
		with self.set_user(self.users["manager"]):
			download_return(YEAR, "CSV")
		with self.set_user(self.users["rp"]):
			download_return(YEAR, "Excel")
