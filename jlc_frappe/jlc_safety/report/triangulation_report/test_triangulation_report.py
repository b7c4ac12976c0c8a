# Copyright (c) 2026, JLC developers. License: MIT.
"""Triangulation: hand-counted complaints, incidents, claims and candour over several months (across 1 April,
where KO41a service areas change record), one area a hotspot, another rising in one source only."""

from contextlib import contextmanager
from datetime import date

import frappe
from frappe.desk.query_report import run

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance.triangulation import hotspots
from jlc_frappe.jlc_safety.report.triangulation_report.triangulation_report import execute
from jlc_frappe.tests.fixtures import add_aspect, ensure_users, make_complaint, make_incident

MAR, APR = date(2026, 3, 1), date(2026, 4, 1)


class TestTriangulationReport(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		suffix = frappe.generate_hash(length=6).upper()
		cls.a, cls.b = f"TRA{suffix}", f"TRB{suffix}"
		for code in (cls.a, cls.b):
			for year in ("2025-26", "2026-27"):
				frappe.get_doc(
					{
						"doctype": "Complaint Service Area",
						"code": code,
						"title": f"Triangulation test {code[:3]}",
						"reporting_year": year,
					}
				).insert()
		with cls.freeze_time(cls, "2026-05-05 10:00:00.123456"):
			cls.make_data()

	@classmethod
	def area(cls, code: str, on: str) -> str:
		"""The service area record of `code` for the reporting year of `on` (April starts a new one)."""
		return f"{code} {'2026-27' if on >= '2026-04-01' else '2025-26'}"

	@classmethod
	def complaint(cls, on: str, *codes: str):
		doc = make_complaint(received_on=on)
		for code in codes:
			add_aspect(doc)
			doc.aspects[-1].service_area = cls.area(code, on)
		doc.save()
		return doc

	@classmethod
	def incident(cls, on: str, code: str, occurred_on: str | None = None, harm: str = "Low"):
		area = cls.area(code, on)
		return make_incident(
			reported_on=on, occurred_on=occurred_on or on, service_area=area, physical_harm=harm
		)

	@classmethod
	def make_data(cls):
		a, b = cls.a, cls.b
		# A, complaints: Jan 1, Feb 1, Mar 1 (on the 31st), Apr 4 (one from the 1st, one naming A twice, one
		# naming A and B): April 4 >= 3 and >= 1.5 x (1 + 1 + 1) / 3, so complaints rise in April.
		cls.complaint("2026-01-10", a)
		cls.complaint("2026-02-10", a)
		cls.complaint("2026-03-31", a)
		cls.complaint("2026-04-01", a)
		cls.complaint("2026-04-15", a, a)
		cls.complaint("2026-04-20", a)
		cls.complaint("2026-04-21", a, b)
		# A, incidents: none before, 3 reported in April (one occurred in March, one Moderate: a candour
		# notification), so incidents rise in April too: A in April is a hotspot.
		cls.incident("2026-04-02", a, occurred_on="2026-03-20")
		cls.incident("2026-04-08", a, harm="Moderate")
		cls.incident("2026-04-30", a)
		# A, a claim notified in March.
		frappe.get_doc(
			{
				"doctype": "Claim",
				"external_reference": f"NHSR-{a}",
				"scheme": "CNST",
				"claim_type": "Clinical negligence",
				"notified_on": "2026-03-12",
				"service_area": cls.area(a, "2026-03-12"),
			}
		).insert()
		# B, complaints: 3 in March from nothing (rise), 1 in April (the complaint naming A and B).
		for day in ("2026-03-02", "2026-03-16", "2026-03-30"):
			cls.complaint(day, b)
		# B, incidents: 2 a month Jan to Mar: March's 2 is below the minimum of 3, no rise. B rises in one source.
		for day in ("2026-01-05", "2026-01-25", "2026-02-05", "2026-02-25", "2026-03-05", "2026-03-25"):
			cls.incident(day, b)

	def rows(self, **kwargs) -> dict:
		found = hotspots("2026-03-15", "2026-04-10", **kwargs)
		return {(r["service_area"], r["month"]): r for r in found if r["service_area"] in (self.a, self.b)}

	@contextmanager
	def hotspot_settings(self, min_count, ratio):
		settings = frappe.get_single("JLC Settings")
		before = settings.hotspot_min_count, settings.hotspot_ratio
		settings.hotspot_min_count, settings.hotspot_ratio = min_count, ratio
		settings.save()
		try:
			yield
		finally:
			settings = frappe.get_single("JLC Settings")
			settings.hotspot_min_count, settings.hotspot_ratio = before
			settings.save()

	def test_hand_counted_rows(self):
		rows = self.rows()
		self.assertEqual(set(rows), {(self.a, MAR), (self.a, APR), (self.b, MAR), (self.b, APR)})
		counts = {
			key: tuple(r[s] for s in ("complaints", "incidents", "claims", "candour"))
			for key, r in rows.items()
		}
		self.assertEqual(counts[(self.a, MAR)], (1, 0, 1, 0))
		self.assertEqual(counts[(self.a, APR)], (4, 3, 0, 1), "one complaint naming A twice counts once")
		self.assertEqual(counts[(self.b, MAR)], (3, 2, 0, 0))
		self.assertEqual(counts[(self.b, APR)], (1, 0, 0, 0), "a complaint counts in each area it names")
		flags = {key: (r["rising"], r["hotspot"]) for key, r in rows.items()}
		self.assertEqual(flags[(self.a, APR)], (["complaints", "incidents"], True))
		self.assertEqual(flags[(self.a, MAR)], ([], False))
		self.assertEqual(flags[(self.b, MAR)], (["complaints"], False), "one source rising is no hotspot")
		self.assertEqual(flags[(self.b, APR)], ([], False))
		self.assertEqual(
			set(rows[(self.a, APR)]),
			{"service_area", "month", "complaints", "incidents", "claims", "candour", "rising", "hotspot"},
		)

	def test_service_area_filter_by_record_or_code(self):
		for area in (self.a, f"{self.a} 2025-26"):
			with self.subTest(area=area):
				self.assertEqual(set(self.rows(service_area=area)), {(self.a, MAR), (self.a, APR)})

	def test_settings_change_the_result(self):
		with self.hotspot_settings(4, 1.5):  # incidents' 3 and B's 3 complaints are below 4
			rows = self.rows()
			self.assertEqual(rows[(self.a, APR)]["rising"], ["complaints"])
			self.assertFalse(rows[(self.a, APR)]["hotspot"])
			self.assertEqual(rows[(self.b, MAR)]["rising"], [])
		with self.hotspot_settings(3, 4):  # April's 4 complaints are exactly 4 x their average of 1
			self.assertTrue(self.rows()[(self.a, APR)]["hotspot"])
		with self.hotspot_settings(3, 4.01):
			rows = self.rows()
			self.assertEqual(rows[(self.a, APR)]["rising"], ["incidents"])
			self.assertFalse(rows[(self.a, APR)]["hotspot"])
		self.assertTrue(self.rows()[(self.a, APR)]["hotspot"], "the settings are back")

	def test_settings_refuse_nonsense_and_fill_blanks(self):
		settings = frappe.get_single("JLC Settings")
		settings.hotspot_ratio = 0.5
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.reload()
		settings.hotspot_min_count, settings.hotspot_ratio = 0, 0
		settings.save()
		self.assertEqual((settings.hotspot_min_count, settings.hotspot_ratio), (3, 1.5))

	def test_report_rows_chart_and_summary(self):
		columns, data, message, chart, summary = execute(
			{"from_date": "2026-03-01", "to_date": "2026-04-30", "service_area": f"{self.a} 2026-27"}
		)
		self.assertEqual([row["month"] for row in data], [MAR, APR])
		self.assertEqual(data[1]["rising"], "Complaints, Incidents")
		self.assertEqual((data[0]["hotspot"], data[1]["hotspot"]), (0, 1))
		self.assertEqual(data[1]["service_area_title"], f"Triangulation test {self.a[:3]}")
		self.assertIn("hotspot", [c["fieldname"] for c in columns])
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(cards["Hotspots"], 1)
		self.assertEqual(cards["Complaints (once per service area)"], 5)
		self.assertEqual((cards["Incidents"], cards["Claims"], cards["Candour notifications"]), (3, 1, 1))
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		self.assertEqual(datasets["Complaints"], [1, 4])
		self.assertEqual(datasets["Incidents"], [0, 3])
		self.assertEqual(len(chart["data"]["labels"]), 2)
		self.assertIn("1.5", message)
		self.assertRaises(
			frappe.ValidationError, execute, {"from_date": "2026-04-01", "to_date": "2026-03-01"}
		)

	def test_roles_that_may_run_it(self):
		filters = {"from_date": "2026-03-01", "to_date": "2026-04-30", "service_area": self.a}
		for key in ("claims", "panel", "safety", "leader"):
			with self.subTest(role=key), self.set_user(self.users[key]):
				result = run("Triangulation Report", filters)
				self.assertEqual(sum(row["hotspot"] for row in result["result"]), 1)
		for key in ("handler", "staff"):
			with self.subTest(role=key), self.set_user(self.users[key]):
				self.assertRaises(frappe.PermissionError, run, "Triangulation Report", filters)

	def test_the_same_view_by_theme(self):
		"""A theme gathers a subject area's complaints and a category's incidents (and their candour)."""
		suffix = frappe.generate_hash(length=6).upper()
		subject = frappe.get_doc(
			{
				"doctype": "Complaint Subject Area",
				"code": f"TS{suffix}",
				"title": "Theme test subject",
				"reporting_year": "2026-27",
			}
		).insert()
		theme = frappe.get_doc(
			{
				"doctype": "Learning Theme",
				"theme": f"Theme test {suffix}",
				"mappings": [
					{"source": "Complaint subject area", "value": subject.code},
					{"source": "Incident category", "value": f"Falls {suffix}"},
				],
			}
		).insert()
		with self.freeze_time("2026-05-05 10:00:00.123456"):
			for day in ("2026-04-06", "2026-04-13", "2026-04-20"):
				doc = make_complaint(received_on=day)
				add_aspect(doc)
				doc.aspects[-1].subject_area = subject.name
				doc.save()
				make_incident(
					reported_on=day, occurred_on=day, category=f"Falls {suffix}", physical_harm="Moderate"
				)
		rows = hotspots("2026-04-01", "2026-04-30", by="theme")
		(row,) = [r for r in rows if r["theme"] == theme.name]
		self.assertEqual((row["complaints"], row["incidents"], row["candour"]), (3, 3, 3))
		self.assertEqual((row["rising"][:2], row["hotspot"]), (["complaints", "incidents"], True))
		_c, data, *_ = execute(
			{"from_date": "2026-04-01", "to_date": "2026-04-30", "view_by": "Theme", "theme": theme.name}
		)
		self.assertEqual([d["service_area"] for d in data], [theme.name])
		# a value belongs to one theme, so nothing counts twice
		other = frappe.get_doc(
			{
				"doctype": "Learning Theme",
				"theme": f"Other theme {suffix}",
				"mappings": [{"source": "Incident category", "value": f"Falls {suffix}"}],
			}
		)
		self.assertRaises(frappe.ValidationError, other.insert)

	def test_hotspots_chart_per_role(self):
		from jlc_frappe.jlc_safety.dashboard_chart_source.triangulation_hotspots.triangulation_hotspots import (
			get,
		)

		with self.set_user(self.users["safety"]):
			data = get(
				chart_name="Triangulation Hotspots by Service Area",
				from_date="2026-03-01",
				to_date="2026-04-30",
			)
		at = data["labels"].index(f"Triangulation test {self.a[:3]}")
		self.assertEqual((data["datasets"][0]["values"][at], data["datasets"][1]["values"][at]), (1, 0))
		self.assertEqual(
			data["datasets"][1]["values"][data["labels"].index(f"Triangulation test {self.b[:3]}")], 1
		)
		with self.set_user(self.users["handler"]):
			self.assertRaises(
				frappe.PermissionError, get, chart_name="Triangulation Hotspots by Service Area"
			)
