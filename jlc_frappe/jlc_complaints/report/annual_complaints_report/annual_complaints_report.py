# Copyright (c) 2026, JLC developers. License: MIT.
"""Annual Complaints Report (regulation 18, seed 2.1): the reporting year's figures, each with its definition, what
the complaints were about, the matters of general importance, the Ombudsman's cases and the actions taken, fit to
publish. Everything comes from jlc_frappe.governance.annual; nothing is counted here, and nothing names a person
or describes a complaint."""

import frappe
from frappe import _
from frappe.utils import escape_html, formatdate, getdate, today

from jlc_frappe.governance import annual
from jlc_frappe.rules import ko41a
from jlc_frappe.rules.rates import rate_colour, rate_text

COLUMNS = (
	("metric", _("Figure"), 260),
	("value", _("Value"), 170),
	("definition", _("What it counts"), 560),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = filters.get("reporting_year") or ko41a.last_complete_year(getdate(today()))
	report = annual.annual_report(year)
	columns = [{"fieldname": f, "label": label, "fieldtype": "Data", "width": w} for f, label, w in COLUMNS]
	return columns, _rows(report), _message(report), _chart(report), _summary(report)


def _outcomes(outcomes: dict[str, int]) -> str:
	return "; ".join(f"{_(outcome)}: {n}" for outcome, n in outcomes.items() if n) or "-"


def _figures(report: dict) -> list[tuple[str, object, str]]:
	"""(label, value, definition key) of every figure, in the order of regulation 18."""
	actions, ombudsman = report["actions"], report["ombudsman"]
	well_founded = _("{0} ({1} upheld, {2} partially upheld)").format(
		report["well_founded"], report["upheld"], report["partially_upheld"]
	)
	return [
		(_("Complaints received"), report["received"], "received"),
		(_("Complaints decided"), report["decided"], "decided"),
		(_("Well founded"), well_founded, "well_founded"),
		(_("Not well founded"), report["not_well_founded"], "not_well_founded"),
		(_("Referred to the Ombudsman"), ombudsman["referred"], "ombudsman_referred"),
		(_("The Ombudsman's decisions"), _outcomes(ombudsman["outcomes"]), "ombudsman_outcomes"),
		(
			_("Acknowledged within 3 working days"),
			rate_text(report["acknowledged_on_time"]),
			"acknowledged_on_time",
		),
		(_("Responded by the agreed date"), rate_text(report["responded_on_time"]), "responded_on_time"),
		(_("Learning actions taken"), actions["taken"], "actions_taken"),
		(_("Learning actions completed"), actions["completed"], "actions_completed"),
		(_("Impact verified"), actions["impact_verified"], "impact_verified"),
		(_("Shared publicly"), actions["shared"], "actions_shared"),
	]


def _rows(report: dict) -> list[dict]:
	return [
		{"metric": label, "value": str(value), "definition": _(annual.DEFINITIONS[key])}
		for label, value, key in _figures(report)
	]


def _summary(report: dict) -> list[dict]:
	ack, response = report["acknowledged_on_time"], report["responded_on_time"]
	return [
		{"label": _("Received"), "value": report["received"], "indicator": "Blue"},
		{"label": _("Well founded"), "value": report["well_founded"], "indicator": "Orange"},
		{"label": _("Not well founded"), "value": report["not_well_founded"], "indicator": "Green"},
		{
			"label": _("Referred to the Ombudsman"),
			"value": report["ombudsman"]["referred"],
			"indicator": "Grey",
		},
		{"label": _("Acknowledged on time"), "value": rate_text(ack), "indicator": rate_colour(ack)},
		{
			"label": _("Responded by the agreed date"),
			"value": rate_text(response),
			"indicator": rate_colour(response),
		},
		{"label": _("Learning actions taken"), "value": report["actions"]["taken"], "indicator": "Green"},
	]


def _chart(report: dict) -> dict | None:
	subjects = [row for row in report["subjects"] if row["complaints"]]
	if not subjects:
		return None
	return {
		"title": _("Complaints by subject"),
		"data": {
			"labels": [_(row["title"]) for row in subjects],
			"datasets": [{"name": _("Complaints"), "values": [row["complaints"] for row in subjects]}],
		},
		"type": "bar",
	}


# --- The sections, above the table and in the print: every value escaped.


def _e(value) -> str:
	return escape_html(str(value if value is not None else ""))


def _definition(key: str) -> str:
	return f"<p class='text-muted small'>{_e(_(annual.DEFINITIONS[key]))}</p>"


def _table(head: tuple, rows: list[tuple]) -> str:
	header = "".join(f"<th>{_e(h)}</th>" for h in head)
	body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
	return f"<table class='table table-bordered table-sm'><tr>{header}</tr>{body}</table>"


def _list(items: list[str], empty: str) -> str:
	if not items:
		return f"<p>{_e(empty)}</p>"
	return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def _message(report: dict) -> str:
	period = _("{0} to {1}").format(formatdate(report["from_date"]), formatdate(report["to_date"]))
	intro = _(
		"This report is published under regulation 18 of the Local Authority Social Services and National "
		"Health Service Complaints (England) Regulations 2009. It covers the reporting year {0} ({1}). It gives "
		"counts only: it names no one and describes no one's complaint."
	).format(report["reporting_year"], period)
	return (
		f"<p>{_e(intro)}</p>"
		+ _subjects(report)
		+ _general_importance(report["general_importance"])
		+ _ombudsman(report["ombudsman"])
		+ _actions(report["actions"])
		+ f"<h5>{_e(_('The figures'))}</h5>"
	)


def _subjects(report: dict) -> str:
	subjects = [row for row in report["subjects"] if row["complaints"]]
	head = f"<h5>{_e(_('What the complaints were about'))}</h5>"
	if not subjects:
		return head + f"<p>{_e(_('No new complaint in the year had a subject recorded.'))}</p>"
	rows = [(_(row["title"]), row["complaints"]) for row in subjects]
	note = _("Subject areas that no complaint raised are not listed.")
	return (
		head
		+ _table((_("Subject area"), _("Complaints")), rows)
		+ f"<p>{_e(note)}</p>"
		+ _definition("subjects")
	)


def _general_importance(matters: dict) -> str:
	def coded(rows):
		return [f"{_(row['title'])}: {row['complaints']}" for row in rows]

	themes = [
		f"{_(row['theme']) if row['theme'] else _('No theme recorded')}: {row['actions']}"
		for row in matters["learning_themes"]
	]
	return (
		f"<h5>{_e(_('Matters of general importance'))}</h5>"
		+ _matter(_("The subjects raised most often (number of complaints)"), coded(matters["subject_areas"]))
		+ _definition("top_subject_areas")
		+ _matter(
			_("The services complained about most often (number of complaints)"),
			coded(matters["service_areas"]),
		)
		+ _definition("top_service_areas")
		+ _matter(_("What our learning was about (number of learning actions)"), themes)
		+ _definition("learning_themes")
	)


def _matter(heading: str, items: list[str]) -> str:
	return f"<p><b>{_e(heading)}</b></p>{_list(items, _('None in the year.'))}"


def _ombudsman(ombudsman: dict) -> str:
	head = f"<h5>{_e(_('The Parliamentary and Health Service Ombudsman'))}</h5>"
	if not ombudsman["referred"]:
		return head + f"<p>{_e(_('No complaint was referred to the Ombudsman in the year.'))}</p>"
	said = _("Complaints referred to the Ombudsman in the year: {0}.").format(ombudsman["referred"])
	rows = [(_(outcome), n) for outcome, n in ombudsman["outcomes"].items()]
	return (
		head
		+ f"<p>{_e(said)}</p>"
		+ _table((_("The Ombudsman's decision"), _("Referrals")), rows)
		+ _definition("ombudsman_outcomes")
	)


def _actions(actions: dict) -> str:
	said = _(
		"Learning actions taken in the year: {0}. Completed: {1}. Impact checked and verified: {2}. Shared "
		"publicly, and described here: {3}."
	).format(actions["taken"], actions["completed"], actions["impact_verified"], actions["shared"])
	shared = "".join(
		f"<li><b>{_e(row['title'])}</b>"
		+ (f" ({_e(_(row['theme']))})" if row["theme"] else "")
		+ (f"<br>{_e(_('What we did'))}: {_e(row['public_summary'])}" if row["public_summary"] else "")
		+ (f"<br>{_e(_('What changed'))}: {_e(row['impact_result'])}" if row["impact_result"] else "")
		+ "</li>"
		for row in actions["shared_learning"]
	)
	return (
		f"<h5>{_e(_('Actions taken and their impact'))}</h5><p>{_e(said)}</p>"
		+ (f"<ul>{shared}</ul>" if shared else "")
		+ _definition("actions_shared")
	)
