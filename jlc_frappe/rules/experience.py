"""Experience feedback on complaints handling: the agree scale, the share agreeing, and one-time survey links.

Source: PHSO, LGO and Healthwatch England, *My expectations for raising concerns and complaints* (2014), "I"
statements in five stages (considering a complaint, making a complaint, staying informed, receiving outcomes,
reflecting on the experience); the NHS Complaint Standards (PHSO, 2022) ask trusts to record feedback from
complainants and from staff involved. The statements are [verify]: sites keep them as versioned, editable data
(Experience Question Set); this module only checks answers and counts them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from jlc_frappe.rules.messages import _
from jlc_frappe.rules.rates import share

# The answers a survey offers, most positive first; "does not apply" is an answer that counts towards neither
# side of the share agreeing.
STRONGLY_AGREE, AGREE = "Strongly agree", "Agree"
NEITHER = "Neither agree nor disagree"
DISAGREE, STRONGLY_DISAGREE = "Disagree", "Strongly disagree"
DOES_NOT_APPLY = "Does not apply to me"
AGREE_SCALE = (STRONGLY_AGREE, AGREE, NEITHER, DISAGREE, STRONGLY_DISAGREE)
ANSWERS = (*AGREE_SCALE, DOES_NOT_APPLY)
AGREEING = (STRONGLY_AGREE, AGREE)

# Who is asked: the complainant, and each member of staff named as involved in the complaint.
COMPLAINANT, STAFF = "Complainant", "Staff involved"
AUDIENCES = (COMPLAINANT, STAFF)

# What a survey link shows.
OPEN, ANSWERED, WITHDRAWN, EXPIRED = "open", "answered", "withdrawn", "expired"

QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
TOKEN_BYTES = 32


def agree_share(answers: Iterable[str]) -> dict:
	"""The share agreeing (strongly agree or agree) among the answers on the agree scale, as `rates.share`;
	"does not apply" and anything else is left out of both counts."""
	counted = [answer for answer in answers if answer in AGREE_SCALE]
	return share(sum(1 for answer in counted if answer in AGREEING), len(counted))


def below_target(rate: dict, target: float) -> bool | None:
	"""Whether a `share()` falls short of the target percentage; None with nothing to measure."""
	if rate["percent"] is None:
		return None
	return rate["percent"] < target


def lowest_first(rate: dict) -> tuple:
	"""A sort key putting the lowest share agreeing first and those with nothing to measure last."""
	return (rate["percent"] is None, rate["percent"] or 0, -rate["of"])


def period_of(day: date) -> date:
	"""The month a complaint closed in, as its first day: the period its feedback is reported in (never the
	day itself, which with a service area could point at the complaint)."""
	return date(day.year, day.month, 1)


# --- one-time links -------------------------------------------------------------------------------------------


def new_token() -> str:
	"""A survey link's secret: 256 random bits, URL-safe."""
	return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
	"""What is stored of a token (SHA-256, hex): a stolen table gives no working link."""
	return hashlib.sha256((token or "").encode()).hexdigest()


def expires_at(sent_at: datetime, valid_days: int) -> datetime:
	return sent_at + timedelta(days=max(int(valid_days), 1))


def link_state(expires: datetime | None, now: datetime, answered: bool, withdrawn: bool) -> str:
	"""What a link leads to: answered and withdrawn whatever the date (answers can be withdrawn at any time),
	else open until it expires."""
	if withdrawn:
		return WITHDRAWN
	if answered:
		return ANSWERED
	if expires is None or now >= expires:
		return EXPIRED
	return OPEN


# --- question sets and answers --------------------------------------------------------------------------------


def question_set_problems(question_ids: Sequence[str], statements: Sequence[str]) -> list[str]:
	"""What stops a list of questions being a survey: none, blank or repeated ids, ids that are not short
	lower-case words (they name the answers in forms and reports), blank statements."""
	problems = []
	if not question_ids:
		problems.append(_("Give the question set at least one question."))
	seen = set()
	for position, (question_id, statement) in enumerate(zip(question_ids, statements, strict=True), 1):
		if not QUESTION_ID.match(question_id or ""):
			problems.append(
				_(
					"Question {0}: its id must start with a letter and use only lower-case letters, digits "
					"and underscores (at most 60).",
					position,
				)
			)
		elif question_id in seen:
			problems.append(_("Question {0}: the id {1} is used twice.", position, question_id))
		seen.add(question_id)
		if not (statement or "").strip():
			problems.append(_("Question {0}: give the statement to agree or disagree with.", position))
	return problems


def answer_problems(answers: Mapping[str, str], question_ids: Sequence[str]) -> list[str]:
	"""What is wrong with a survey's answers ({question id: answer}): questions not in the set, answers not
	offered, or no answer at all. Questions may be left unanswered."""
	problems = []
	known = set(question_ids)
	for question_id, answer in answers.items():
		if question_id not in known:
			problems.append(_("{0} is not a question of this survey.", question_id))
		elif answer not in ANSWERS:
			problems.append(_("{0} is not an answer this survey offers.", answer))
	if not answers:
		problems.append(_("Answer at least one question, or close the page if you would rather not answer."))
	return problems
