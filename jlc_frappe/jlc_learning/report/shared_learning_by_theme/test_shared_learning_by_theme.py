"""Tier B: Shared Learning by Theme counts what each organisation shared, by theme, in the period."""

import frappe
from frappe.utils import add_days, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_learning.report.shared_learning_by_theme.shared_learning_by_theme import execute
from jlc_frappe.tests.fixtures import email, ensure_users


def share(organisation: str, action: str, theme: str | None, shared_on=None):
	return frappe.get_doc(
		{
			"doctype": "Shared Learning",
			"source_organisation": organisation,
			"source_action": action,
			"title": "Hourly comfort rounds",
			"theme": theme,
			"public_summary": "You told us patients waited without water; we added hourly rounds.",
			"shared_on": shared_on or today(),
		}
	).insert()


class TestSharedLearningByTheme(JLCTestCase):
	def setUp(self):
		self.org = f"Trust {frappe.generate_hash(length=6)}"

	def test_counts_by_theme_and_organisation(self):
		share(self.org, "LA-1", "Communication")
		share(self.org, "LA-2", "Communication")
		share(self.org, "LA-3", None)
		share(self.org, "LA-4", "Communication", shared_on=add_days(today(), -800))
		columns, rows, _message, chart, summary = execute(
			{"from_date": add_days(today(), -30), "to_date": today(), "source_organisation": self.org}
		)
		counts = {(r["theme"], r["source_organisation"]): r["shared"] for r in rows}
		self.assertEqual(counts, {("Communication", self.org): 2, ("No theme", self.org): 1})
		self.assertEqual(summary[0]["value"], 3)
		self.assertEqual([c["fieldname"] for c in columns][:3], ["theme", "source_organisation", "shared"])
		self.assertTrue(chart)

	def test_every_desk_role_reads_it(self):
		ensure_users()
		for key in ("manager", "handler", "rp", "leader", "staff", "panel", "safety", "claims"):
			self.assertTrue(frappe.has_permission("Shared Learning", "read", user=email(key)), key)
		self.assertFalse(frappe.has_permission("Shared Learning", "create", user=email("leader")))

	def test_identifiable_text_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Shared Learning",
					"source_organisation": self.org,
					"source_action": "LA-9",
					"title": "Call back",
					"public_summary": "We rang the family on 020 7946 0000.",
				}
			).insert()

	def test_one_row_per_organisation_and_action(self):
		share(self.org, "LA-1", None)
		with self.assertRaises(frappe.UniqueValidationError):
			share(self.org, "LA-1", None)
