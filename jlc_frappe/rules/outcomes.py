"""Complaint outcomes and counts for the KO41a national return (NHS England)."""

from __future__ import annotations

from collections.abc import Iterable

from jlc_frappe.rules.messages import _

UPHELD = "Upheld"
PARTIALLY_UPHELD = "Partially Upheld"
NOT_UPHELD = "Not Upheld"
OUTCOMES = (UPHELD, PARTIALLY_UPHELD, NOT_UPHELD)


def overall_outcome(aspect_outcomes: Iterable[str | None]) -> str | None:
	"""KO41a: whole-complaint outcome from its aspects; ``None`` until every aspect has an outcome.

	All upheld -> Upheld; all not upheld -> Not Upheld; any other mix -> Partially Upheld.
	"""
	outcomes = list(aspect_outcomes)
	if not outcomes or any(not outcome for outcome in outcomes):
		return None
	unknown = sorted({outcome for outcome in outcomes if outcome not in OUTCOMES})
	if unknown:
		given = ", ".join(unknown)
		raise ValueError(_("Unknown aspect outcome(s): {0}; expected one of {1}.", given, OUTCOMES))
	distinct = set(outcomes)
	if distinct == {UPHELD}:
		return UPHELD
	if distinct == {NOT_UPHELD}:
		return NOT_UPHELD
	return PARTIALLY_UPHELD


def carried_forward(brought_forward: int, new: int, resolved: int) -> int:
	"""KO41a: carried forward = brought forward + new - resolved, never negative."""
	counts = ((_("brought forward"), brought_forward), (_("new"), new), (_("resolved"), resolved))
	for name, value in counts:
		if value < 0:
			raise ValueError(_("KO41a count '{0}' cannot be negative (got {1}).", name, value))
	result = brought_forward + new - resolved
	if result < 0:
		raise ValueError(
			_(
				"KO41a carried forward would be negative: {0} brought forward + {1} new "
				"- {2} resolved = {3}; more complaints resolved than were open.",
				brought_forward,
				new,
				resolved,
				result,
			)
		)
	return result
