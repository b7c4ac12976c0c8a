# Copyright (c) 2026, JLC developers. License: MIT.

import frappe
from frappe.utils import getdate

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.tests.fixtures import make_complaint


class TestJLCSettings(JLCTestCase):
	def test_unknown_or_duplicate_presets_refused(self):
		settings = frappe.get_single("JLC Settings")
		settings.append("timescale_presets", {"preset": "Simple", "working_days": 10})
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.reload()
		settings.default_timescale_preset = "Leisurely"
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_closure_day_moves_deadlines(self):
		with self.freeze_time("2026-03-09 10:00:00.123456"):
			before = make_complaint(received_on="2026-03-09")
			self.assertEqual(str(before.acknowledgement_due), "2026-03-12")
			settings = frappe.get_single("JLC Settings")
			settings.append("closure_days", {"closure_date": "2026-03-11", "description": "Trust closure"})
			settings.save()
			after = make_complaint(received_on="2026-03-09")
		self.assertEqual(getdate(after.acknowledgement_due), getdate("2026-03-13"))

	def test_preset_working_days_drive_response_date(self):
		settings = frappe.get_single("JLC Settings")
		for row in settings.timescale_presets:
			if row.preset == "Standard":
				row.working_days = 1
		settings.save()
		with self.freeze_time("2026-11-26 10:00:00.123456"):
			doc = make_complaint(received_on="2026-11-26", severity="Moderate")
		self.assertEqual(str(doc.response_due), "2026-11-27")
