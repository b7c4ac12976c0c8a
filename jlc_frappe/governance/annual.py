"""The annual complaints report of a reporting year (regulation 18, seed 2.1): what came in, what was decided and
well founded, what went to the Ombudsman, what the complaints were about, the matters of general importance, the
actions taken and their verified impact, and how many were acknowledged and answered on time.

The report is published, so it holds counts, coded subjects and the learning that its owners chose to share
(``share_externally``: the public summary, checked for identifiers, and the verified impact) and nothing else:
no person's identity, no complaint's summary, no learning action that was not shared. The figures are over every
record (no row rules: nothing here names a case), and reuse board.counts (complaints) and ko41a.build_return
(subjects and services) over the year, so the three reports agree."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days

from jlc_frappe.governance import board
from jlc_frappe.governance import ko41a as ko41a_return
from jlc_frappe.jlc_learning.learning_lifecycle import CANCELLED, COMPLETED, IMPACT_VERIFIED
from jlc_frappe.rules import annual
from jlc_frappe.rules.ko41a import parse_reporting_year, section
from jlc_frappe.translation import translate

DONE_STATES = (COMPLETED, IMPACT_VERIFIED)

# What each figure means, printed with the report so that other trusts can compare theirs.
DEFINITIONS = {
	"received": "Complaints received from 1 April to 31 March and handled under the 2009 Regulations (not those "
	"outside them under regulation 8). Each complaint counts once, however many issues it raises.",
	"decided": "Complaints closed in the year with a decision on whether they were well founded.",
	"well_founded": "Of the complaints decided in the year, those upheld (the evidence supports the complaint) "
	"or partially upheld (some of its issues are upheld).",
	"not_well_founded": "Of the complaints decided in the year, those not upheld.",
	"ombudsman_referred": "Complaints referred to the Parliamentary and Health Service Ombudsman in the year, by "
	"the date of the referral; a complaint referred again counts again.",
	"ombudsman_outcomes": "The Ombudsman's decision on each referral made in the year, as recorded by the time "
	"this report was made (upheld, partly upheld, not upheld, not investigated, or not yet decided).",
	"subjects": "New complaints in the year by the KO41a subject area of their issues: a complaint counts once "
	"under each distinct subject it raises, so these add up to at least the complaints received.",
	"top_subject_areas": "The KO41a subject areas raised by the most new complaints in the year (the top three, "
	"and any area tied with the third).",
	"top_service_areas": "The KO41a service areas named by the most new complaints in the year (the top three, "
	"and any area tied with the third).",
	"learning_themes": "Learning actions raised in the year (not cancelled), by their learning theme.",
	"actions_taken": "Learning actions completed (with evidence that they were done) or whose impact was "
	"verified in the year.",
	"actions_completed": "Learning actions completed in the year.",
	"impact_verified": "Learning actions whose impact was measured and verified in the year by someone other "
	"than the person who did the action.",
	"actions_shared": "Of the actions taken in the year, those whose owners chose to share them publicly; only "
	"these are described in this report.",
	"acknowledged_on_time": "Of the complaints received in the year whose acknowledgement is done or due, those "
	"acknowledged within 3 working days (regulation 13).",
	"responded_on_time": "Of the responses sent in the year, those sent by the date agreed with the complainant "
	"(regulation 14).",
}


def annual_report(reporting_year: str) -> dict:
	"""The figures of `reporting_year` (like 2025-26: 1 April 2025 to 31 March 2026), as plain dicts; see
	DEFINITIONS."""
	year = _year(reporting_year)
	complaints = board.counts(year.start, year.end)
	sections = ko41a_return.build_return(year.label)
	titles = ko41a_return.section_titles(year.label)
	subjects = _coded(sections["subject_area"], titles["subject_area"])
	services = _coded(sections["service_area"], titles["service_area"])
	themes = _themes(year)
	return {
		"reporting_year": year.label,
		"from_date": year.start,
		"to_date": year.end,
		"received": complaints["received"],
		**annual.decisions(complaints["closed"]),
		"ombudsman": _ombudsman(year),
		"subjects": subjects,
		"general_importance": {
			"subject_areas": _most_common(subjects),
			"service_areas": _most_common(services),
			"learning_themes": themes,
		},
		"actions": _actions(year),
		"acknowledged_on_time": complaints["acknowledged_on_time"],
		"responded_on_time": complaints["responded_on_time"],
	}


def _year(reporting_year: str):
	try:
		return parse_reporting_year(reporting_year)
	except ValueError as error:
		frappe.throw(translate(error.args[0]), title=_("Invalid reporting year"))


def _coded(counts: dict[str, int], titles: dict[str, str]) -> list[dict]:
	"""A KO41a section as [{code, title, complaints}] in the return's order (zeros included)."""
	return [{"code": code, "title": titles.get(code, code), "complaints": n} for code, n in counts.items()]


def _most_common(coded: list[dict]) -> list[dict]:
	by_code = {row["code"]: row for row in coded}
	top = annual.most_common({row["code"]: row["complaints"] for row in coded})
	return [by_code[code] for code, _count in top]


def _ombudsman(year) -> dict:
	"""Referrals made in the year ({referred, outcomes: {outcome: referrals}}), in one aggregate query."""
	r = frappe.qb.DocType("Ombudsman Referral")
	rows = (
		frappe.qb.from_(r)
		.select(r.outcome, Count("*"))
		.where(r.referred_on[year.start : year.end])
		.groupby(r.outcome)
	).run()
	outcomes = section(annual.OMBUDSMAN_OUTCOMES, rows, annual.NOT_YET_DECIDED)
	return {"referred": sum(outcomes.values()), "outcomes": outcomes}


def _raised_in(a, year):
	"""Learning actions made in the year (their creation, a timestamp, from 1 April to the end of 31 March)."""
	return (a.creation >= year.start) & (a.creation < add_days(year.end, 1))


def _themes(year) -> list[dict]:
	"""[{theme, actions}] of the learning actions raised in the year, not cancelled: most actions first."""
	a = frappe.qb.DocType("Learning Action")
	rows = (
		frappe.qb.from_(a)
		.select(a.theme, Count("*").as_("actions"))
		.where(_raised_in(a, year) & (a.workflow_state != CANCELLED))
		.groupby(a.theme)
	).run(as_dict=True)
	rows.sort(key=lambda row: (-row.actions, row.theme is None, (row.theme or "").lower()))
	return [{"theme": row.theme, "actions": int(row.actions)} for row in rows]


def _actions(year) -> dict:
	"""The actions taken in the year (counts over every action) and the shared ones (public text only)."""
	a = frappe.qb.DocType("Learning Action")
	completed = a.workflow_state.isin(DONE_STATES) & a.completed_on[year.start : year.end]
	verified = (a.workflow_state == IMPACT_VERIFIED) & a.verified_on[year.start : year.end]
	shared = a.share_externally == 1
	verified_by_end = (a.workflow_state == IMPACT_VERIFIED) & (a.verified_on <= year.end)

	def count(condition, name):
		return Sum(Case().when(condition, 1).else_(0)).as_(name)

	counts = (
		frappe.qb.from_(a)
		.select(
			count(completed | verified, "taken"),
			count(completed, "completed"),
			count(verified, "impact_verified"),
			count((completed | verified) & shared, "shared"),
		)
		.run(as_dict=True)[0]
	)
	rows = (
		frappe.qb.from_(a)
		.select(
			a.title,
			a.theme,
			a.public_summary,
			Case().when(verified_by_end, a.impact_result).as_("impact_result"),
		)
		.where((completed | verified) & shared)
		.orderby(a.completed_on)
		.orderby(a.name)
	).run(as_dict=True)
	return {
		**{key: int(counts[key] or 0) for key in ("taken", "completed", "impact_verified", "shared")},
		"shared_learning": [dict(row) for row in rows],
	}
