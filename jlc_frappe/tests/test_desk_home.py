# Copyright (c) 2026, JLC developers. License: MIT.
"""Every JLC role lands on a workspace it can open."""

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.install import ROLES

EXPECTED = {
	"Complaints Manager": "JLC",
	"Complaints Handler": "My Work",
	"Responsible Person": "My Work",
	"Senior Leader": "Board",
	"JLC Staff": "Front Line",
	"Complaints Panel Member": "Board",
	"Patient Safety Lead": "Patient Safety",
	"Claims Lead": "Patient Safety",
}


class TestDeskHome(JLCTestCase):
	def test_every_role_lands_on_a_workspace_it_can_open(self):
		self.assertEqual(set(EXPECTED), set(ROLES))
		for role, home in EXPECTED.items():
			with self.subTest(role=role):
				email = f"jlc.home.{frappe.scrub(role)}@example.com"
				if not frappe.db.exists("User", email):
					frappe.get_doc(
						{
							"doctype": "User",
							"email": email,
							"first_name": role,
							"send_welcome_email": 0,
							"roles": [{"role": role}],
						}
					).insert(ignore_permissions=True)
				self.assertEqual(frappe.db.get_value("User", email, "default_workspace"), home)
				frappe.cache.delete_value("user_allowed_modules", user=email)
				with self.set_user(email):
					visible = {page["name"] for page in get_workspace_sidebar_items()["pages"]}
				self.assertIn(home, visible)

	def test_a_workspace_chosen_by_the_user_is_kept(self):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": "jlc.home.chooser@example.com",
				"first_name": "Chooser",
				"send_welcome_email": 0,
				"default_workspace": "Users",
				"roles": [{"role": "Complaints Handler"}],
			}
		).insert(ignore_permissions=True)
		self.assertEqual(user.default_workspace, "Users")


class TestPeopleByName(JLCTestCase):
	def test_the_form_gets_the_names_of_the_users_a_record_names(self):
		from jlc_frappe.docinfo import getdoc
		from jlc_frappe.tests.fixtures import ensure_users, make_learning_action

		users = ensure_users()
		action = make_learning_action(users["staff"])  # the owner is in no assignment, share or comment
		with self.set_user(users["manager"]):
			frappe.response.pop("docinfo", None)
			getdoc("Learning Action", action.name)
			names = frappe.response["docinfo"]["user_info"]
		self.assertEqual(names[users["staff"]]["fullname"], "Staff")
