"""The annual complaints report (regulation 18): which decisions count as well founded, and what mattered most.

Pure Python: jlc_frappe.governance.annual counts the records (aggregated in SQL) and hands the counts here."""

from __future__ import annotations

from collections.abc import Mapping

from jlc_frappe.rules.outcomes import NOT_UPHELD, PARTIALLY_UPHELD, UPHELD
from jlc_frappe.rules.rates import share

# The Ombudsman's outcomes, as an Ombudsman Referral records them, and the referrals not decided yet.
OMBUDSMAN_OUTCOMES = ("Upheld", "Partly Upheld", "Not Upheld", "Not Investigated")
NOT_YET_DECIDED = "Not yet decided"
MOST_COMMON = 3  # how many subject and service areas are matters of general importance (ties included)


def decisions(outcomes: Mapping[str, int]) -> dict:
	"""From the complaints closed in the year by outcome: how many were decided, how many well founded (upheld
	or partially upheld) and how many not (not upheld), with the well-founded share of those decided."""
	upheld, partially, not_upheld = (
		int(outcomes.get(key) or 0) for key in (UPHELD, PARTIALLY_UPHELD, NOT_UPHELD)
	)
	decided = upheld + partially + not_upheld
	return {
		"decided": decided,
		"well_founded": upheld + partially,
		"upheld": upheld,
		"partially_upheld": partially,
		"not_well_founded": not_upheld,
		"well_founded_share": share(upheld + partially, decided),
	}


def most_common(counts: Mapping[str, int], n: int = MOST_COMMON) -> list[tuple[str, int]]:
	"""The keys with the highest counts, highest first (ties in the order given): the top `n`, and every key
	tied with the `n`-th, so that no equal key is left out; keys counted zero never."""
	ranked = sorted(((key, int(count or 0)) for key, count in counts.items() if count), key=lambda kv: -kv[1])
	if n < 1:
		return []
	if len(ranked) <= n:
		return ranked
	cut = ranked[n - 1][1]
	return [(key, count) for key, count in ranked if count >= cut]
