"""A one-line progress bar on the terminal, and nothing when output is piped or redirected.

Neither tqdm nor rich is installed where JLC runs, and the client depends on `requests` only (README,
Dependencies): this bar is a few lines on stderr, redrawn at most ten times a second.
"""

from __future__ import annotations

import sys
import time


class Progress:
	def __init__(self, label: str, total: float | None = None, stream=None, enabled: bool | None = None):
		self.stream = stream or sys.stderr
		self.enabled = self.stream.isatty() if enabled is None else enabled
		self.label, self.total = label, total
		self.done, self.count, self.started, self.drawn = 0.0, 0, time.monotonic(), 0.0

	def update(self, done: float | None = None, count: int | None = None) -> None:
		"""`done` in the unit of `total` (bytes of a file, rows of a list); `count` the rows so far."""
		if done is not None:
			self.done = done
		if count is not None:
			self.count = count
		now = time.monotonic()
		if self.enabled and now - self.drawn >= 0.1:
			self.drawn = now
			self._draw(now)

	def _draw(self, now: float) -> None:
		rate = self.count / max(now - self.started, 1e-6)
		text = f"{self.label}: {self.count:,} rows, {rate:,.0f}/s"
		if self.total:
			share = min(self.done / self.total, 1.0)
			filled = int(share * 30)
			text = f"{self.label} [{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {self.count:,} rows, {rate:,.0f}/s"
		self.stream.write("\r" + text[:119].ljust(119))
		self.stream.flush()

	def close(self) -> None:
		if self.enabled:
			self._draw(time.monotonic())
			self.stream.write("\n")
			self.stream.flush()
