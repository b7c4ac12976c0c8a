# Copyright (c) 2026, JLC developers. License: MIT.
"""Triangulation Report: complaints, incidents, claims and candour per service area and month, with hotspots.

Every figure comes from `jlc_frappe.governance.triangulation.hotspots` (counts over all records, never a
person); this file only lays them out. The rising and hotspot rule and its settings are explained in the
report's message."""

import frappe
from frappe import _
from frappe.utils import add_months, formatdate, get_first_day, today

from jlc_frappe.governance import layout
from jlc_frappe.governance.service_areas import titles as service_area_titles
from jlc_frappe.governance.triangulation import hotspots
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import hotspot_rule
from jlc_frappe.rules.triangulation import SOURCES

SOURCE_LABELS = {
	"complaints": _("Complaints"),
	"incidents": _("Incidents"),
	"claims": _("Claims"),
	"candour": _("Candour notifications"),
}
COLUMNS = (
	("service_area", _("Service area"), "Data", None, 100),
	("service_area_title", _("Service"), "Data", None, 200),
	("month", _("Month"), "Date", None, 100),
	("complaints", _("Complaints"), "Int", None, 100),
	("incidents", _("Incidents"), "Int", None, 100),
	("claims", _("Claims"), "Int", None, 80),
	("candour", _("Candour"), "Int", None, 80),
	("rising", _("Rising"), "Data", None, 220),
	("hotspot", _("Hotspot"), "Check", None, 90),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date, to_date = layout.period(filters, get_first_day(add_months(today(), -11)), today())
	if filters.get("view_by") == "Theme":
		figures = hotspots(from_date, to_date, service_area=filters.get("theme") or None, by="theme")
		figures = [{**f, "service_area": f.pop("theme")} for f in figures]  # one layout for both views
		titles = {f["service_area"]: f["service_area"] for f in figures}
	else:
		figures = hotspots(from_date, to_date, service_area=filters.get("service_area") or None)
		titles = service_area_titles(row["service_area"] for row in figures)
	data = [_row(figure, titles) for figure in figures]
	return _columns(filters.get("view_by") == "Theme"), data, _message(), _chart(figures), _summary(figures)


def _row(figure: dict, titles: dict[str, str]) -> dict:
	return {
		**figure,
		"service_area_title": titles.get(figure["service_area"], ""),
		"rising": ", ".join(SOURCE_LABELS.get(s, s) for s in figure["rising"]),
		"rising_sources": figure["rising"],
		"hotspot": 1 if figure["hotspot"] else 0,
	}


def _columns(by_theme: bool = False):
	columns = layout.columns(COLUMNS)
	if by_theme:
		columns = [c for c in columns if c["fieldname"] != "service_area_title"]
		columns[0].update(label=_("Theme"), width=220)
	return columns


def _message() -> str:
	min_count, ratio = hotspot_rule()
	return _(
		"A source is rising in a month when it has at least {0} records and at least {1} times its average "
		"over the three months before. A service area and month where two or more sources rise is a "
		"hotspot: a signal to look into, not a finding. A complaint is counted once in each service area its "
		"aspects name; records without a service area are not counted. JLC Settings sets both numbers."
	).format(min_count, frappe.format(ratio, {"fieldtype": "Float"}))


def _chart(figures: list[dict]) -> dict:
	"""Counts per month by source, all service areas together."""
	months = sorted({figure["month"] for figure in figures})
	totals = {(s, m): 0 for s in SOURCES for m in months}
	for figure in figures:
		for source in SOURCES:
			totals[(source, figure["month"])] += figure[source]
	return {
		"data": {
			"labels": [formatdate(m, "MMM yyyy") for m in months],
			"datasets": [
				{"name": SOURCE_LABELS[s], "values": [totals[(s, m)] for m in months]} for s in SOURCES
			],
		},
		"type": "bar",
	}


def _summary(figures: list[dict]) -> list[dict]:
	found = sum(1 for figure in figures if figure["hotspot"])
	cards = [{"label": _("Hotspots"), "value": found, "indicator": "Red" if found else "Green"}]
	for source in SOURCES:
		total = sum(figure[source] for figure in figures)
		label = _("Complaints (once per service area)") if source == "complaints" else SOURCE_LABELS[source]
		cards.append({"label": label, "value": total, "indicator": "Blue"})
	return cards
