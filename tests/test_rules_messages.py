"""Rules messages are translatable: English strings that keep a literal template Frappe can extract."""

import ast
import copy
import pickle
import re
import string
from datetime import date
from pathlib import Path

import pytest

from jlc_frappe.rules import candour, deadlines, fair_treatment, outcomes, people, redaction, time_limit
from jlc_frappe.rules.messages import Message, _

RULES_DIR = Path(__file__).resolve().parent.parent / "jlc_frappe" / "rules"
RULES_FILES = sorted(RULES_DIR.glob("*.py"))

# f-strings that build data, not messages shown to users: (file, function or module-level assignment).
JOINED_STR_ALLOWED = {
	("nhs_number.py", "format_nhs_number"),  # the number written 3-3-4
	("reporting.py", "reporting_year_of"),  # a reporting year written like 2025-26
	# regular expressions assembled from named parts
	("redaction.py", "_MONTH"),
	("redaction.py", "_DMY_RE"),
	("redaction.py", "_YMD_RE"),
	("redaction.py", "_DAY_MONTH_YEAR_RE"),
	("redaction.py", "_DAY_MON_YEAR_HYPHEN_RE"),
	("redaction.py", "_MONTH_DAY_YEAR_RE"),
}
DEBUG_HELPERS = {"__repr__", "__str__"}

# A literal that reads like a sentence for users: capital letter or quote first, a space, a full stop last.
SENTENCE_RE = re.compile(r"^['A-Z].* .*\.$", re.DOTALL)


# --- Message


def test_message_is_the_formatted_english_and_keeps_template_and_args() -> None:
	message = _("Date of birth {0} is after {1}.", "2020-01-02", "2019-12-31")
	assert isinstance(message, Message)
	assert isinstance(message, str)
	assert message == "Date of birth 2020-01-02 is after 2019-12-31."
	assert message.template == "Date of birth {0} is after {1}."
	assert message.args == ("2020-01-02", "2019-12-31")
	assert "<br>".join([message, _("Plain.")]) == "Date of birth 2020-01-02 is after 2019-12-31.<br>Plain."


def test_message_without_args() -> None:
	message = _("The agreement date cannot be in the future.")
	assert message == message.template == "The agreement date cannot be in the future."
	assert message.args == ()


def test_message_hashes_like_its_english_text() -> None:
	assert {_("Name"): 1}["Name"] == 1
	assert redaction.NAME == "Name"
	assert redaction.KINDS.index("Email") == 4


def test_message_survives_copy_and_pickle() -> None:
	message = _("Text with {0} and {{braces}}.", 3)
	for clone in (copy.copy(message), copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
		assert clone == "Text with 3 and {braces}."
		assert (type(clone), clone.template, clone.args) == (Message, message.template, message.args)


# --- What the rules return and raise


def _assert_messages(problems: list[str]) -> None:
	assert problems
	for problem in problems:
		assert isinstance(problem, Message), problem
		assert problem == problem.template.format(*problem.args)


def test_rules_return_messages() -> None:
	_assert_messages(
		deadlines.validate_response_due_change(
			date(2025, 1, 10), None, date(2026, 1, 1), None, date(2025, 2, 1)
		)
	)
	_assert_messages(
		deadlines.validate_response_due_change(
			date(2025, 1, 10), None, date(2026, 1, 1), date(2025, 8, 1), date(2025, 9, 1)
		)
	)
	_assert_messages(time_limit.waiver_problems(True, "", ""))
	_assert_messages(time_limit.became_aware_problems(date(2025, 2, 1), date(2025, 1, 1)))
	_assert_messages(candour.notifiable_decision_problems("Maybe", None, None, None))
	_assert_messages(candour.notifiable_decision_problems("Yes", "Bruise", None, None))
	_assert_messages(candour.acting_basis_problems("Neighbour", None, date(2025, 1, 1), False))
	_assert_messages(
		candour.acting_basis_problems("Under 16 and not competent", date(2000, 1, 1), date(2025, 1, 1), False)
	)
	steps = [fair_treatment.Step("a", "Q?"), fair_treatment.Step("b", "Q2?")]
	branches = [
		fair_treatment.Branch("a", "Yes", "zz", "Both"),
		fair_treatment.Branch("a", "No"),
		fair_treatment.Branch("x", "Yes", "a"),
	]
	_assert_messages(fair_treatment.question_set_problems(steps, branches))
	_assert_messages(fair_treatment.walk(steps, branches, {"a": "Maybe", "b": "Yes", "q": "No"}).problems)
	findings = redaction.find_identifiers("Call 07700 900123", ())
	_assert_messages(redaction.describe(findings))
	assert findings[0].kind.template == "Phone number"


@pytest.mark.parametrize(
	"call",
	[
		lambda: candour.harm_suggests_candour("Awful", None),
		lambda: outcomes.overall_outcome(["Upheld", "Maybe"]),
		lambda: outcomes.carried_forward(-1, 0, 0),
		lambda: outcomes.carried_forward(1, 0, 2),
		lambda: people.age_on(date(2020, 1, 1), date(2019, 1, 1)),
		lambda: fair_treatment.load_question_sets({}),
		lambda: fair_treatment.load_question_sets({"question_sets": [{"steps": [{"step_id": "a"}]}]}),
	],
)
def test_rules_raise_messages(call) -> None:
	with pytest.raises(ValueError) as raised:
		call()
	message = raised.value.args[0]
	assert isinstance(message, Message)
	assert message == message.template.format(*message.args)


# --- Source check: what Frappe's extractor (babel, keyword ``_``) can see


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
	return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _scope(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
	"""Name of the innermost enclosing function, else the module-level assignment target, else ''."""
	while node in parents:
		node = parents[node]
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
			return node.name
		if isinstance(node, ast.Assign) and isinstance(parents.get(node), ast.Module):
			return ",".join(target.id for target in node.targets if isinstance(target, ast.Name))
	return ""


def _is_underscore_call(node: ast.AST) -> bool:
	return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"


def _inside_underscore_call(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
	while node in parents:
		node = parents[node]
		if _is_underscore_call(node):
			return True
	return False


def _is_docstring_or_fstring_part(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
	return isinstance(parents.get(node), ast.Expr | ast.JoinedStr)


def _positional_fields(template: str) -> set[int]:
	fields = set()
	for _literal, field, _spec, _conversion in string.Formatter().parse(template):
		if field is not None:
			fields.add(int(field))  # only numbered fields: {0}, {1}, ...
	return fields


def _problems_in(path: Path) -> list[str]:
	tree = ast.parse(path.read_text(), filename=str(path))
	parents = _parents(tree)
	problems = []
	for node in ast.walk(tree):
		where = f"{path.name}:{getattr(node, 'lineno', '?')}"
		if _is_underscore_call(node):
			template = node.args[0] if node.args else None
			if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
				problems.append(f"{where}: the first argument of _() must be a plain string literal")
				continue
			if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
				problems.append(f"{where}: _() takes the template and positional arguments only")
				continue
			# Frappe's extractor reads a string literal among the arguments as a translation context.
			for arg in node.args[1:]:
				if any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(arg)):
					problems.append(f"{where}: build arguments with string literals before calling _()")
			try:
				fields = _positional_fields(template.value)
			except ValueError:
				problems.append(f"{where}: use numbered fields {{0}}, {{1}}, ... in a _() template")
				continue
			if fields != set(range(len(node.args) - 1)):
				problems.append(
					f"{where}: fields {sorted(fields)} do not match {len(node.args) - 1} argument(s)"
				)
		elif isinstance(node, ast.JoinedStr):
			scope = _scope(node, parents)
			if scope not in DEBUG_HELPERS and (path.name, scope) not in JOINED_STR_ALLOWED:
				problems.append(f"{where}: f-string in {scope or 'module'}; use _('... {{0}}', value)")
		elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SENTENCE_RE.match(node.value):
			if not _inside_underscore_call(node, parents) and not _is_docstring_or_fstring_part(
				node, parents
			):
				problems.append(f"{where}: message {node.value!r} is not wrapped in _()")
	return problems


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda path: path.name)
def test_rules_messages_are_extractable(path: Path) -> None:
	assert "import frappe" not in path.read_text() and "from frappe" not in path.read_text()
	assert _problems_in(path) == []


def test_source_check_catches_untranslatable_messages(tmp_path: Path) -> None:
	bad = tmp_path / "bad.py"
	bad.write_text(
		"def problems(day, kinds):\n"
		"\treturn [f'Date {day} is wrong.']\n"
		"def more(day, kinds):\n"
		"\traise ValueError('A plain sentence nobody can translate.')\n"
		"def worse(day, kinds):\n"
		"\treturn [_('Date ' + day), _('Kinds {0}.', ', '.join(kinds)), _('{0} and {1}.', day)]\n"
	)
	problems = _problems_in(bad)
	assert len(problems) == 5, problems
