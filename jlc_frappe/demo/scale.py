"""A realistic trust at scale, for trying the app with real volumes and for measuring it:

	bench --site SITE execute jlc_frappe.demo.generate --kwargs "{'complaints': 2000, 'seed': 1}"
	bench --site SITE execute jlc_frappe.demo.remove

Complaints received over the last `months` in every workflow state, with KO41a aspects, deadlines met and
missed, agreed extensions, reopenings, withdrawals and Ombudsman referrals; patient safety incidents (twice as
many as complaints by default) with the duty of candour; claims; learning actions; a complaints panel a month;
users of every role; every person in the identity store (JLC Person) with a valid NHS number. The same seed on the
same day gives the same data. Controllers are too slow for 100,000 complaints, so rows are written set-based
(`frappe.db.bulk_insert`) with the values the app's own rules give (`jlc_frappe.demo.bulk`). Every row is named
GEN-...; the users are @gen.nhs.example; `remove` takes exactly them away, with the KO41a masters seeded for them.
"""

import random
import time
from datetime import date, timedelta

import frappe
from frappe.utils import getdate, nowdate

from jlc_frappe.demo import bulk
from jlc_frappe.demo.bulk_complaints import make_complaint
from jlc_frappe.demo.bulk_learning import make_action, make_panels, take_snapshots
from jlc_frappe.demo.bulk_people import People, make_users
from jlc_frappe.demo.bulk_safety import make_candour, make_claim, make_incident
from jlc_frappe.install import MASTER_DOCTYPES, seed_ko41a_masters
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules.reporting import reporting_year_of

# How common the most common KO41a categories are in an acute trust (the others: 0.2 to 1.2, by the seed).
COMMON = {
	"SA04": 4.0,  # clinical treatment
	"SA06": 3.0,  # communications
	"SA19": 2.0,  # values and behaviours (staff)
	"SA03": 1.8,  # appointments
	"SA20": 1.5,  # waiting times
	"SA12": 1.5,  # patient care
	"SV06": 3.0,  # inpatient services
	"SV09": 2.5,  # outpatient services
	"SV01": 2.0,  # accident and emergency
	"SV11": 1.5,  # surgery
	"SV02": 0.1,  # ambulance services (another trust's)
	"SG01": 3.0,  # medical
	"SG02": 3.0,  # nursing, midwifery and health visiting
	"SG05": 1.2,  # administrative and clerical
	"SG04": 0.1,  # ambulance staff
}


class Context:
	"""What every generated record is made with: the random source, the day, the rules' settings, the users."""

	def __init__(self, seed: int, months: int, today: date):
		self.rng, self.surge_rng = random.Random(seed), random.Random(seed * 7919 + 1)
		self.today, self.start = today, today - timedelta(days=round(months * 30.44))
		settings = jlc_settings.get_settings()
		self.cal = bulk.CachedCalendar(jlc_settings.get_calendar())
		self.soon = settings.due_soon_working_days or 0
		self.candour_days = settings.candour_contractual_working_days
		self.presets, self.bands = jlc_settings.preset_working_days(), jlc_settings.age_bands()
		severities = ("", "Low", "Moderate", "High", "Extreme")
		self.preset_for = {(s, m): jlc_settings.preset_for(s, m) for s in severities for m in (False, True)}
		self.themes = frappe.get_all("Learning Theme", filters={"active": 1}, pluck="name", order_by="name")
		self.writer = bulk.Writer()
		self.people = People(self.writer, self.rng)
		self.seed, self.masters, self.titles, self.codes, self.weights, self.surges = seed, {}, {}, {}, {}, {}
		self.referrals = self.candour = self.actions = 0
		self.users: dict = {}

	def received_date(self) -> date:
		"""A day in the window, mostly a working day (some post and web forms arrive at weekends)."""
		day = self.start + timedelta(days=self.rng.randint(0, (self.today - self.start).days))
		if day.weekday() >= 5 and self.rng.random() < 0.8:
			day = min(day + timedelta(days=7 - day.weekday()), self.today)
		return day

	def year_of(self, day: date) -> str:
		return reporting_year_of(day)

	def load_masters(self) -> None:
		"""The KO41a masters of every reporting year in the window, seeded where missing (and remembered)."""
		seeded, day = [], self.start
		while day <= self.today:
			year = reporting_year_of(day)
			before = {
				d: set(frappe.get_all(d, {"reporting_year": year}, pluck="name")) for d in MASTER_DOCTYPES
			}
			seed_ko41a_masters(day)
			for doctype in MASTER_DOCTYPES:
				rows = frappe.get_all(
					doctype, {"reporting_year": year}, ["name", "code", "title"], order_by="code"
				)
				seeded += [(doctype, row.name) for row in rows if row.name not in before[doctype]]
				self.masters[(year, doctype)] = [row.name for row in rows]
				self.titles.update({row.name: row.title for row in rows})
				for row in rows:  # how common each category is in this trust
					mix = COMMON.get(row.code) or random.Random(f"{self.seed} {row.code}").uniform(0.2, 1.2)
					self.weights.setdefault((doctype, row.code), mix)
					self.codes[row.name] = row.code
			day = date(int(year[:4]) + 1, 4, 1)
		bulk.remember_masters(seeded)

	def master(self, year: str, doctype: str, on: date | None = None) -> str:
		"""A master of `year`, as common as the trust's mix says; a service area surges in some months."""
		names = self.masters[(year, doctype)]
		weights = [self.weights[(doctype, self.codes[name])] for name in names]
		if on:
			weights = [w * self.surge(on, self.codes[name]) for w, name in zip(weights, names, strict=True)]
		return self.rng.choices(names, weights)[0]

	def surge(self, on: date, code: str) -> float:
		key = (on.year, on.month, code)
		if key not in self.surges:
			self.surges[key] = 3.0 if self.surge_rng.random() < 0.05 else 1.0
		return self.surges[key]


def generate(
	complaints: int = 2000,
	incidents: int | None = None,
	claims: int | None = None,
	seed: int = 1,
	months: int = 30,
	commit: bool = True,
	quiet: bool = False,
) -> dict:
	"""Make the data set (module docstring); returns {doctype: rows written} and the time taken."""
	if frappe.db.exists("Complaint", {"name": ("like", bulk.PREFIX + "%")}):
		print("Generated data is already on this site: run jlc_frappe.demo.remove first. Nothing done.")
		return {}
	from jlc_frappe.demo import _complete_setup

	_complete_setup()
	started = time.perf_counter()
	incidents = complaints * 2 if incidents is None else incidents
	claims = max(1, complaints // 20) if claims is None else claims
	ctx = Context(seed, months, getdate(nowdate()))
	ctx.load_masters()
	ctx.users = make_users(ctx.rng, complaints)
	made = [make_complaint(ctx, i) for i in range(1, complaints + 1)]
	harmed = []
	for i in range(1, incidents + 1):
		incident = make_incident(ctx, i, made)
		if incident.get("candour_notification"):
			harmed.append({key: incident[key] for key in ("name", "reported_on", "service_area")})
	for complaint in made:
		if complaint.harm:
			make_candour(ctx, None, complaint)
	for i in range(1, claims + 1):
		make_claim(ctx, i, harmed, made)
	actions = []
	for complaint in made:
		if (
			complaint.closed_on
			and complaint.outcome in ("Upheld", "Partially Upheld")
			and ctx.rng.random() < 0.12
		):
			start = ctx.cal.add_working_days(complaint.closed_on, ctx.rng.randint(1, 10))
			area = complaint.service_areas[0] if complaint.service_areas else None
			actions.append(make_action(ctx, ("Complaint", complaint.name), start, area))
	for incident in harmed:
		if ctx.rng.random() < 0.2:
			start = ctx.cal.add_working_days(incident["reported_on"], ctx.rng.randint(20, 60))
			source = ("Patient Safety Incident", incident["name"])
			actions.append(make_action(ctx, source, start, incident["service_area"]))
	actions = [
		{key: action[key] for key in ("name", "title", "due_date", "workflow_state")}
		for action in actions
		if action
	]
	held = make_panels(ctx, made, actions)
	ctx.writer.flush()
	take_snapshots(held)
	if commit:
		frappe.db.commit()
	counts = dict(sorted(ctx.writer.counts.items()))
	counts["User"] = sum(len(users) for users in ctx.users.values())
	seconds = time.perf_counter() - started
	if not quiet:
		print(f"Generated in {seconds:.1f} s (seed {seed}, {months} months to {ctx.today}):")
		for doctype, count in counts.items():
			print(f"  {doctype}: {count}")
	return {"counts": counts, "seconds": seconds}


def remove(commit: bool = True, quiet: bool = False) -> dict:
	"""Delete everything `generate` made (GEN- rows, @gen.nhs.example users, the KO41a masters it seeded)."""
	started = time.perf_counter()
	deleted = bulk.remove_rows()
	if commit:
		frappe.db.commit()
	if not quiet:
		print(f"Removed in {time.perf_counter() - started:.1f} s: {deleted or 'nothing generated was here'}")
	return deleted
