"""Triangulation figures: complaints, incidents, claims and candour per service area and month, and hotspots.

One GROUP BY query per source, over all records (never a loop over documents); only service areas, dates and
counts are read, never a person. The rising and hotspot rule is :mod:`jlc_frappe.rules.triangulation`, with the
site's minimum count and ratio (JLC Settings).

Service areas are KO41a masters, one record per reporting year ("SV01 2025-26", "SV01 2026-27"): figures are
grouped by the area's KO41a *code*, so a service area's months run on across 1 April. Months are whole
calendar months; a record without a service area is not counted.
"""

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Extract
from frappe.utils import get_last_day, getdate

from jlc_frappe.governance.service_areas import code_of
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import hotspot_rule
from jlc_frappe.rules.triangulation import BASELINE_MONTHS, add_months, hotspot_rows, month_of


def hotspots(from_date, to_date, service_area: str | None = None, by: str = "service_area") -> list[dict]:
	"""One dict per service area and month from the month of `from_date` to the month of `to_date`.

	``{"service_area", "month", "complaints", "incidents", "claims", "candour", "rising", "hotspot"}``:
	``service_area`` is the KO41a code (e.g. "SV01"), ``month`` the month's first day (a date), the four
	counts are complaints by date received (once per distinct service area of their aspects), incidents by
	date reported, claims by date notified, candour notifications by their incident's date reported and
	service area; ``rising`` names the sources that rise (``jlc_frappe.rules.triangulation.SOURCES`` order)
	and ``hotspot`` is True when two or more do. The three months before `from_date` are read for the rule.
	Service areas with no record in the months reported are left out. `service_area` (a Complaint Service
	Area name or a KO41a code) keeps one area only.

	With ``by="theme"`` the rows are per Learning Theme instead (``{"theme", "month", ...}``), each source
	counted through the theme's mappings: complaints by the KO41a subject areas of their aspects, incidents
	(and their candour notifications) by category, claims by type; `service_area` then names a theme.
	"""
	first, last = month_of(getdate(from_date)), month_of(getdate(to_date))
	if last < first:
		return []
	since, until = add_months(first, -BASELINE_MONTHS), get_last_day(last)
	if by == "theme":
		queries = _theme_queries(since, until, service_area)
	else:
		queries = _queries(since, until, code_of(service_area) if service_area else None)
	counts: dict[tuple[str, str, date], int] = {}
	for source, query in queries.items():
		for row in query.run(as_dict=True):
			counts[(row.code, source, date(int(row.year), int(row.month), 1))] = int(row.n)
	min_count, ratio = hotspot_rule()
	return hotspot_rows(
		counts, first, last, min_count, ratio, key="theme" if by == "theme" else "service_area"
	)


def _queries(since: date, until: date, code: str | None) -> dict:
	"""{source: query} each selecting code, year, month and n, grouped in SQL."""
	area = frappe.qb.DocType("Complaint Service Area")
	complaint = frappe.qb.DocType("Complaint")
	aspect = frappe.qb.DocType("Complaint Aspect")
	incident = frappe.qb.DocType("Patient Safety Incident")
	claim = frappe.qb.DocType("Claim")
	candour = frappe.qb.DocType("Candour Notification")
	complaints = (
		frappe.qb.from_(complaint)
		.join(aspect)
		.on(
			(aspect.parent == complaint.name)
			& (aspect.parenttype == "Complaint")
			& (aspect.parentfield == "aspects")
		)
		.join(area)
		.on(area.name == aspect.service_area)
	)
	incidents = frappe.qb.from_(incident).join(area).on(area.name == incident.service_area)
	claims = frappe.qb.from_(claim).join(area).on(area.name == claim.service_area)
	candours = (
		frappe.qb.from_(candour)
		.join(incident)
		.on(incident.name == candour.incident)
		.join(area)
		.on(area.name == incident.service_area)
	)
	return {
		"complaints": _grouped(
			complaints, complaint.received_on, complaint.name, area.code, since, until, code
		),
		"incidents": _grouped(incidents, incident.reported_on, None, area.code, since, until, code),
		"claims": _grouped(claims, claim.notified_on, None, area.code, since, until, code),
		"candour": _grouped(candours, incident.reported_on, None, area.code, since, until, code),
	}


def _theme_queries(since: date, until: date, theme: str | None) -> dict:
	"""{source: query} selecting theme (as code), year, month and n, through the Learning Theme Mappings."""
	mapping = frappe.qb.DocType("Learning Theme Mapping")
	subject = frappe.qb.DocType("Complaint Subject Area")
	complaint = frappe.qb.DocType("Complaint")
	aspect = frappe.qb.DocType("Complaint Aspect")
	incident = frappe.qb.DocType("Patient Safety Incident")
	claim = frappe.qb.DocType("Claim")
	candour = frappe.qb.DocType("Candour Notification")

	def mapped(source: str, value):
		return (
			(mapping.source == source) & (mapping.value == value) & (mapping.parenttype == "Learning Theme")
		)

	complaints = (
		frappe.qb.from_(complaint)
		.join(aspect)
		.on((aspect.parent == complaint.name) & (aspect.parenttype == "Complaint"))
		.join(subject)
		.on(subject.name == aspect.subject_area)
		.join(mapping)
		.on(mapped("Complaint subject area", subject.code))
	)
	incidents = frappe.qb.from_(incident).join(mapping).on(mapped("Incident category", incident.category))
	claims = frappe.qb.from_(claim).join(mapping).on(mapped("Claim type", claim.claim_type))
	candours = (
		frappe.qb.from_(candour)
		.join(incident)
		.on(incident.name == candour.incident)
		.join(mapping)
		.on(mapped("Incident category", incident.category))
	)
	key = mapping.parent
	return {
		"complaints": _grouped(complaints, complaint.received_on, complaint.name, key, since, until, theme),
		"incidents": _grouped(incidents, incident.reported_on, incident.name, key, since, until, theme),
		"claims": _grouped(claims, claim.notified_on, claim.name, key, since, until, theme),
		"candour": _grouped(candours, incident.reported_on, candour.name, key, since, until, theme),
	}


def _grouped(query, on, counted, key, since: date, until: date, only: str | None):
	"""`query` between `since` and `until` on the date `on`, counting distinct `counted` per `key` (a service
	area's code or a theme) and month; `only` keeps one key. `counted` None: each row is a distinct record
	(it names one service area, or one theme), so rows are counted without the cost of DISTINCT."""
	year, month = Extract("year", on), Extract("month", on)
	query = query.where(on[since:until])
	if only:
		query = query.where(key == only)
	return query.select(
		key.as_("code"),
		year.as_("year"),
		month.as_("month"),
		(Count("*") if counted is None else Count(counted).distinct()).as_("n"),
	).groupby(key, year, month)
