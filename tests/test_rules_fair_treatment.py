"""Fair treatment decision tools: just culture guide (NHSI 2018) and Being fair tool (NHS England 2025)."""

import json
from collections import deque
from pathlib import Path

import pytest

from jlc_frappe.rules.fair_treatment import (
	Branch,
	Step,
	load_question_sets,
	question_set_problems,
	walk,
)

SEED = Path(__file__).resolve().parents[1] / "jlc_frappe/jlc_safety/data/fair_treatment_question_sets.json"
JCG_ORDER = ["deliberate", "health", "foresight", "substitution", "mitigating"]  # domain.md §5


def _sets() -> dict[str, tuple[dict, list[Step], list[Branch]]]:
	"""The seed question sets by name."""
	data = json.loads(SEED.read_text(encoding="utf-8"))
	return {
		header["set_name"]: (header, steps, branches) for header, steps, branches in load_question_sets(data)
	}


SETS = _sets()
ALL_BRANCHES = [(name, branch) for name, (_, _, branches) in SETS.items() for branch in branches]


def _answers_to(steps: list[Step], branches: list[Branch], target: str) -> dict[str, str]:
	"""Answers (step_id -> answer) that lead from the first step to ``target``, by breadth-first search."""
	first = steps[0].step_id
	came_from: dict[str, tuple[str, str] | None] = {first: None}
	queue = deque([first])
	while queue:
		step_id = queue.popleft()
		for branch in branches:
			if branch.step_id == step_id and branch.next_step and branch.next_step not in came_from:
				came_from[branch.next_step] = (step_id, branch.answer)
				queue.append(branch.next_step)
	answers: dict[str, str] = {}
	node = target
	while came_from[node] is not None:
		previous, answer = came_from[node]
		answers[previous] = answer
		node = previous
	return answers


def _family(step_id: str) -> str:
	"""Test family of a just culture guide step: the step id's prefix (deliberate_harm -> deliberate)."""
	return step_id.split("_")[0]


def test_seed_has_both_sets_with_headers() -> None:
	assert set(SETS) == {"Just culture guide", "Being fair tool"}
	jcg, bf = SETS["Just culture guide"][0], SETS["Being fair tool"][0]
	assert (jcg["version"], jcg["publisher"], jcg["published"]) == (1, "NHS Improvement", "2018")
	assert (bf["version"], bf["publisher"], bf["published"]) == (1, "NHS England", "May 2025")
	assert "steps" not in jcg and "branches" not in jcg


@pytest.mark.parametrize("name", sorted(SETS))
def test_seed_sets_have_no_problems(name: str) -> None:
	_, steps, branches = SETS[name]
	assert question_set_problems(steps, branches) == []


BRANCH_IDS = [f"{name}:{branch.step_id}={branch.answer}" for name, branch in ALL_BRANCHES]


@pytest.mark.parametrize(("name", "branch"), ALL_BRANCHES, ids=BRANCH_IDS)
def test_every_branch_is_reachable_by_walk(name: str, branch: Branch) -> None:
	_, steps, branches = SETS[name]
	answers = _answers_to(steps, branches, branch.step_id)
	answers[branch.step_id] = branch.answer
	result = walk(steps, branches, answers)
	assert result.problems == []
	assert result.path[-1] == branch.step_id
	assert set(result.path) == set(answers)
	if branch.next_step:
		assert result.next_step == branch.next_step
		assert result.recommendation is None
	else:
		assert result.next_step is None
		assert result.recommendation == branch.recommendation
		assert result.finished


def test_every_end_has_a_recommendation_sentence() -> None:
	for _, branch in ALL_BRANCHES:
		if not branch.next_step:
			assert branch.recommendation.strip().endswith(".")
			assert len(branch.recommendation.split()) >= 8


def test_just_culture_guide_test_order() -> None:
	"""Deliberate harm, health, foresight, substitution, mitigating circumstances (NHSI 2018)."""
	_, steps, branches = SETS["Just culture guide"]
	answers = {
		"deliberate_harm": "No",
		"health_substance": "No",
		"health_illness": "No",
		"foresight_protocols": "Yes",
		"foresight_workable": "Yes",
		"foresight_departure": "Yes",
		"substitution_peers": "No",
		"substitution_training": "No",
		"substitution_supervision": "No",
	}
	result = walk(steps, branches, answers)
	assert result.problems == [] and result.next_step == "mitigating"
	families: list[str] = []
	for step_id in [*result.path, result.next_step]:
		if _family(step_id) not in families:
			families.append(_family(step_id))
	assert families == JCG_ORDER
	# Without mitigating circumstances a knowing departure leads to individual action; with them, it may not.
	assert "individual" in walk(steps, branches, {**answers, "mitigating": "No"}).recommendation
	assert "may not be appropriate" in walk(steps, branches, {**answers, "mitigating": "Yes"}).recommendation


def test_just_culture_guide_order_holds_on_every_path() -> None:
	"""No branch leads back to an earlier test family."""
	_, steps, branches = SETS["Just culture guide"]
	assert {_family(step.step_id) for step in steps} == set(JCG_ORDER)
	for branch in branches:
		if branch.next_step:
			assert JCG_ORDER.index(_family(branch.next_step)) >= JCG_ORDER.index(_family(branch.step_id))


def test_most_just_culture_ends_are_system_learning() -> None:
	_, _, branches = SETS["Just culture guide"]
	ends = [b for b in branches if not b.next_step]
	system = [b for b in ends if "Action should focus on the system" in b.recommendation]
	assert len(system) > len(ends) / 2


def test_being_fair_tool_restorative_questions() -> None:
	_, steps, branches = SETS["Being fair tool"]
	questions = [step.question for step in steps]
	for question in ("Who is hurt?", "What do they need?", "Whose obligation is it to meet that need?"):
		assert question in questions
	assert steps[0].step_id == "systems_first"
	no_systems = walk(steps, branches, {"systems_first": "No"})
	assert "systems-focused learning response first" in no_systems.recommendation


def test_wrong_answer_is_a_problem_and_stops() -> None:
	_, steps, branches = SETS["Just culture guide"]
	result = walk(steps, branches, {"deliberate_harm": "No", "health_substance": "Maybe"})
	assert result.path == ["deliberate_harm"]
	assert result.next_step == "health_substance"
	assert result.recommendation is None
	assert len(result.problems) == 1 and "Maybe" in result.problems[0]


def test_answer_off_the_path_is_a_problem() -> None:
	_, steps, branches = SETS["Just culture guide"]
	result = walk(steps, branches, {"deliberate_harm": "Yes", "health_substance": "No"})
	assert result.path == ["deliberate_harm"] and result.recommendation
	assert len(result.problems) == 1 and "health_substance" in result.problems[0]
	unknown = walk(steps, branches, {"deliberate_harm": "No", "no_such_step": "Yes"})
	assert unknown.next_step == "health_substance"
	assert len(unknown.problems) == 1 and "no_such_step" in unknown.problems[0]


def test_unanswered_and_blank_answers() -> None:
	_, steps, branches = SETS["Being fair tool"]
	assert walk(steps, branches, {}).next_step == "systems_first"
	result = walk(steps, branches, {"systems_first": " Yes ", "individual_concern": ""})
	assert result.path == ["systems_first"] and result.next_step == "individual_concern"
	assert result.problems == []


def _set(*branches: Branch, steps: tuple[str, ...] = ("a", "b", "c")) -> list[str]:
	"""Problems of a small set with the given step ids and branches."""
	return question_set_problems([Step(s, f"Question {s}?") for s in steps], list(branches))


def _end(step: str, answer: str = "Yes") -> Branch:
	return Branch(step, answer, recommendation="Do something sensible.")


VALID = (Branch("a", "No", "b"), _end("a"), Branch("b", "No", "c"), _end("b"), _end("c"))


def test_small_valid_set() -> None:
	assert _set(*VALID) == []
	assert question_set_problems([], []) == ["A question set needs at least one step."]


def test_problem_cycle() -> None:
	problems = _set(*VALID[:4], Branch("c", "No", "b"), _end("c"))
	assert any("cycle" in p and "b -> c -> b" in p for p in problems)
	assert _set(Branch("a", "No", "a"), _end("a"), steps=("a",)) != []


def test_problem_unreachable_step() -> None:
	problems = _set(Branch("a", "No", "b"), _end("a"), _end("b"), _end("c"))
	assert problems == ["Step 'c' cannot be reached from the first step 'a'."]


def test_problem_dangling_next_step() -> None:
	problems = _set(*VALID[:4], Branch("c", "No", "zzz"), _end("c"))
	assert any("'zzz', which does not exist" in p for p in problems)


def test_problem_both_next_step_and_recommendation() -> None:
	problems = _set(*VALID[:2], Branch("b", "No", "c", "Also a recommendation."), _end("b"), _end("c"))
	assert any("both a next step and a recommendation" in p for p in problems)
	neither = _set(*VALID[:4], Branch("c", "No"), _end("c"))
	assert any("neither a next step nor a recommendation" in p for p in neither)


def test_problem_step_without_branches() -> None:
	problems = _set(*VALID[:4])
	assert any("Step 'c' has no answers" in p for p in problems)


def test_problem_duplicate_step_ids_and_answers() -> None:
	problems = _set(*VALID, steps=("a", "b", "c", "b"))
	assert any("'b' is used more than once" in p for p in problems)
	duplicate_answer = _set(*VALID, _end("c"))
	assert any("given more than once" in p for p in duplicate_answer)
	orphan = _set(*VALID, _end("x"))
	assert any("step that does not exist" in p for p in orphan)


def test_load_rejects_typo_keys() -> None:
	row = {"set_name": "X", "steps": [{"step_id": "a", "question": "Q?", "hlep": ""}], "branches": []}
	with pytest.raises(ValueError, match="hlep"):
		load_question_sets({"question_sets": [row]})
	with pytest.raises(ValueError):
		load_question_sets({})
