"""What a command did, its summary line and its exit code (the same for every command)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

DONE, FAILED, USAGE, REJECTED = 0, 1, 2, 3
STATUSES = ("created", "updated", "unchanged", "rejected")


@dataclass
class Outcome:
	what: str
	counts: Counter = field(default_factory=Counter)
	notes: list = field(default_factory=list)
	failed: str | None = None

	@property
	def exit_code(self) -> int:
		"""0 all done, 3 done but some rows rejected, 1 failed (usage errors, 2, never reach an Outcome)."""
		if self.failed:
			return FAILED
		return REJECTED if self.counts["rejected"] else DONE

	def summary(self) -> str:
		parts = [f"{self.counts[k]:,} {k}" for k in ("read", *STATUSES, "valid", "written") if self.counts[k]]
		line = f"{self.what}: " + (", ".join(parts) if parts else "nothing to do")
		lines = [line, *self.notes]
		if self.failed:
			lines.append(f"FAILED: {self.failed}")
		return "\n".join(lines)
