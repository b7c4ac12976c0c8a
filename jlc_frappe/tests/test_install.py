# Copyright (c) 2026, JLC developers. License: MIT.
"""What install leaves on a site; the real uninstall is run by .ci/run (it cannot run inside run-tests)."""

import frappe
from frappe.utils import getdate, nowdate

from jlc_frappe import install
from jlc_frappe.compat import JLCTestCase
from jlc_frappe.rules.reporting import reporting_year_of


class TestInstall(JLCTestCase):
	def test_roles_with_desk_access(self):
		for role in install.ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_complaint_workflow_is_active(self):
		self.assertEqual(
			frappe.db.get_value("Workflow", {"document_type": "Complaint", "is_active": 1}),
			"Complaint Lifecycle",
		)

	def test_ko41a_masters_seeded_for_this_reporting_year(self):
		year = reporting_year_of(getdate(nowdate()))
		for doctype in install.MASTER_DOCTYPES:
			self.assertTrue(frappe.db.count(doctype, {"reporting_year": year, "active": 1}), doctype)
		self.assertEqual(
			frappe.db.get_value("Complaint Subject Area", f"SA04 {year}", "title"), "Clinical treatment"
		)

	def test_after_install_is_idempotent(self):
		before = {
			d: frappe.db.count(d) for d in (*install.MASTER_DOCTYPES, "Role", "Workflow", "Workflow State")
		}
		presets = len(frappe.get_single("JLC Settings").timescale_presets)
		install.after_install()
		after = {d: frappe.db.count(d) for d in before}
		self.assertEqual(before, after)
		self.assertEqual(len(frappe.get_single("JLC Settings").timescale_presets), presets)

	def test_settings_defaults(self):
		settings = frappe.get_single("JLC Settings")
		presets = {row.preset: row.working_days for row in settings.timescale_presets}
		self.assertEqual(presets, {"Simple": 25, "Standard": 40, "Complex": 60, "Multi-organisation": 80})
		self.assertEqual((settings.candour_contractual_working_days, settings.retention_years), (10, 10))

	def test_find_leftovers_sees_what_is_installed(self):
		found = install.find_leftovers()
		self.assertEqual(set(found["Role"]), set(install.ROLES))
		self.assertIn("Complaint", found["DocType"])
