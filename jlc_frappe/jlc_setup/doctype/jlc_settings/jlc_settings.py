# Copyright (c) 2026, JLC developers. License: MIT.
"""JLC Settings: the site's editable values for the NHS rules, and the accessors controllers use."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from jlc_frappe.rules import reminders, triangulation
from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.translation import translate

_calendars: dict[tuple, WorkingCalendar] = {}


class JLCSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_setup.doctype.jlc_age_band.jlc_age_band import JLCAgeBand
		from jlc_frappe.jlc_setup.doctype.jlc_closure_day.jlc_closure_day import JLCClosureDay
		from jlc_frappe.jlc_setup.doctype.jlc_reminder_kind.jlc_reminder_kind import JLCReminderKind
		from jlc_frappe.jlc_setup.doctype.jlc_severity_timescale.jlc_severity_timescale import (
			JLCSeverityTimescale,
		)
		from jlc_frappe.jlc_setup.doctype.jlc_timescale_preset.jlc_timescale_preset import JLCTimescalePreset

		age_bands: DF.Table[JLCAgeBand]
		candour_contractual_working_days: DF.Int
		closure_days: DF.Table[JLCClosureDay]
		default_timescale_preset: DF.Data
		due_soon_working_days: DF.Int
		hotspot_min_count: DF.Int
		hotspot_ratio: DF.Float
		multi_organisation_preset: DF.Data | None
		public_contact: DF.SmallText | None
		reminder_kinds: DF.Table[JLCReminderKind]
		retention_years: DF.Int
		severity_timescales: DF.Table[JLCSeverityTimescale]
		timescale_presets: DF.Table[JLCTimescalePreset]

	# end: auto-generated types
	def validate(self):
		self.validate_presets()
		self.validate_closure_days()
		self.validate_age_bands()
		self.validate_hotspot_rule()
		self.validate_reminder_kinds()

	def on_update(self):
		before = self.get_doc_before_save()
		if before and _closure_dates(before) != _closure_dates(self):
			# working days already counted (responses sent) count again with the new closure days
			frappe.enqueue(
				"jlc_frappe.jlc_complaints.complaint_deadlines.refresh_response_working_days",
				queue="long",
				job_id="jlc-refresh-response-working-days",
				deduplicate=True,
				enqueue_after_commit=True,
			)

	def validate_presets(self):
		names = [row.preset for row in self.timescale_presets]
		duplicates = {n for n in names if names.count(n) > 1}
		if duplicates:
			frappe.throw(_("Timescale preset {0} is listed more than once.").format(", ".join(duplicates)))
		for row in self.timescale_presets:
			if row.working_days <= 0:
				frappe.throw(
					_("Timescale preset {0} needs a positive number of working days.").format(row.preset)
				)
		wanted = [("default_timescale_preset", self.default_timescale_preset)]
		wanted += [("multi_organisation_preset", self.multi_organisation_preset)]
		wanted += [("severity_timescales", row.preset) for row in self.severity_timescales]
		for fieldname, preset in wanted:
			if preset and preset not in names:
				frappe.throw(
					_("{0}: {1} is not one of the timescale presets.").format(
						_(self.meta.get_label(fieldname)), preset
					)
				)
		severities = [row.severity for row in self.severity_timescales]
		if len(severities) != len(set(severities)):
			frappe.throw(_("Each severity can imply only one timescale preset."))

	def validate_closure_days(self):
		dates = [str(row.closure_date) for row in self.closure_days]
		if len(dates) != len(set(dates)):
			frappe.throw(_("A closure day is listed more than once."))

	def validate_age_bands(self):
		starts = [row.from_age for row in self.age_bands]
		if len(starts) != len(set(starts)):
			frappe.throw(_("Two age bands start at the same age."))
		if self.age_bands and 0 not in starts:
			frappe.throw(_("The age bands must start at age 0."))

	def validate_hotspot_rule(self):
		"""Blank (a site that had no triangulation settings yet) takes the default; nonsense is refused."""
		self.hotspot_min_count = self.hotspot_min_count or triangulation.HOTSPOT_MIN_COUNT_DEFAULT
		self.hotspot_ratio = self.hotspot_ratio or triangulation.HOTSPOT_RATIO_DEFAULT
		problems = triangulation.settings_problems(cint(self.hotspot_min_count), flt(self.hotspot_ratio))
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems))

	def validate_reminder_kinds(self):
		problems = reminders.kind_problems((row.kind, row.days_before) for row in self.reminder_kinds)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Reminders"))
		for row in self.reminder_kinds:
			row.recipients = reminders.KINDS_BY_NAME[row.kind].recipients


def _closure_dates(settings) -> set[str]:
	return {str(row.closure_date) for row in settings.closure_days}


def get_settings() -> "JLCSettings":
	return frappe.get_cached_doc("JLC Settings")


def get_calendar() -> WorkingCalendar:
	"""The England working-day calendar with this site's closure days (cached per set of closure days)."""
	closures = tuple(sorted(str(row.closure_date) for row in get_settings().closure_days))
	if closures not in _calendars:
		_calendars[closures] = WorkingCalendar(frappe.utils.getdate(d) for d in closures)
	return _calendars[closures]


def preset_working_days() -> dict[str, int]:
	return {row.preset: row.working_days for row in get_settings().timescale_presets}


def preset_for(severity: str | None, multi_organisation: bool) -> str:
	settings = get_settings()
	if multi_organisation and settings.multi_organisation_preset:
		return settings.multi_organisation_preset
	by_severity = {row.severity: row.preset for row in settings.severity_timescales}
	return by_severity.get(severity or "") or settings.default_timescale_preset


def age_bands() -> list[tuple[str, int]]:
	return [(row.band, row.from_age) for row in get_settings().age_bands]


def hotspot_rule() -> tuple[int, float]:
	"""(minimum count, ratio) of the triangulation hotspot rule; the rule's defaults where not set yet."""
	settings = get_settings()
	min_count = cint(settings.get("hotspot_min_count")) or triangulation.HOTSPOT_MIN_COUNT_DEFAULT
	ratio = flt(settings.get("hotspot_ratio")) or triangulation.HOTSPOT_RATIO_DEFAULT
	return min_count, ratio


@frappe.whitelist()
def get_timescale_presets() -> list[str]:
	"""Preset names for the complaint form's select field."""
	frappe.has_permission("Complaint", throw=True)
	return list(preset_working_days())
