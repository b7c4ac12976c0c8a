# Copyright (c) 2026, JLC developers. License: MIT.
"""Tier B: the public learning page (/learning) as Guest, from a real web server on 127.0.0.1.

Every field of the actions seeded here holds a marker; only the public ones of shared, done actions may reach the
page: the shared action's title, summary, theme, service area and verified impact, and a published report. Never
the action's other fields, nor an action not shared or not done, nor one whose published text names a person on
its sources (written around the action's own check, as text saved before the name was known would be)."""

import frappe
import requests
from frappe.utils import add_days, add_months, getdate, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.jlc_learning import public_learning
from jlc_frappe.rules.reporting import reporting_year_of
from jlc_frappe.tests.fixtures import act, ensure_users, make_complaint, make_learning_action
from jlc_frappe.tests.leak_harness import Server

COMPLAINANT = "Zebedee Quartermaine"


class TestPublicLearningPage(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.token = frappe.generate_hash(length=8).upper()
		themes = frappe.get_all("Learning Theme", pluck="name", order_by="name asc", limit=2)
		cls.theme, cls.other_theme = themes
		cls.area = frappe.get_all("Complaint Service Area", {"active": 1}, ["name", "title"], limit=1)[0]
		cls.complaint = make_complaint(complainant_name=COMPLAINANT)
		cls.shared = cls.done(
			"SHARED",
			theme=cls.theme,
			service_area=cls.area.name,
			share_externally=1,
			verify=True,
		)
		cls.last_year = cls.done("LASTYEAR", theme=cls.other_theme, share_externally=1)
		frappe.db.set_value(
			"Learning Action",
			cls.last_year.name,
			"completed_on",
			add_months(today(), -12),
			update_modified=False,
		)
		cls.unshared = cls.done("UNSHARED", theme=cls.theme)
		cls.unfinished = make_learning_action(
			cls.users["staff"],
			title=cls.m("UNFINISHEDTITLE"),
			share_externally=1,
			public_summary=cls.m("UNFINISHEDSUMMARY"),
		)
		cls.named = cls.done("NAMED", share_externally=1, sources=[("Complaint", cls.complaint.name)])
		frappe.db.set_value(
			"Learning Action",
			cls.named.name,
			"public_summary",
			f"{COMPLAINANT} waited for water. {cls.m('NAMEDSUMMARY')}",
			update_modified=False,
		)
		cls.report = frappe.get_doc(
			{
				"doctype": "Published Annual Report",
				"reporting_year": "2398-99",
				"report_url": f"https://example.org/{cls.m('REPORTURL')}.pdf",
				"summary": cls.m("REPORTSUMMARY"),
			}
		).insert()
		frappe.db.commit()
		public_learning.clear_cache()
		cls.server = Server()
		cls.server.start()

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		for doc in (
			cls.shared,
			cls.last_year,
			cls.unshared,
			cls.unfinished,
			cls.named,
			cls.report,
			cls.complaint,
		):
			frappe.delete_doc(doc.doctype, doc.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		public_learning.clear_cache()
		super().tearDownClass()

	@classmethod
	def m(cls, field: str) -> str:
		return f"PL{cls.token}{field}"

	@classmethod
	def done(cls, key: str, sources=(), verify: bool = False, **values):
		"""A completed action whose every text field holds a marker; its impact verified if `verify`."""
		doc = make_learning_action(
			cls.users["staff"],
			sources=sources,
			title=cls.m(f"{key}TITLE"),
			description=cls.m(f"{key}DESCRIPTION"),
			public_summary=cls.m(f"{key}SUMMARY"),
			due_date=add_days(today(), 30),
			**values,
		)
		doc = act(act(doc, "Agree"), "Start")
		doc.evidence = cls.m(f"{key}EVIDENCE")
		doc.impact_measure = cls.m(f"{key}MEASURE")
		doc.impact_result = cls.m(f"{key}IMPACT")
		doc.save()
		doc = act(doc, "Complete")
		return act(doc, "Verify Impact") if verify else doc

	def page(self, **params) -> str:
		response = requests.get(
			f"{self.server.base}/learning", params=params, headers={"Host": self.server.site}, timeout=30
		)
		self.assertEqual(response.status_code, 200)
		return response.text

	def test_guest_sees_shared_summaries_only(self):
		body = self.page()
		for field in ("SHAREDTITLE", "SHAREDSUMMARY", "SHAREDIMPACT", "LASTYEARTITLE", "REPORTSUMMARY"):
			self.assertIn(self.m(field), body, field)
		self.assertIn(self.m("REPORTURL"), body)
		self.assertIn(self.area.title, body)
		self.assertIn(self.theme, body)
		never = ("DESCRIPTION", "EVIDENCE", "MEASURE", "UNSHARED", "UNFINISHED", "NAMED", "LASTYEARIMPACT")
		leaked = sorted({f for f in never if self.m(f) in body})
		self.assertEqual(leaked, [], "fields and actions that never reach the page")
		for private in (
			COMPLAINANT,
			self.users["staff"],
			self.shared.name,
			self.complaint.name,
			self.named.name,
		):
			self.assertNotIn(private, body)
		self.assertLess(
			body.index(self.m("SHAREDTITLE")), body.index(self.m("LASTYEARTITLE")), "newest first"
		)

	def test_filters(self):
		this_year = reporting_year_of(getdate(today()))
		last_year = reporting_year_of(getdate(add_months(today(), -12)))
		by_theme = self.page(theme=self.theme)
		self.assertIn(self.m("SHAREDTITLE"), by_theme)
		self.assertNotIn(self.m("LASTYEARTITLE"), by_theme)
		by_year = self.page(year=last_year)
		self.assertIn(self.m("LASTYEARTITLE"), by_year)
		self.assertNotIn(self.m("SHAREDTITLE"), by_year)
		both = self.page(theme=self.other_theme, year=this_year)
		self.assertNotIn(self.m("LASTYEARTITLE"), both)
		self.assertIn(self.m("REPORTSUMMARY"), both, "the annual reports stay beside any filter")
		unknown = self.page(theme="<script>alert(1)</script>", year="1999-00")
		self.assertNotIn("<script>alert(1)", unknown)
		self.assertIn(self.m("SHAREDTITLE"), unknown, "values not offered are ignored")

	def test_cached_until_a_shared_action_changes(self):
		self.page()
		self.assertIsNotNone(frappe.cache.get_value(public_learning.CACHE_KEY))
		doc = frappe.get_doc("Learning Action", self.shared.name)
		doc.public_summary = self.m("REWRITTENSUMMARY")
		doc.save()
		frappe.db.commit()
		self.assertIn(self.m("REWRITTENSUMMARY"), self.page())
		doc.share_externally = 0
		doc.save()
		frappe.db.commit()
		body = self.page()
		self.assertNotIn(self.m("REWRITTENSUMMARY"), body)
		self.assertNotIn(self.m("SHAREDTITLE"), body)
		doc.share_externally, doc.public_summary = 1, self.m("SHAREDSUMMARY")
		doc.save()
		frappe.db.commit()
		self.assertIn(self.m("SHAREDSUMMARY"), self.page())
