# Copyright (c) 2026, JLC developers. License: MIT.
"""The annual complaints report on a hand-counted reporting year (2022-23, when nothing else on a test site is),
with records on both sides of its boundaries; nothing in it may name a person, describe a complaint or show
learning that was not shared."""

import frappe
from frappe.desk.query_report import run

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance.annual import DEFINITIONS, annual_report
from jlc_frappe.install import seed_ko41a_masters
from jlc_frappe.jlc_complaints.report.annual_complaints_report.annual_complaints_report import execute
from jlc_frappe.tests.fixtures import act, ensure_users, make_complaint, make_learning_action, nhs_number

YEAR = "2022-23"  # 1 April 2022 to 31 March 2023
REPORT = "Annual Complaints Report"
PATIENT = "Peter Patient"
COMPLAINANT = "Ann Example"  # every complaint's complainant (tests.fixtures)
SHARED_SUMMARY_1 = "You told us people waited without water; we now offer drinks every hour."
SHARED_IMPACT_1 = "Waits for a drink fell from two hours to fifteen minutes."
SHARED_SUMMARY_6 = "We now phone every complainant within one working day."
# text that must never be published: complaint content, unshared learning, shared but not taken in the year
SECRETS = (
	PATIENT,
	COMPLAINANT,
	"ann.example@example.com",
	"Waited nine hours",  # the fixtures' complaint summary
	"nine hours on a trolley",  # and description
	"Dear Ms Example",  # and draft response
	"Summary marker",
	"Unshared action title marker",
	"Unshared evidence marker",
	"Unshared impact marker",
	"Shared but unfinished marker",
	"Last year's action marker",
	"Evidence marker",
	"PHSO-MARKER",
	"jlc.test.",  # users' emails
)


def at(moment: str):
	"""The test case's clock, for setUpClass (FrappeTestCase.freeze_time does not use its instance)."""
	return JLCTestCase.freeze_time(None, moment)


def master(code: str | None) -> str | None:
	return f"{code} {YEAR}" if code else None


def complaint(received_on: str, aspects, marker: str, **values):
	"""A complaint received on `received_on` about Peter Patient, with aspects (subject, service, outcome)."""
	rows = [
		{"subject_area": master(subject), "service_area": master(service), "outcome": outcome}
		for subject, service, outcome in aspects
	]
	with at(f"{received_on} 10:00:00.123456"):
		return make_complaint(
			received_on=received_on,
			summary=f"Summary marker {marker}",
			patient_name=PATIENT,
			nhs_number=nhs_number(),
			date_of_birth="1950-01-01",
			ombudsman_rights_given=1,
			aspects=rows,
			**values,
		)


def move(doc, day: str, *actions: str):
	"""On `day`, apply the workflow `actions` to the complaint (as Administrator)."""
	with at(f"{day} 11:00:00.123456"):
		for name in actions:
			doc = act(doc, name)
	return frappe.get_doc(doc.doctype, doc.name)


def step(doc, day: str, action: str | None = None, **values):
	"""On `day`, record `values` on the learning action and apply `action` (as Administrator)."""
	with at(f"{day} 11:00:00.123456"):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return act(doc, action) if action else doc


def action(owner: str, day: str, *moves: str, **values):
	"""A learning action raised on `day` (due a month later), then agreed and started on the same day."""
	with at(f"{day} 10:00:00.123456"):
		doc = make_learning_action(owner, due_date=frappe.utils.add_days(day, 30), **values)
		for name in moves:
			doc = act(doc, name)
		return doc


def referral(doc, referred_on: str, reference: str, **values):
	with at(f"{referred_on} 12:00:00.123456"):
		return frappe.get_doc(
			{
				"doctype": "Ombudsman Referral",
				"complaint": doc.name,
				"referred_on": referred_on,
				"phso_reference": reference,
				**values,
			}
		).insert()


class TestAnnualComplaintsReport(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_ko41a_masters("2022-06-01")
		cls.users = users = ensure_users()
		cls.t1, cls.t2 = frappe.get_all("Learning Theme", pluck="name", order_by="name", limit=2)
		c = complaint
		cls.complaints = made = {
			# new; two subjects in one service: partially upheld, acknowledged and answered on time
			"C1": move(
				c("2022-05-03", [("SA01", "SV01", "Upheld"), ("SA02", "SV01", "Not Upheld")], "C1"),
				"2022-05-04",
				"Resolve Early",
				"Close",
			),
			# new: upheld (due 8 June: 2 and 3 June 2022 were bank holidays)
			"C2": move(
				c("2022-06-01", [("SA01", "SV02", "Upheld")], "C2"), "2022-06-06", "Resolve Early", "Close"
			),
			# new, acknowledged late (due 6 July): not upheld
			"C3": move(
				c("2022-07-01", [("SA01", "SV01", "Not Upheld")], "C3"),
				"2022-07-12",
				"Acknowledge",
				"Resolve Early",
				"Close",
			),
			# new, acknowledged on time, still open: not decided
			"C4": move(
				c("2022-09-01", [("SA03", "SV02", None), ("SA04", "SV02", None)], "C4"),
				"2022-09-02",
				"Acknowledge",
			),
			# received in 2021-22, decided (upheld) in 2022-23
			"C5": move(
				move(c("2022-03-22", [("SA05", "SV03", "Upheld")], "C5"), "2022-03-23", "Acknowledge"),
				"2022-04-11",
				"Resolve Early",
				"Close",
			),
			# received in 2023-24: not counted
			"C6": c("2023-04-03", [("SA02", "SV01", None)], "C6"),
			# outside the regulations (reg 8): counted nowhere
			"C7": c(
				"2022-10-03",
				[("SA01", "SV01", None)],
				"C7",
				not_under_regulations_reason="Already investigated",
				exclusion_explained_on="2022-10-04",
			),
		}
		# the Ombudsman: decided (upheld), not yet decided, and one referred after the year
		referral(
			made["C5"],
			"2022-06-15",
			"PHSO-MARKER-1",
			stage="Decision",
			outcome="Upheld",
			decision_on="2022-12-01",
		)
		referral(made["C2"], "2023-03-31", "PHSO-MARKER-2", stage="Assessment")
		referral(made["C3"], "2023-04-03", "PHSO-MARKER-3", stage="Enquiry")
		staff = users["staff"]
		# L1: shared; completed 10 June, impact verified 1 Sept
		cls.l1 = action(
			staff,
			"2022-05-05",
			"Agree",
			"Start",
			title="Drinks offered hourly in the emergency department",
			theme=cls.t1,
			sources=[("Complaint", made["C1"].name)],
			share_externally=1,
			public_summary=SHARED_SUMMARY_1,
		)
		step(cls.l1, "2022-06-10", "Complete", evidence="Evidence marker: audit")
		step(
			cls.l1,
			"2022-09-01",
			"Verify Impact",
			impact_measure="Audit of waits",
			impact_result=SHARED_IMPACT_1,
		)
		# L2: not shared; completed 1 Nov
		l2 = action(staff, "2022-05-05", "Agree", "Start", title="Unshared action title marker", theme=cls.t1)
		step(l2, "2022-11-01", "Complete", evidence="Unshared evidence marker")
		# L3: shared, but still in progress: not an action taken
		action(
			staff,
			"2022-07-01",
			"Agree",
			"Start",
			title="Shared but unfinished marker title",
			theme=cls.t2,
			share_externally=1,
			public_summary="Shared but unfinished marker text",
		)
		# L4: raised in 2021-22, completed 20 April 2022, impact verified in 2023-24; not shared
		l4 = action(staff, "2021-12-01", "Agree", "Start", title="Last year's action marker", theme=cls.t2)
		step(l4, "2022-04-20", "Complete", evidence="Evidence marker: leaflet")
		step(
			l4, "2023-04-05", "Verify Impact", impact_measure="Survey", impact_result="Unshared impact marker"
		)
		# L5: cancelled; L6: shared, completed 1 Feb 2023, impact not verified; L7: proposed, no theme
		l5 = action(staff, "2022-08-01")
		step(l5, "2022-09-01", "Cancel", cancellation_reason="Replaced by a trust-wide action")
		l6 = action(
			staff,
			"2022-10-03",
			"Agree",
			"Start",
			title="Complainants phoned within a day",
			theme=cls.t2,
			share_externally=1,
			public_summary=SHARED_SUMMARY_6,
		)
		step(l6, "2023-02-01", "Complete", evidence="Evidence marker: call log")
		action(staff, "2022-12-01", title="Unshared action title marker 7")

	def test_records_are_where_the_data_set_says(self):
		made = self.complaints
		self.assertEqual(
			{key: (doc.workflow_state, doc.outcome or None) for key, doc in made.items() if key != "C7"},
			{
				"C1": ("Closed", "Partially Upheld"),
				"C2": ("Closed", "Upheld"),
				"C3": ("Closed", "Not Upheld"),
				"C4": ("Acknowledged", None),
				"C5": ("Closed", "Upheld"),
				"C6": ("Received", None),
			},
		)
		self.assertEqual(str(made["C5"].closed_on), "2022-04-11")
		self.assertEqual(made["C3"].acknowledgement_status, "Missed")

	def test_every_figure_on_hand_counted_data(self):
		report = annual_report(YEAR)
		self.assertEqual((report["reporting_year"], str(report["from_date"])), (YEAR, "2022-04-01"))
		self.assertEqual(str(report["to_date"]), "2023-03-31")
		self.assertEqual(report["received"], 4, "C1 to C4 (C5 earlier, C6 later, C7 outside)")
		decided = {k: report[k] for k in ("decided", "well_founded", "upheld", "partially_upheld")}
		self.assertEqual(decided, {"decided": 4, "well_founded": 3, "upheld": 2, "partially_upheld": 1})
		self.assertEqual(report["not_well_founded"], 1, "C3")
		self.assertEqual(report["well_founded_share"], {"count": 3, "of": 4, "percent": 75.0})
		self.assertEqual(
			report["ombudsman"],
			{
				"referred": 2,
				"outcomes": {
					"Upheld": 1,
					"Partly Upheld": 0,
					"Not Upheld": 0,
					"Not Investigated": 0,
					"Not yet decided": 1,
				},
			},
		)
		subjects = {row["code"]: row["complaints"] for row in report["subjects"] if row["complaints"]}
		self.assertEqual(subjects, {"SA01": 3, "SA02": 1, "SA03": 1, "SA04": 1}, "C1 names SA01 once")
		self.assertIn("SA99", {row["code"] for row in report["subjects"]}, "every code of the year")
		titles = {row["code"]: row["title"] for row in report["subjects"]}
		self.assertEqual(titles["SA01"], "Access to treatment or drugs")
		matters = report["general_importance"]
		top = [(row["code"], row["complaints"]) for row in matters["subject_areas"]]
		self.assertEqual(top, [("SA01", 3), ("SA02", 1), ("SA03", 1), ("SA04", 1)], "ties with the third too")
		services = [(row["code"], row["title"], row["complaints"]) for row in matters["service_areas"]]
		self.assertEqual(services, [("SV01", "Accident and emergency", 2), ("SV02", "Ambulance services", 2)])
		self.assertEqual(
			matters["learning_themes"],
			[
				{"theme": self.t1, "actions": 2},
				{"theme": self.t2, "actions": 2},
				{"theme": None, "actions": 1},
			],
			"raised in the year, not cancelled: L1 L2, L3 L6, L7",
		)
		actions = report["actions"]
		counts = {k: actions[k] for k in ("taken", "completed", "impact_verified", "shared")}
		self.assertEqual(counts, {"taken": 4, "completed": 4, "impact_verified": 1, "shared": 2})
		self.assertEqual(
			actions["shared_learning"],
			[
				{
					"title": "Drinks offered hourly in the emergency department",
					"theme": self.t1,
					"public_summary": SHARED_SUMMARY_1,
					"impact_result": SHARED_IMPACT_1,
				},
				{
					"title": "Complainants phoned within a day",
					"theme": self.t2,
					"public_summary": SHARED_SUMMARY_6,
					"impact_result": None,
				},
			],
		)
		self.assertEqual(report["acknowledged_on_time"], {"count": 3, "of": 4, "percent": 75.0}, "C3 late")
		self.assertEqual(report["responded_on_time"], {"count": 4, "of": 4, "percent": 100.0})

	def test_report_output_rows_cards_chart_and_definitions(self):
		with self.set_user(self.users["leader"]):
			columns, rows, message, chart, summary = execute({"reporting_year": YEAR})
		self.assertEqual([c["fieldname"] for c in columns], ["metric", "value", "definition"])
		values = {row["metric"]: row["value"] for row in rows}
		self.assertEqual(
			values,
			{
				"Complaints received": "4",
				"Complaints decided": "4",
				"Well founded": "3 (2 upheld, 1 partially upheld)",
				"Not well founded": "1",
				"Referred to the Ombudsman": "2",
				"The Ombudsman's decisions": "Upheld: 1; Not yet decided: 1",
				"Acknowledged within 3 working days": "75.0% (3/4)",
				"Responded by the agreed date": "100.0% (4/4)",
				"Learning actions taken": "4",
				"Learning actions completed": "4",
				"Impact verified": "1",
				"Shared publicly": "2",
			},
		)
		self.assertTrue(all(row["definition"] in DEFINITIONS.values() for row in rows), "each one defined")
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual((cards["Received"], cards["Well founded"], cards["Not well founded"]), (4, 3, 1))
		self.assertEqual((cards["Referred to the Ombudsman"], cards["Learning actions taken"]), (2, 4))
		self.assertEqual(cards["Acknowledged on time"], "75.0% (3/4)")
		self.assertEqual(
			chart["data"]["labels"],
			[
				"Access to treatment or drugs",
				"Admissions and discharges",
				"Appointments",
				"Clinical treatment",
			],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [3, 1, 1, 1])
		for heading in (
			"What the complaints were about",
			"Matters of general importance",
			"The Parliamentary and Health Service Ombudsman",
			"Actions taken and their impact",
		):
			self.assertIn(heading, message)
		for key in (
			"subjects",
			"top_subject_areas",
			"top_service_areas",
			"learning_themes",
			"ombudsman_outcomes",
		):
			self.assertIn(frappe.utils.escape_html(DEFINITIONS[key]), message)
		self.assertIn("Accident and emergency: 2", message)
		self.assertIn(f"{frappe.utils.escape_html(self.t1)}: 2", message)

	def test_no_identity_no_complaint_content_and_only_shared_learning(self):
		with self.set_user(self.users["manager"]):  # who reads every identity
			result = run(REPORT, filters={"reporting_year": YEAR})
		published = frappe.as_json(result)
		for secret in SECRETS:
			for written in (secret, frappe.utils.escape_html(secret)):
				self.assertNotIn(written.lower(), published.lower(), secret)
		for doc in self.complaints.values():
			self.assertNotIn(doc.name, published, "no case is named")
		for shared in (
			SHARED_SUMMARY_1,
			SHARED_IMPACT_1,
			SHARED_SUMMARY_6,
			"Complainants phoned within a day",
		):
			self.assertIn(frappe.utils.escape_html(shared), result["message"], shared)

	def test_default_year_and_a_bad_one(self):
		with at("2023-05-10 09:00:00"), self.set_user(self.users["rp"]):
			columns, rows, message, *_rest = execute({})
		self.assertIn("reporting year 2022-23", message, "the last complete year")
		self.assertEqual(rows[0]["value"], "4")
		self.assertRaises(frappe.ValidationError, annual_report, "2022-24")

	def test_roles_that_may_open_it(self):
		roles = set(frappe.get_all("Has Role", {"parent": REPORT}, pluck="role"))
		self.assertEqual(
			roles, {"Complaints Manager", "Responsible Person", "Senior Leader", "Complaints Panel Member"}
		)
		report = frappe.get_doc("Report", REPORT)
		for user in ("staff", "handler", "safety"):
			with self.set_user(self.users[user]):
				self.assertFalse(report.is_permitted(), user)
				self.assertRaises(frappe.PermissionError, run, REPORT, filters={"reporting_year": YEAR})
		for user in ("manager", "rp", "leader", "panel"):
			with self.set_user(self.users[user]):
				self.assertTrue(report.is_permitted(), user)
				self.assertEqual(
					run(REPORT, filters={"reporting_year": YEAR})["result"][0]["value"], "4", user
				)
