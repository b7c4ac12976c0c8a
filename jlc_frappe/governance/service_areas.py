"""Service areas in governance figures. They are KO41a masters, one record per reporting year ("SV01 2025-26",
"SV01 2026-27"): figures are filtered and grouped by the area's KO41a *code*, so that an area's figures run on
across 1 April (as the triangulation figures do)."""

import frappe


def code_of(service_area: str) -> str:
	"""The KO41a code of a Complaint Service Area name; a code is kept as it is."""
	return frappe.db.get_value("Complaint Service Area", service_area, "code") or service_area


def records_of(service_area: str):
	"""A subquery of the Complaint Service Area records (every reporting year's) with `service_area`'s code."""
	area = frappe.qb.DocType("Complaint Service Area")
	return frappe.qb.from_(area).select(area.name).where(area.code == code_of(service_area))


def titles(codes) -> dict[str, str]:
	"""{code: title}, each code's title from its latest reporting year's record (one query)."""
	codes = [code for code in set(codes) if code]
	if not codes:
		return {}
	area = frappe.qb.DocType("Complaint Service Area")
	rows = (
		frappe.qb.from_(area)
		.select(area.code, area.title)
		.where(area.code.isin(codes))
		.orderby(area.reporting_year)
	).run(as_dict=True)
	return {row.code: row.title for row in rows}  # the latest year's title wins
