from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules import experience as ex


def test_agree_share_counts_only_the_agree_scale():
	answers = ["Strongly agree", "Agree", "Disagree", "Neither agree nor disagree", "Does not apply to me"]
	assert ex.agree_share(answers) == {"count": 2, "of": 4, "percent": 50.0}
	assert ex.agree_share(["Does not apply to me"]) == {"count": 0, "of": 0, "percent": None}
	assert ex.agree_share([]) == {"count": 0, "of": 0, "percent": None}
	assert ex.agree_share(["Agree", "Agree", "Strongly disagree"])["percent"] == 66.7


@given(st.lists(st.sampled_from(ex.ANSWERS)))
def test_agree_share_is_a_share_of_the_scale_answers(answers):
	rate = ex.agree_share(answers)
	assert rate["of"] == sum(1 for a in answers if a != ex.DOES_NOT_APPLY)
	assert 0 <= rate["count"] <= rate["of"]
	assert rate["percent"] is None or 0 <= rate["percent"] <= 100


def test_below_target_and_lowest_first():
	assert ex.below_target({"count": 7, "of": 10, "percent": 70.0}, 75) is True
	assert ex.below_target({"count": 3, "of": 4, "percent": 75.0}, 75) is False
	assert ex.below_target({"count": 0, "of": 0, "percent": None}, 75) is None
	rates = [
		{"count": 0, "of": 0, "percent": None},
		{"count": 9, "of": 10, "percent": 90.0},
		{"count": 1, "of": 2, "percent": 50.0},
		{"count": 5, "of": 10, "percent": 50.0},
	]
	ordered = sorted(rates, key=ex.lowest_first)
	assert [r["percent"] for r in ordered] == [50.0, 50.0, 90.0, None]
	assert ordered[0]["of"] == 10, "at the same share, the one with more answers first"


def test_period_is_the_month():
	assert ex.period_of(date(2026, 3, 31)) == date(2026, 3, 1)


def test_tokens_are_random_and_stored_hashed():
	a, b = ex.new_token(), ex.new_token()
	assert a != b and len(a) >= 43
	assert ex.token_digest(a) == ex.token_digest(a) != ex.token_digest(b)
	assert a not in ex.token_digest(a) and len(ex.token_digest(a)) == 64


def test_link_expiry_and_state():
	sent = datetime(2026, 1, 10, 9, 0)
	expires = ex.expires_at(sent, 28)
	assert expires == datetime(2026, 2, 7, 9, 0)
	assert ex.expires_at(sent, 0) == sent + timedelta(days=1), "a link is open for at least a day"
	assert ex.link_state(expires, expires - timedelta(seconds=1), False, False) == ex.OPEN
	assert ex.link_state(expires, expires, False, False) == ex.EXPIRED
	assert ex.link_state(None, sent, False, False) == ex.EXPIRED
	assert ex.link_state(expires, expires + timedelta(days=400), True, False) == ex.ANSWERED
	assert ex.link_state(expires, sent, True, True) == ex.WITHDRAWN


def test_question_set_problems():
	assert (
		ex.question_set_problems(["speak_up", "simple"], ["I felt I could speak up.", "It was simple."]) == []
	)
	assert ex.question_set_problems([], [])
	problems = ex.question_set_problems(["speak_up", "speak_up", "Bad id", "ok"], ["a", "b", "c", " "])
	assert len(problems) == 3
	assert "used twice" in problems[0] and "lower-case" in problems[1] and "statement" in problems[2]


def test_answer_problems():
	ids = ["speak_up", "simple"]
	assert ex.answer_problems({"speak_up": "Agree"}, ids) == []
	assert ex.answer_problems({"speak_up": "Does not apply to me", "simple": "Strongly disagree"}, ids) == []
	assert ex.answer_problems({}, ids)
	assert ex.answer_problems({"other": "Agree"}, ids)
	assert ex.answer_problems({"simple": "Maybe"}, ids)
