"""How governance reports take their period and lay out their columns (the figures come from the figures layer;
rates are written and coloured by jlc_frappe.rules.rates)."""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from jlc_frappe.governance import service_areas


def period(filters, default_start, default_end) -> tuple:
	"""(start, end) from the report's from/to date filters, or the defaults; a reversed period is refused."""
	start = getdate(filters.get("from_date") or default_start)
	end = getdate(filters.get("to_date") or default_end)
	if start > end:
		frappe.throw(_("The period must start before it ends."))
	return start, end


def title(figures: dict, heading: str) -> str:
	"""A report's title: `heading` (translated, with {0} for the period) for the figures' period, and their
	service area if they are for one."""
	period = _("{0} to {1}").format(formatdate(figures["from_date"]), formatdate(figures["to_date"]))
	text = heading.format(period)
	if figures["service_area"]:
		code = service_areas.code_of(figures["service_area"])  # a record or a code: the code's latest title
		area = service_areas.titles([code]).get(code) or figures["service_area"]
		text += " " + _("(service area: {0})").format(area)
	return text


def columns(spec) -> list[dict]:
	"""Report columns from (fieldname, label, fieldtype, options, width) tuples."""
	return [
		{"fieldname": f, "label": label, "fieldtype": t, "options": o, "width": w}
		for f, label, t, o, w in spec
	]


def translate_values(rows: list[dict], *fieldnames: str) -> list[dict]:
	"""`rows` with the values of `fieldnames` (states, statuses) translated in place: each distinct value once,
	not once per row (a report may list thousands)."""
	values = {row.get(field) for row in rows for field in fieldnames}
	translated = {value: _(value) if value else "" for value in values}
	for row in rows:
		for field in fieldnames:
			row[field] = translated[row.get(field)]
	return rows
