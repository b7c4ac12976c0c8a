"""Experience of complaints handling for a period (issue 10, seed 3.22-3.23: My Expectations): for each statement
of the surveys sent when complaints close, the response rate (responses / people asked) and the share agreeing,
against the trust's target; by the month the complaints closed in or by service area; lowest share first.

Counted in SQL over Experience Invitation (people asked) and Experience Response (answers kept), both of which
carry the month and the service areas they count in; nothing here names a case or a person, and no row rule
applies (as with every other governance count). A withdrawn answer is deleted, so it no longer counts; the
person asked still does. Statements are matched across versions by their question id."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import flt, getdate

from jlc_frappe.governance import service_areas
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings
from jlc_frappe.rules import experience
from jlc_frappe.rules.periods import months_between
from jlc_frappe.rules.rates import rate_text, share

QUESTION, MONTH, SERVICE_AREA = "question", "month", "service_area"
GROUPS = (QUESTION, MONTH, SERVICE_AREA)
INVITATION, RESPONSE = "Experience Invitation", "Experience Response"
AREAS = {INVITATION: "Experience Invitation Area", RESPONSE: "Experience Response Area"}
TARGET_FIELD, DEFAULT_TARGET = "experience_target_percent", 80.0
# statements below target the board report lists
BOARD_LOWEST = 3


def who(audience: str) -> str:
	"""An audience as reports name the people in it."""
	return {experience.COMPLAINANT: _("Complainants"), experience.STAFF: _("Staff involved")}[audience]


# What each figure means, shown with the reports so that they can be read and compared.
DEFINITIONS = {
	"invited": "People asked for feedback when a complaint closed in the period: the complainant (when there "
	"is an email address) and each member of staff named as involved.",
	"responded": "Of those, the people who answered (answers withdrawn since are not counted).",
	"response_rate": "Responses as a share of the people asked.",
	"agreeing": "Of the answers to a statement on the agree scale ('does not apply to me' left out), those that "
	"agree or strongly agree.",
	"target": "The trust's target share agreeing, set in JLC Settings.",
	"service_area": "By service area, feedback counts under each service area its complaint's aspects name.",
}


def target() -> float:
	"""The trust's target share agreeing, in percent (the default when JLC Settings has none)."""
	return flt(get_settings().get(TARGET_FIELD)) or DEFAULT_TARGET


def figures(
	from_date, to_date, service_area: str | None = None, audience: str | None = None, group_by: str = QUESTION
) -> dict:
	"""Feedback on the complaints closed from `from_date` to `to_date` (by month: the months they touch),
	optionally only one service area (a Complaint Service Area name or KO41a code) or one audience: the totals
	per audience and one row per statement (per month or service area when grouped), lowest share agreeing
	first."""
	if group_by not in GROUPS:
		frappe.throw(_("Group the figures by {0}.").format(" or ".join(GROUPS)))
	start, end = experience.period_of(getdate(from_date)), getdate(to_date)
	code = service_areas.code_of(service_area) if service_area else None
	invited = _people(INVITATION, start, end, code, audience, group_by)
	responded = _people(RESPONSE, start, end, code, audience, group_by)
	answers = _answers(start, end, code, audience, group_by)
	aim = target()
	return {
		"from_date": getdate(from_date),
		"to_date": end,
		"service_area": service_area,
		"audience": audience,
		"group_by": group_by,
		"target": aim,
		"totals": _totals(start, end, code, audience),
		"rows": _rows(invited, responded, answers, audience, group_by, aim, start, end),
	}


def summary(from_date, to_date) -> dict:
	"""The board's experience section: per audience, people asked, responses and the share agreeing over all
	statements; and the statements furthest below the target."""
	found = figures(from_date, to_date)
	below = [row for row in found["rows"] if row["below_target"]]
	return {"target": found["target"], "totals": found["totals"], "lowest": below[:BOARD_LOWEST]}


def summary_lines(found: dict) -> list[tuple[str, str, str]]:
	"""(label, value, definition) of the board's experience section, in the order the board report prints
	them."""
	lines = []
	for total in found["totals"]:
		people = who(total["audience"])
		lines += [
			(
				_("{0}: response rate").format(people),
				rate_text(total["response_rate"]),
				_(DEFINITIONS["response_rate"]),
			),
			(
				_("{0}: share agreeing").format(people),
				rate_text(total["agreeing"]),
				_(DEFINITIONS["agreeing"]),
			),
		]
	lines.append((_("Target share agreeing"), f"{found['target']:g}%", _(DEFINITIONS["target"])))
	for row in found["lowest"]:
		lines.append(
			(
				_("Below target ({0})").format(who(row["audience"])),
				rate_text(row["agreeing"]),
				row["statement"],
			)
		)
	return lines


# --- queries --------------------------------------------------------------------------------------------------


def _scoped(doctype: str, start, end, code, audience, group_by):
	"""(table, query, group key) of the people asked (invitations) or answering (responses) in the period."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).where(table.period[start:end])
	if audience:
		query = query.where(table.audience == audience)
	key = None
	if code or group_by == SERVICE_AREA:
		area = frappe.qb.DocType(AREAS[doctype])
		query = query.left_join(area).on((area.parent == table.name) & (area.parenttype == doctype))
		if code:
			query = query.where(area.code == code)
		if group_by == SERVICE_AREA:
			key = area.code
	if group_by == MONTH:
		key = DateFormat(table.period, "%Y-%m")
	return table, query, key


def _people(doctype: str, start, end, code, audience, group_by) -> dict:
	"""{(audience, group key): people} in one grouped query."""
	table, query, key = _scoped(doctype, start, end, code, audience, group_by)
	columns = [table.audience, Count(table.name).distinct().as_("n")]
	groups = [table.audience]
	if key is not None:
		columns.append(key.as_("key"))
		groups.append(key)
	rows = query.select(*columns).groupby(*groups).run(as_dict=True)
	return {(row.audience, row.get("key")): int(row.n) for row in rows}


def _answers(start, end, code, audience, group_by) -> dict:
	"""{(audience, question id, group key): (agreeing, answered on the scale)} in one grouped query."""
	response, query, key = _scoped(RESPONSE, start, end, code, audience, group_by)
	answer = frappe.qb.DocType("Experience Answer")
	query = query.join(answer).on((answer.parent == response.name) & (answer.parenttype == RESPONSE))

	def count(values, name):
		return Sum(Case().when(answer.answer.isin(values), 1).else_(0)).as_(name)

	columns = [
		response.audience,
		answer.question_id,
		count(experience.AGREEING, "agreeing"),
		count(experience.AGREE_SCALE, "answered"),
	]
	groups = [response.audience, answer.question_id]
	if key is not None:
		columns.append(key.as_("key"))
		groups.append(key)
	rows = query.select(*columns).groupby(*groups).run(as_dict=True)
	return {
		(row.audience, row.question_id, row.get("key")): (int(row.agreeing or 0), int(row.answered or 0))
		for row in rows
	}


def _totals(start, end, code, audience) -> list[dict]:
	"""Per audience: people asked, responses, and the share agreeing over every statement."""
	invited = _people(INVITATION, start, end, code, audience, QUESTION)
	responded = _people(RESPONSE, start, end, code, audience, QUESTION)
	answers = defaultdict(lambda: [0, 0])
	for (who, _question, _key), (agreeing, answered) in _answers(
		start, end, code, audience, QUESTION
	).items():
		answers[who][0] += agreeing
		answers[who][1] += answered
	return [
		{
			"audience": who,
			"invited": invited.get((who, None), 0),
			"responded": responded.get((who, None), 0),
			"response_rate": share(responded.get((who, None), 0), invited.get((who, None), 0)),
			"agreeing": share(*answers[who]),
		}
		for who in experience.AUDIENCES
		if not audience or who == audience
	]


def _statements() -> dict:
	"""{(audience, question id): {section, statement, position, asked}}: each statement as its latest version
	words it (the active set's when it has one), and whether the active set asks it."""
	question_set = frappe.qb.DocType("Experience Question Set")
	question = frappe.qb.DocType("Experience Question")
	rows = (
		frappe.qb.from_(question)
		.join(question_set)
		.on((question.parent == question_set.name) & (question.parenttype == "Experience Question Set"))
		.select(
			question_set.audience,
			question_set.active,
			question.question_id,
			question.section,
			question.statement,
			question.idx,
		)
		.orderby(question_set.active)
		.orderby(question_set.version)
		.orderby(question_set.modified)
	).run(as_dict=True)
	found = {}
	for row in rows:  # later rows (active, newer) win
		found[(row.audience, row.question_id)] = {
			"section": row.section or "",
			"statement": row.statement,
			"position": row.idx,
			"asked": bool(row.active),
		}
	return found


def _rows(invited, responded, answers, audience, group_by, aim, start, end) -> list[dict]:
	"""One row per statement (asked now, or answered in the period) and group of people asked."""
	statements = _statements()
	questions = {k for k, v in statements.items() if v["asked"]} | {(a, q) for a, q, _key in answers}
	questions = {q for q in questions if not audience or q[0] == audience}
	keys = defaultdict(set)
	for who, key in invited:
		keys[who].add(key)
	for who, _question, key in answers:
		keys[who].add(key)
	if group_by == MONTH:
		for who in experience.AUDIENCES:
			keys[who] = set(months_between(start, end))
	titles = (
		service_areas.titles(k for group in keys.values() for k in group) if group_by == SERVICE_AREA else {}
	)
	rows = []
	for who, question_id in questions:
		words = statements.get((who, question_id)) or {"section": "", "statement": question_id, "position": 0}
		for key in keys[who] or {None}:
			agreeing = share(*answers.get((who, question_id, key), (0, 0)))
			rows.append(
				{
					"audience": who,
					"question_id": question_id,
					"section": words["section"],
					"statement": words["statement"],
					"position": words["position"],
					"key": key,
					"label": titles.get(key, key) if group_by == SERVICE_AREA else key,
					"invited": invited.get((who, key), 0),
					"responded": responded.get((who, key), 0),
					"response_rate": share(responded.get((who, key), 0), invited.get((who, key), 0)),
					"answered": agreeing["of"],
					"agreeing": agreeing,
					"target": aim,
					"below_target": experience.below_target(agreeing, aim),
				}
			)
	rows.sort(
		key=lambda r: (
			experience.lowest_first(r["agreeing"]),
			r["audience"],
			r["position"],
			r["key"] is None,
			r["key"] or "",
		)
	)
	return rows
