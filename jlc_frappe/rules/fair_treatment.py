"""Fair decisions about staff: decision tools as versioned, editable question sets.

Sources: NHS Improvement, *A just culture guide* (2018): deliberate harm, health, foresight, substitution
and mitigating circumstances tests, in that order; NHS England, *Being fair tool* (May 2025), which replaced
it: used only when a learning response raises a concern about an individual, starting from the assumption of
a systems issue, with restorative questions. The wording of both is [verify], so sites keep them as data
(``jlc_safety/data/fair_treatment_question_sets.json``); this module only checks and walks a set.

A set is a list of steps (questions) and branches (answers). Each branch either leads to another step or ends
the walk with a recommendation. The walk always starts at the first step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jlc_frappe.rules.messages import _

_STEP_KEYS = {"step_id", "question", "help"}
_BRANCH_KEYS = {"step_id", "answer", "next_step", "recommendation"}
_SET_LISTS = ("steps", "branches")


@dataclass(frozen=True)
class Step:
	"""One question of a decision tool (e.g. the just culture guide's deliberate harm test)."""

	step_id: str
	question: str
	help: str = ""


@dataclass(frozen=True)
class Branch:
	"""One answer to a step: it leads to ``next_step`` or, when that is "", ends with ``recommendation``."""

	step_id: str
	answer: str
	next_step: str = ""
	recommendation: str = ""


@dataclass
class Walk:
	"""Where a set of answers leads: the path answered, and either the end reached or the next question."""

	path: list[str]
	recommendation: str | None
	next_step: str | None
	problems: list[str]

	@property
	def finished(self) -> bool:
		"""True when the walk reached a recommendation without problems."""
		return self.recommendation is not None and not self.problems


def _blank(value: str | None) -> bool:
	"""True for None or whitespace-only text."""
	return value is None or not str(value).strip()


def _edges(steps: Sequence[Step], branches: Sequence[Branch]) -> dict[str, list[str]]:
	"""step_id -> the existing steps its branches lead to (dangling next_steps left out), in branch order."""
	edges: dict[str, list[str]] = {step.step_id: [] for step in steps}
	for branch in branches:
		if branch.step_id in edges and branch.next_step in edges:
			if branch.next_step not in edges[branch.step_id]:
				edges[branch.step_id].append(branch.next_step)
	return edges


def _structure_problems(steps: Sequence[Step], branches: Sequence[Branch]) -> list[str]:
	"""Ids, answers and branch targets: each branch belongs to a step and leads somewhere or ends."""
	problems: list[str] = []
	seen_ids: set[str] = set()
	for step in steps:
		if _blank(step.step_id):
			problems.append(_("A step has no step id."))
		elif step.step_id in seen_ids:
			problems.append(_("Step id '{0}' is used more than once.", step.step_id))
		seen_ids.add(step.step_id)
	seen_answers: set[tuple[str, str]] = set()
	for branch in branches:
		answer, step_id = branch.answer, branch.step_id
		if step_id not in seen_ids:
			problems.append(
				_("Answer '{0}' to step '{1}' belongs to a step that does not exist.", answer, step_id)
			)
		if _blank(answer):
			problems.append(_("A branch of step '{0}' has no answer.", step_id))
		elif (step_id, answer) in seen_answers:
			problems.append(_("Answer '{0}' to step '{1}' is given more than once.", answer, step_id))
		seen_answers.add((step_id, answer))
		problems.extend(_branch_target_problems(branch, seen_ids))
	answered = {branch.step_id for branch in branches}
	for step in steps:
		if step.step_id not in answered:
			problems.append(_("Step '{0}' has no answers (branches).", step.step_id))
	return problems


def _branch_target_problems(branch: Branch, step_ids: set[str]) -> list[str]:
	"""A branch has either a next step that exists or a recommendation, not both and not neither."""
	answer, step_id = branch.answer, branch.step_id
	has_next = not _blank(branch.next_step)
	has_recommendation = not _blank(branch.recommendation)
	if has_next and has_recommendation:
		return [_("Answer '{0}' to step '{1}' has both a next step and a recommendation.", answer, step_id)]
	if not has_next and not has_recommendation:
		return [
			_("Answer '{0}' to step '{1}' has neither a next step nor a recommendation.", answer, step_id)
		]
	if has_next and branch.next_step not in step_ids:
		return [
			_(
				"Answer '{0}' to step '{1}' leads to step '{2}', which does not exist.",
				answer,
				step_id,
				branch.next_step,
			)
		]
	return []


def _unreachable(first: str, edges: Mapping[str, list[str]]) -> list[str]:
	"""Steps that no walk from ``first`` can reach, in set order."""
	reached = {first}
	todo = [first]
	while todo:
		for target in edges.get(todo.pop(), []):
			if target not in reached:
				reached.add(target)
				todo.append(target)
	return [step_id for step_id in edges if step_id not in reached]


def _cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
	"""Each cycle found by a depth-first search, as the step ids around it (first repeated at the end)."""
	state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
	found: list[list[str]] = []

	def visit(node: str, trail: list[str]) -> None:
		state[node] = 1
		trail.append(node)
		for target in edges.get(node, []):
			if state.get(target) == 1:
				found.append(trail[trail.index(target) :] + [target])
			elif target not in state:
				visit(target, trail)
		trail.pop()
		state[node] = 2

	for node in edges:
		if node not in state:
			visit(node, [])
	return found


def question_set_problems(steps: Sequence[Step], branches: Sequence[Branch]) -> list[str]:
	"""Why a question set cannot be used (empty when it can).

	Rules: at least one step; unique step ids; every step has at least one branch; answers unique within a
	step; every branch's step exists; every next_step exists; a branch has either a next_step or a
	recommendation, not both and not neither; every step is reachable from the first step (steps[0]); no
	cycles, so every walk ends.
	Question sets are editable data modelling the just culture guide (2018) and Being fair tool (2025).
	"""
	if not steps:
		return [_("A question set needs at least one step.")]
	problems = _structure_problems(steps, branches)
	edges = _edges(steps, branches)
	first = steps[0].step_id
	for step_id in _unreachable(first, edges):
		problems.append(_("Step '{0}' cannot be reached from the first step '{1}'.", step_id, first))
	for cycle in _cycles(edges):
		around = " -> ".join(cycle)
		problems.append(_("Steps form a cycle, so a walk may never end: {0}.", around))
	return problems


def _branch_index(branches: Sequence[Branch]) -> dict[str, dict[str, Branch]]:
	"""step_id -> answer -> branch (the first branch wins if an answer is duplicated)."""
	index: dict[str, dict[str, Branch]] = {}
	for branch in branches:
		index.setdefault(branch.step_id, {}).setdefault(branch.answer, branch)
	return index


def walk(steps: Sequence[Step], branches: Sequence[Branch], answers: Mapping[str, str]) -> Walk:
	"""Follow the answers (step_id -> answer) from the first step.

	Stops at the first unanswered step (``next_step``; a blank answer counts as unanswered) or at an end
	(``recommendation``). An answer that is not a branch of its step is a problem: the walk stops there
	and that step is the ``next_step`` to answer again. Answers given for steps not on the path followed
	are problems too (they would be silently ignored otherwise). Answers are compared after trimming
	surrounding spaces. Question sets: just culture guide (NHSI 2018), Being fair tool (NHS England 2025).
	"""
	if not steps:
		return Walk([], None, None, [_("A question set needs at least one step.")])
	step_ids = {step.step_id for step in steps}
	index = _branch_index(branches)
	given = {step_id: str(answer).strip() for step_id, answer in answers.items() if not _blank(answer)}
	path: list[str] = []
	problems: list[str] = []
	recommendation: str | None = None
	current: str | None = steps[0].step_id
	next_step: str | None = None
	while current is not None:
		if current in path or current not in step_ids:
			problems.append(
				_("The question set leads to step '{0}', which cannot be answered here.", current)
			)
			break
		if current not in given:
			next_step = current
			break
		branch = index.get(current, {}).get(given[current])
		if branch is None:
			expected = ", ".join("'" + str(answer) + "'" for answer in index.get(current, {})) or _("none")
			problems.append(
				_("'{0}' is not an answer to step '{1}' (expected {2}).", given[current], current, expected)
			)
			next_step = current
			break
		path.append(current)
		if _blank(branch.next_step):
			recommendation = branch.recommendation
			current = None
		else:
			current = branch.next_step
	problems.extend(_off_path_problems(given, path, next_step, step_ids))
	return Walk(path, recommendation, next_step, problems)


def _off_path_problems(
	given: Mapping[str, str], path: Sequence[str], stopped_at: str | None, step_ids: set[str]
) -> list[str]:
	"""Answers that the walk did not use: steps off the path, or not in the set at all."""
	problems: list[str] = []
	for step_id, answer in given.items():
		if step_id in path or step_id == stopped_at:
			continue
		if step_id not in step_ids:
			problems.append(
				_("Answer '{0}' is for step '{1}', which is not in this question set.", answer, step_id)
			)
		else:
			problems.append(
				_("Answer '{0}' to step '{1}' is not on the path the answers lead to.", answer, step_id)
			)
	return problems


def _checked_keys(row: Mapping, allowed: set[str], required: set[str], where: str) -> None:
	"""Raise ValueError when a seed row misses a required key or has one we do not know (likely a typo)."""
	missing = required - set(row)
	unknown = set(row) - allowed
	if missing:
		keys = ", ".join(sorted(missing))
		raise ValueError(_("{0}: missing {1}.", where, keys))
	if unknown:
		keys = ", ".join(sorted(unknown))
		raise ValueError(_("{0}: unknown {1}.", where, keys))


def _load_step(row: Mapping, where: str) -> Step:
	"""One step row of the seed JSON."""
	_checked_keys(row, _STEP_KEYS, {"step_id", "question"}, where)
	return Step(step_id=row["step_id"], question=row["question"], help=row.get("help") or "")


def _load_branch(row: Mapping, where: str) -> Branch:
	"""One branch row of the seed JSON; missing or null next_step / recommendation mean ""."""
	_checked_keys(row, _BRANCH_KEYS, {"step_id", "answer"}, where)
	return Branch(
		step_id=row["step_id"],
		answer=row["answer"],
		next_step=row.get("next_step") or "",
		recommendation=row.get("recommendation") or "",
	)


def load_question_sets(data: dict) -> list[tuple[dict, list[Step], list[Branch]]]:
	"""Parse the seed JSON format: (header dict without steps/branches, steps, branches) per set.

	Format (fair_treatment_question_sets.json): ``{"question_sets": [{"set_name", "version", "publisher",
	"published", "description", "steps": [...], "branches": [...]}]}``. Raises ValueError on malformed
	rows; whether a set can be used is a separate question for :func:`question_set_problems`.
	"""
	sets = data.get("question_sets")
	if not isinstance(sets, list):
		raise ValueError(_("Expected a 'question_sets' list."))
	loaded: list[tuple[dict, list[Step], list[Branch]]] = []
	for position, raw in enumerate(sets, start=1):
		name = raw.get("set_name") or _("question set {0}", position)
		header = {key: value for key, value in raw.items() if key not in _SET_LISTS}
		steps = [
			_load_step(row, _("{0}, step {1}", name, i)) for i, row in enumerate(raw.get("steps") or [], 1)
		]
		branches = [
			_load_branch(row, _("{0}, branch {1}", name, i))
			for i, row in enumerate(raw.get("branches") or [], 1)
		]
		loaded.append((header, steps, branches))
	return loaded
