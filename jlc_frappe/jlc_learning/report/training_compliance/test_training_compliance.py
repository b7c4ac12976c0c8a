# Copyright (c) 2026, JLC developers. License: MIT.
"""Training compliance on hand-made records, on 1 March 2026: two modules required of two roles made for the test
(so no other user of the site counts), five members of staff and one disabled account.

	module (role)       person  joined      completions              on 1 March 2026
	Test induction (A)  u1      2026-02-20  -                        Due (by 22 March)
	  within 30 days    u2      2025-01-01  -                        Overdue (since 31 January 2025)
	  refresh 12 months u3      2025-01-01  2025-06-01               Complete (until 1 June 2026)
	                    u4      2024-01-01  2024-02-01, 2026-03-10   Expired (1 February 2025; the later one is after)
	                    u6      (disabled)  -                        not counted
	Test candour (B)    u3      2025-01-01  -                        Overdue (since 11 January 2025)
	  within 10 days    u5      2026-02-25  2026-02-27               Complete (never expires)
	  no refresher
"""

import frappe

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import board, training
from jlc_frappe.jlc_learning.report.training_compliance.training_compliance import execute
from jlc_frappe.tests.fixtures import ensure_users

AS_OF = "2026-03-01"
ROLE_A, ROLE_B = "JLC Training Test Role A", "JLC Training Test Role B"
INDUCTION, CANDOUR = "Test induction", "Test candour"
PEOPLE = {  # key: (roles, joined, enabled)
	"u1": ([ROLE_A], "2026-02-20", 1),
	"u2": ([ROLE_A], "2025-01-01", 1),
	"u3": ([ROLE_A, ROLE_B], "2025-01-01", 1),
	"u4": ([ROLE_A], "2024-01-01", 1),
	"u5": ([ROLE_B], "2026-02-25", 1),
	"u6": ([ROLE_A], "2024-01-01", 0),
}
EXPECTED = {
	("u1", INDUCTION): "Due",
	("u2", INDUCTION): "Overdue",
	("u3", INDUCTION): "Complete",
	("u4", INDUCTION): "Expired",
	("u3", CANDOUR): "Overdue",
	("u5", CANDOUR): "Complete",
}


def person(key: str) -> str:
	return f"jlc.training.{key}@example.com"


def record(key: str, module: str, completed_on: str, as_user: str = "Administrator"):
	previous = frappe.session.user
	frappe.set_user(as_user)
	try:
		return frappe.get_doc(
			{
				"doctype": "JLC Training Record",
				"staff_member": person(key),
				"module": module,
				"completed_on": completed_on,
				"evidence": "Attended the session",
			}
		).insert()
	finally:
		frappe.set_user(previous)


class TestTrainingCompliance(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		for role in (ROLE_A, ROLE_B):
			if not frappe.db.exists("Role", role):
				frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert()
		for key, (roles, joined, enabled) in PEOPLE.items():
			if not frappe.db.exists("User", person(key)):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": person(key),
						"first_name": key.upper(),
						"send_welcome_email": 0,
					}
				).insert(ignore_permissions=True)
			user = frappe.get_doc("User", person(key))
			user.enabled = enabled
			user.set("roles", [{"role": role} for role in [*roles, "JLC Staff"]])
			user.save(ignore_permissions=True)
			frappe.db.set_value("User", person(key), "creation", f"{joined} 09:00:00", update_modified=False)
		# only the test's modules are required (the site's own come back when the test's transaction is undone)
		frappe.db.set_value("JLC Training Module", {"name": ("is", "set")}, "active", 0)
		for name, role, within, refresh in ((INDUCTION, ROLE_A, 30, 12), (CANDOUR, ROLE_B, 10, 0)):
			frappe.get_doc(
				{
					"doctype": "JLC Training Module",
					"module_name": name,
					"roles": [{"role": role}],
					"complete_within_days": within,
					"refresh_months": refresh,
					"required_from": "2020-01-01",
				}
			).insert()
		record("u3", INDUCTION, "2025-06-01")
		record("u4", INDUCTION, "2024-02-01")
		record("u4", INDUCTION, "2026-03-10")
		record("u5", CANDOUR, "2026-02-27")

	def undo_after(self):
		"""What the test changes is undone after it (the records of setUpClass stay for the others)."""
		frappe.db.savepoint("training_test")
		self.addCleanup(frappe.db.rollback, save_point="training_test")

	def statuses(self, rows):
		people = {person(k): k for k in PEOPLE}
		return {(people[r["staff_member"]], r["module"]): r["status"] for r in rows}

	def test_each_person_and_module(self):
		rows = training.staff_modules(AS_OF, everyone=True)
		self.assertEqual(self.statuses(rows), EXPECTED)
		u4 = next(r for r in rows if r["staff_member"] == person("u4"))
		self.assertEqual(
			str(u4["completed_on"]), "2024-02-01", "the latest completion by the day asked about"
		)
		self.assertEqual(str(u4["expires_on"]), "2025-02-01")
		u1 = next(r for r in rows if r["staff_member"] == person("u1"))
		self.assertEqual(str(u1["due_on"]), "2026-03-22")
		self.assertIsNone(u1["department"], "no department without ERPNext")

	def test_report_as_a_senior_leader(self):
		with self.set_user(self.users["leader"]):
			columns, rows, _message, chart, summary = execute({"as_of": AS_OF})
			self.assertEqual(self.statuses(rows), EXPECTED)
			self.assertEqual(summary[0]["value"], "33.3% (2/6)")
			self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 1, 2, 1])
			by = {}
			for group in ("module", "role", "department"):
				by[group] = {r["group"]: r for r in execute({"as_of": AS_OF, "group_by": group})[1]}
			overdue = execute({"as_of": AS_OF, "status": "Overdue"})[1]
		counts = ("required", "complete", "due", "overdue", "expired")
		self.assertEqual([by["module"][INDUCTION][k] for k in counts], [4, 1, 1, 1, 1])
		self.assertEqual([by["module"][CANDOUR][k] for k in counts], [2, 1, 0, 1, 0])
		self.assertEqual(by["module"][CANDOUR]["percent"], 50.0)
		self.assertEqual([by["role"][ROLE_A][k] for k in counts], [4, 1, 1, 1, 1])
		self.assertEqual([by["role"][ROLE_B][k] for k in counts], [2, 1, 0, 1, 0])
		self.assertEqual(list(by["department"]), ["Not recorded"])
		self.assertEqual(by["department"]["Not recorded"]["required"], 6)
		self.assertEqual(self.statuses(overdue), {("u2", INDUCTION): "Overdue", ("u3", CANDOUR): "Overdue"})
		with self.set_user(self.users["leader"]):
			only_b = execute({"as_of": AS_OF, "role": ROLE_B})[1]
		self.assertEqual(self.statuses(only_b), {k: v for k, v in EXPECTED.items() if k[1] == CANDOUR})

	def test_staff_see_their_own(self):
		with self.set_user(person("u3")):
			rows = execute({"as_of": AS_OF})[1]
			self.assertEqual(self.statuses(rows), {("u3", INDUCTION): "Complete", ("u3", CANDOUR): "Overdue"})
			# today (after 1 March 2026) their induction has expired and candour is still overdue
			self.assertEqual(training.training_complete_card()["value"], 0)
			records = frappe.get_list("JLC Training Record", pluck="staff_member")
			self.assertEqual(set(records), {person("u3")})
			other = frappe.get_all("JLC Training Record", {"staff_member": person("u4")}, pluck="name")[0]
			self.assertFalse(frappe.has_permission("JLC Training Record", "read", doc=other))
		with self.set_user(self.users["handler"]):
			self.assertEqual(execute({"as_of": AS_OF})[1], [], "nothing is required of them")
		with self.set_user(self.users["manager"]):
			self.assertEqual(len(execute({"as_of": AS_OF})[1]), 6)
			# today u1, u2 and u3 are overdue or expired; u4's second completion and u5's count
			self.assertEqual(training.training_complete_card()["value"], 33.3)

	def test_board_figures_give_the_rate_over_all_staff(self):
		with self.set_user(self.users["rp"]):  # reads the board report, not everyone's training
			found = board.figures("2025-12-01", AS_OF)["training"]
		self.assertEqual(found, {"count": 2, "of": 6, "percent": 33.3})

	def test_who_keeps_a_record(self):
		self.undo_after()
		done = record("u1", INDUCTION, "2026-02-24", as_user=person("u1"))
		self.assertEqual(str(done.expires_on), "2027-02-24")
		self.assertRaises(frappe.PermissionError, record, "u2", INDUCTION, "2026-02-24", as_user=person("u1"))
		self.assertRaises(
			frappe.PermissionError, record, "u2", INDUCTION, "2026-02-24", as_user=self.users["leader"]
		)
		record("u2", INDUCTION, "2026-02-24", as_user=self.users["manager"])
		self.assertRaises(frappe.ValidationError, record, "u1", INDUCTION, "2099-01-01", as_user=person("u1"))
		with self.set_user(person("u1")):
			doc = frappe.get_doc("JLC Training Record", done.name)
			doc.staff_member = person("u2")
			self.assertRaises(frappe.PermissionError, doc.save)

	def test_a_new_refresh_period_moves_every_expiry(self):
		self.undo_after()
		module = frappe.get_doc("JLC Training Module", INDUCTION)
		module.refresh_months = 24
		module.save()
		expiries = frappe.get_all(
			"JLC Training Record",
			filters={"module": INDUCTION, "staff_member": person("u4")},
			fields=["completed_on", "expires_on"],
			order_by="completed_on",
		)
		self.assertEqual(
			[(str(r.completed_on), str(r.expires_on)) for r in expiries],
			[("2024-02-01", "2026-02-01"), ("2026-03-10", "2028-03-10")],
		)
		rows = training.staff_modules(AS_OF, {"staff_member": person("u4")}, everyone=True)
		self.assertEqual([r["status"] for r in rows], ["Expired"])
		self.assertEqual(
			[r["status"] for r in training.staff_modules("2026-01-31", {"staff_member": person("u4")}, True)],
			["Complete"],
		)


class TestStaffObjectives(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()

	def objectives(self, **values):
		return frappe.get_doc(
			{
				"doctype": "JLC Staff Objectives",
				"staff_member": self.users["staff"],
				"level": "Front-line Staff",
			}
			| values
		)

	def test_objectives_start_from_the_level_and_are_reviewed_by_the_reviewer(self):
		templates = frappe.get_all(
			"JLC Role Objective", {"level": "Front-line Staff", "active": 1}, pluck="objective"
		)
		self.assertTrue(templates, "seeded on install")
		with self.set_user(self.users["staff"]):
			doc = self.objectives(set_on="2025-06-01", reviewer=self.users["handler"]).insert()
			self.assertEqual(sorted(r.objective for r in doc.objectives), sorted(templates))
			self.assertEqual(str(doc.review_due_on), "2026-06-01")
			doc.objectives[
				0
			].practical_examples = "Listened to a relative's concern and found the nurse in charge."
			doc.save()
			doc.reviewed_on = "2026-05-20"
			self.assertRaises(frappe.PermissionError, doc.save)
		with self.set_user(self.users["staff2"]):
			self.assertFalse(frappe.has_permission("JLC Staff Objectives", "read", doc=doc.name))
			self.assertFalse(
				frappe.get_list("JLC Staff Objective", {"parent": doc.name}, parent_doctype=doc.doctype)
			)
		with self.set_user(self.users["handler"]):
			doc = frappe.get_doc("JLC Staff Objectives", doc.name)
			doc.reviewed_on, doc.review_notes = "2026-05-20", "Good examples."
			doc.save()
			self.assertEqual(str(doc.review_due_on), "2027-05-20", "a year after the last review")
			doc.staff_member = self.users["staff2"]
			self.assertRaises(frappe.PermissionError, doc.save)
		with self.set_user(self.users["leader"]):
			self.assertTrue(frappe.has_permission("JLC Staff Objectives", "read", doc=doc.name))

	def test_no_one_reviews_their_own(self):
		with self.set_user(self.users["staff"]):
			self.assertRaises(frappe.ValidationError, self.objectives(reviewer=self.users["staff"]).insert)
			self.assertRaises(
				frappe.PermissionError, self.objectives(staff_member=self.users["staff2"]).insert
			)
