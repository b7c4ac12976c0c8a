"""Demo data for a small NHS trust: users of every role, about 60 complaints received over the last 8
months in every workflow state, learning actions, patient safety incidents with the duty of candour,
Ombudsman referrals, complaints panel meetings, claims and staff support.

	bench --site SITE execute jlc_frappe.demo.make

Every record goes through the app's controllers and workflows, made by the user who would make it on the day
they would make it: the clock is moved with freezegun (Frappe's own dev dependency, which the Tier B tests
use), so statutory dates, deadline statuses, versions and timestamps are the ones the app itself records.
It refuses to run twice on a site, or on a site that already holds complaints of its own. The demo users sign
in as firstname.lastname@demo.nhs.example with the password Demo-pass-123!.

The package: `data` (the trust's users and complaints), `people`, `clock` (the timeline that moves the clock),
`complaints`, `safety` (incidents, the duty of candour, claims) and `learning` (learning actions, the
complaints panel, the Ombudsman). At scale (100,000 complaints in minutes, set-based): `generate` and `remove`
(`scale`, with `bulk`, `bulk_people`, `bulk_complaints`, `bulk_safety` and `bulk_learning`).
"""

import importlib.util
import random

import frappe
from frappe.query_builder.functions import Count

from jlc_frappe.deadline_status import refresh_all_deadline_statuses
from jlc_frappe.demo.clock import Timeline
from jlc_frappe.demo.complaints import plan_complaint, plan_staff_support
from jlc_frappe.demo.data import COMPLAINTS, DOMAIN
from jlc_frappe.demo.learning import LEARNING, plan_learning_action, plan_ombudsman, plan_panels
from jlc_frappe.demo.people import forget_names, make_users
from jlc_frappe.demo.safety import plan_claims, plan_incidents
from jlc_frappe.demo.training import make_training_records
from jlc_frappe.install import seed_ko41a_masters
from jlc_frappe.rules.reporting import reporting_year_of


def make(allow_other_data: bool = False) -> None:
	"""Make the demo data set (see the module docstring)."""
	frappe.set_user("Administrator")
	made = frappe.db.count("Complaint", {"owner": ("like", f"%@{DOMAIN}")})
	if made:
		print(f"Demo data is already on this site ({made} complaints logged by demo users): nothing done.")
		return
	others = frappe.db.count("Complaint")
	if others and not allow_other_data:
		print(
			f"This site holds {others} complaints that are not demo data: nothing done. Complaints are "
			"statutory records that only a System Manager can delete; to add the demo data anyway, run with "
			"--kwargs \"{'allow_other_data': True}\"."
		)
		return
	if not importlib.util.find_spec("freezegun"):
		print(
			"The demo needs freezegun in the bench's environment (bench pip install freezegun): nothing done."
		)
		return
	_complete_setup()
	frappe.flags.mute_emails = True
	try:
		_make()
	except Exception:
		frappe.db.rollback()  # all or nothing (bench execute calls a failed method a second time)
		raise
	finally:
		frappe.flags.mute_emails = False
	refresh_all_deadline_statuses()
	frappe.db.commit()
	_report()


def generate(complaints: int = 2000, seed: int = 1, **kwargs) -> dict:
	"""A realistic trust at scale, written set-based and named GEN-... (jlc_frappe.demo.scale)."""
	from jlc_frappe.demo.scale import generate as generate_at_scale

	return generate_at_scale(complaints=complaints, seed=seed, **kwargs)


def remove(**kwargs) -> dict:
	"""Take away exactly what `generate` made (jlc_frappe.demo.scale)."""
	from jlc_frappe.demo.scale import remove as remove_generated

	return remove_generated(**kwargs)


def _complete_setup() -> None:
	"""A new site: the setup wizard answered for an English trust, as jlc_frappe.install.before_tests does."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English",
			"country": "United Kingdom",
			"timezone": "Europe/London",
			"currency": "GBP",
		}
	)


def _make() -> None:
	rng = random.Random(2026)
	forget_names()
	make_users()
	timeline = Timeline()
	cases = {}
	for case in COMPLAINTS:
		plan_complaint(timeline, case, rng)
		if case.key:
			cases[case.key] = case
	for year_start in {reporting_year_of(case.received) for case in COMPLAINTS}:
		seed_ko41a_masters(f"{year_start[:4]}-06-01")  # KO41a categories of each year complaints came in
	incidents = plan_incidents(timeline, cases, rng)
	panels = plan_panels(timeline, cases)
	for action in LEARNING:
		plan_learning_action(timeline, action, cases, incidents, panels)
	plan_ombudsman(timeline, cases)
	plan_claims(timeline, cases, incidents)
	plan_staff_support(timeline, cases)
	timeline.run()
	make_training_records(rng)


# --- what was made ------------------------------------------------------------------------------------------

REPORTED = (
	"User",
	"JLC Person",
	"Complaint",
	"Complaint Aspect",
	"Learning Action",
	"Patient Safety Incident",
	"Candour Notification",
	"Ombudsman Referral",
	"Complaints Panel Meeting",
	"Panel Meeting Confidential Items",
	"Claim",
	"Claim Finance",
	"Staff Support Record",
	"JLC Training Record",
)


def _report() -> None:
	print("Demo data made:")
	for doctype in REPORTED:
		filters = {"name": ("like", f"%@{DOMAIN}")} if doctype == "User" else {}
		print(f"  {doctype}: {frappe.db.count(doctype, filters)}")
	for doctype, fields in (
		("Complaint", ("workflow_state", "acknowledgement_status", "response_status")),
		("Learning Action", ("workflow_state", "due_status")),
		("Candour Notification", ("workflow_state", "contractual_status")),
	):
		table = frappe.qb.DocType(doctype)
		for fieldname in fields:
			counts = (
				frappe.qb.from_(table).select(table[fieldname], Count("*")).groupby(table[fieldname]).run()
			)
			shown = ", ".join(f"{value or '-'} {n}" for value, n in sorted(counts, key=lambda row: -row[1]))
			print(f"  {doctype} by {fieldname}: {shown}")
