"""What the public learning page (/learning, "You said, we did") shows: the learning actions a trust chose to share
(`share_externally`) once done, and its published annual complaints reports.

Only public fields ever leave here: an action's title, public summary, theme, service area, its impact once
verified, and the reporting year it was done in; a report's year, date, link and summary. The redaction check
(rules/redaction.py, with the names of everyone on the action's sources) runs again as the page is built, and an
action that fails it is left out. The page's data is kept in Frappe's cache under one key, cleared when a shared
action or a published report changes (and after CACHE_SECONDS, so a name added to a source later is checked too).
"""

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.utils import formatdate

from jlc_frappe.jlc_learning.learning_lifecycle import COMPLETED, IMPACT_VERIFIED
from jlc_frappe.jlc_learning.learning_sources import PEOPLE_ON
from jlc_frappe.rules.redaction import find_identifiers
from jlc_frappe.rules.reporting import reporting_year_of

CACHE_KEY = "jlc_public_learning"
CACHE_SECONDS = 3600
DONE_STATES = (COMPLETED, IMPACT_VERIFIED)


def page_data() -> dict:
	"""{"actions": [...], "reports": [...]}, newest first, from the cache when it holds them."""
	data = frappe.cache.get_value(CACHE_KEY)
	if data is None:
		data = {"actions": shared_actions(), "reports": published_reports()}
		frappe.cache.set_value(CACHE_KEY, data, expires_in_sec=CACHE_SECONDS)
	return data


def clear_cache() -> None:
	"""Now, and again once the change is committed (a page built meanwhile read the data before it)."""
	frappe.cache.delete_value(CACHE_KEY)
	frappe.db.after_commit.add(_forget)


def _forget() -> None:
	frappe.cache.delete_value(CACHE_KEY)


def on_action_change(doc, method=None) -> None:
	"""doc_events of Learning Action (on_change, on_trash): the page changes when a shared action does, or when
	an action stops being shared."""
	before = doc.get_doc_before_save()
	if doc.share_externally or (before and before.share_externally) or method == "on_trash":
		clear_cache()


def shared_actions() -> list[dict]:
	"""Shared actions that are done (completed, or their impact verified), newest first, with only their public
	fields; those whose published text fails the redaction check are left out."""
	action, area = frappe.qb.DocType("Learning Action"), frappe.qb.DocType("Complaint Service Area")
	rows = (
		frappe.qb.from_(action)
		.left_join(area)
		.on(area.name == action.service_area)
		.select(
			action.name,
			action.title,
			action.public_summary,
			action.theme,
			area.title.as_("service_area"),
			Case().when(action.workflow_state == IMPACT_VERIFIED, action.impact_result).as_("impact"),
			action.completed_on,
		)
		.where(
			(action.share_externally == 1)
			& action.workflow_state.isin(DONE_STATES)
			& action.completed_on.isnotnull()
			& (action.public_summary.isnotnull())
			& (action.public_summary != "")
		)
		.orderby(action.completed_on, order=Order.desc)
		.orderby(action.name, order=Order.desc)
	).run(as_dict=True)
	names = _people_named([row.name for row in rows])
	return [
		{
			"title": row.title,
			"summary": row.public_summary,
			"theme": row.theme,
			"service_area": row.service_area,
			"impact": row.impact,
			"year": reporting_year_of(row.completed_on),
		}
		for row in rows
		if _clean(row, names.get(row.name, []))
	]


def _clean(row, names: list[str]) -> bool:
	"""Whether the text the page would publish (what the action's own check covers) holds no identifiers."""
	published = "\n".join(text or "" for text in (row.title, row.public_summary, row.impact))
	return not find_identifiers(published, names)


def _people_named(actions: list[str]) -> dict[str, list[str]]:
	"""The names of everyone on each action's sources (as the action's own check uses them)."""
	if not actions:
		return {}
	found: dict[str, list[str]] = {}
	for source in frappe.get_all(
		"Learning Action Source",
		filters={"parenttype": "Learning Action", "parent": ("in", actions)},
		fields=["parent", "source_doctype", "source_name"],
	):
		people_on = PEOPLE_ON.get(source.source_doctype)
		if people_on and source.source_name:
			found.setdefault(source.parent, []).extend(n for n in people_on(source.source_name) if n)
	return found


def published_reports() -> list[dict]:
	"""Published annual complaints reports, the latest year first; a summary failing the check is left out."""
	report = frappe.qb.DocType("Published Annual Report")
	rows = (
		frappe.qb.from_(report)
		.select(
			report.reporting_year, report.published_on, report.report_file, report.report_url, report.summary
		)
		.orderby(report.reporting_year, order=Order.desc)
	).run(as_dict=True)
	return [
		{
			"year": row.reporting_year,
			"published_on": row.published_on,
			"url": url,
			"summary": None if find_identifiers(row.summary) else row.summary,
		}
		for row in rows
		if (url := _public_url(row.report_file, row.report_url))
	]


def _public_url(report_file: str | None, report_url: str | None) -> str | None:
	"""The report's public file, or its web address: nothing else is linked (a private file would not open)."""
	if report_file and report_file.startswith("/files/"):
		return report_file
	if report_url and report_url.strip().lower().startswith(("https://", "http://")):
		return report_url.strip()
	return None


def year_label(year: str) -> str:
	"""'2025-26' as the public reads it: April 2025 to March 2026."""
	start = int(year[:4])
	return _("April {0} to March {1}").format(start, start + 1)


def choose(theme: str | None, year: str | None) -> dict:
	"""The page's content for the filters chosen (values not offered are ignored): the actions matching them
	grouped by reporting year, newest first, with the themes and years offered, those chosen (chosen_theme and
	chosen_year: the website's own context has a `theme`) and every published report."""
	data = page_data()
	actions = data["actions"]
	themes = sorted({a["theme"] for a in actions if a["theme"]}, key=str.lower)
	years = sorted({a["year"] for a in actions}, reverse=True)
	theme = theme if theme in themes else None
	year = year if year in years else None
	chosen = [a for a in actions if (not theme or a["theme"] == theme) and (not year or a["year"] == year)]
	groups = []
	for action in chosen:
		if not groups or groups[-1]["year"] != action["year"]:
			groups.append({"year": action["year"], "label": year_label(action["year"]), "actions": []})
		groups[-1]["actions"].append(action)
	reports = [
		{**r, "label": year_label(r["year"]), "published": formatdate(r["published_on"], "d MMMM yyyy")}
		for r in data["reports"]
	]
	return {
		"groups": groups,
		"shown": len(chosen),
		"themes": themes,
		"years": [{"value": y, "label": year_label(y)} for y in years],
		"chosen_theme": theme,
		"chosen_year": year,
		"reports": reports,
	}
