# Copyright (c) 2026, JLC developers. License: MIT.
"""Shared Learning by Theme: how much learning each organisation shared with the hub, by theme, in a period.
One grouped query; Shared Learning has no row rule (every desk user of the hub reads all of it)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max
from frappe.utils import add_months, today

from jlc_frappe.governance import layout

COLUMNS = (
	("theme", _("Theme"), "Data", None, 220),
	("source_organisation", _("Organisation"), "Data", None, 260),
	("shared", _("Learning shared"), "Int", None, 130),
	("last_shared_on", _("Last shared"), "Date", None, 120),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = layout.period(filters, add_months(today(), -12), today())
	rows = _rows(start, end, filters.theme, filters.source_organisation)
	for row in rows:
		row["theme"] = row["theme"] or _("No theme")
	return layout.columns(COLUMNS), rows, None, _chart(rows), _summary(rows)


def _rows(start, end, theme: str | None, organisation: str | None) -> list[dict]:
	shared = frappe.qb.DocType("Shared Learning")
	query = (
		frappe.qb.from_(shared)
		.select(
			shared.theme,
			shared.source_organisation,
			Count(shared.name).as_("shared"),
			Max(shared.shared_on).as_("last_shared_on"),
		)
		.where(shared.shared_on.between(start, end))
		.groupby(shared.theme, shared.source_organisation)
		.orderby(shared.theme)
		.orderby(shared.source_organisation)
	)
	if theme:
		query = query.where(shared.theme == theme)
	if organisation:
		query = query.where(shared.source_organisation == organisation)
	return query.run(as_dict=True)


def _chart(rows: list[dict]) -> dict | None:
	by_theme: dict[str, int] = {}
	for row in rows:
		by_theme[row["theme"]] = by_theme.get(row["theme"], 0) + row["shared"]
	if not by_theme:
		return None
	return {
		"data": {
			"labels": list(by_theme),
			"datasets": [{"name": _("Learning shared"), "values": list(by_theme.values())}],
		},
		"type": "bar",
	}


def _summary(rows: list[dict]) -> list[dict]:
	return [
		{"label": _("Learning shared"), "value": sum(r["shared"] for r in rows), "indicator": "Blue"},
		{
			"label": _("Organisations"),
			"value": len({r["source_organisation"] for r in rows}),
			"indicator": "Blue",
		},
		{"label": _("Themes"), "value": len({r["theme"] for r in rows}), "indicator": "Blue"},
	]
