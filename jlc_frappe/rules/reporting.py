"""Reporting periods: the NHS year ends on 31 March (SI 2009/309 reg 18; KO41a)."""

from __future__ import annotations

from datetime import date


def reporting_year_of(d: date) -> str:
	"""The reporting year containing `d`, written like 2025-26 (1 April 2025 to 31 March 2026)."""
	start = d.year if d.month >= 4 else d.year - 1
	return f"{start}-{(start + 1) % 100:02d}"
