"""`jlc-sync push incidents|claims FILE`: an export's rows into JLC through the upsert, in batches.

Rows are read, mapped and checked one at a time (memory stays flat as files grow); the good ones go to the site
in batches of `batch_size`, the others to FILE.rejects.csv with their reason, and so do the rows the site
refuses. After each batch the checkpoint says how far the push got: an interrupted push run again resumes
there, and a push run again from the start creates nothing twice (the upsert matches on the external
reference and leaves identical records untouched).
"""

from __future__ import annotations

from jlc_frappe.sync.errors import SyncError, UsageError
from jlc_frappe.sync.mapping import RowMapper, load_mapping
from jlc_frappe.sync.outcome import STATUSES, Outcome
from jlc_frappe.sync.progress import Progress
from jlc_frappe.sync.rows import Checkpoint, Rejects, Source
from jlc_frappe.sync.schema import schema

BATCH_SIZE = 200


def push(
	site,
	word: str,
	path: str,
	mapping_path: str | None = None,
	fmt: str | None = None,
	batch_size: int = BATCH_SIZE,
	dry_run: bool = False,
	restart: bool = False,
	progress: bool | None = None,
) -> Outcome:
	"""Push the file; `site` is a `Site` (None in a dry run, which sends nothing and keeps no checkpoint)."""
	fields = schema(word)
	mapping = load_mapping(mapping_path, fields)
	source = Source(path, fmt)
	try:
		mapper = RowMapper(mapping, fields, source.header)
		return _Push(
			site, fields.doctype, source, mapper, mapping_path, batch_size, dry_run, restart, progress
		).run()
	finally:
		source.close()


class _Push:
	def __init__(self, site, doctype, source, mapper, mapping_path, batch_size, dry_run, restart, progress):
		self.site, self.doctype, self.source, self.mapper = site, doctype, source, mapper
		self.batch_size, self.dry_run = max(1, min(batch_size, 500)), dry_run
		self.outcome = Outcome(
			f"{doctype} from {source.path}" + (" (dry run: nothing sent)" if dry_run else "")
		)
		self.checkpoint = Checkpoint(
			f"{source.path}.checkpoint.json", source.path, f"{doctype}\n{_read(mapping_path)}"
		)
		state = None if (dry_run or restart) else self.checkpoint.load()
		self.done = state["done"] if state else 0
		self.outcome.counts.update(state["counts"] if state else {})
		if state:
			self.outcome.notes.append(f"Resumed after row {self.done:,} (checkpoint {self.checkpoint.path}).")
		self.rejects = Rejects(f"{source.path}.rejects.csv", source.header, keep_up_to=self.done)
		self.batch, self.pending_rejects, self.last = [], 0, self.done
		self.progress = Progress(f"push {doctype}", total=source.size, enabled=progress)

	def run(self) -> Outcome:
		try:
			for number, record, problem in self.source:
				if number <= self.done:
					continue
				self.last = number
				self._take(number, record, problem)
				self.progress.update(self.source.bytes_read, self.outcome.counts["read"] + self.pending)
			self._send()
			if not self.dry_run:
				self.checkpoint.remove()
		except UsageError:
			raise
		except SyncError as e:
			self.outcome.failed = f"{e} Run the same command again to resume after row {self.done:,}."
		except KeyboardInterrupt:
			self.outcome.failed = (
				f"Interrupted. Run the same command again to resume after row {self.done:,}."
			)
		finally:
			self.progress.close()
			self.rejects.close()
		if self.rejects.count or self.outcome.counts["rejected"]:
			self.outcome.notes.append(f"Rejected rows and their reasons: {self.rejects.path}")
		return self.outcome

	def _resume(self) -> str:
		if self.done:
			return (
				f" Run the same command again to resume after row {self.done:,} (nothing is created twice)."
			)
		return ""

	@property
	def pending(self) -> int:
		return len(self.batch) + self.pending_rejects

	def _take(self, number: int, record: dict | None, problem: str | None) -> None:
		values, reasons = ({}, [problem]) if problem else self.mapper.map(record)
		if reasons:
			self.rejects.write(number, "; ".join(reasons), record)
			self.pending_rejects += 1
		else:
			self.batch.append((number, record, values))
		if len(self.batch) >= self.batch_size:
			self._send()

	def _send(self) -> None:
		"""Send the batch; then count it, with the rows refused since the last batch, and save the checkpoint."""
		batch, results = self.batch, []
		if batch and not self.dry_run:
			results = self.site.upsert(self.doctype, [values for _n, _r, values in batch])["results"]
		self.batch = []
		counts = self.outcome.counts
		counts["read"] += len(batch) + self.pending_rejects
		counts["rejected"] += self.pending_rejects
		self.pending_rejects = 0
		if self.dry_run:
			counts["valid"] += len(batch)
			return
		for (number, record, _values), result in zip(batch, results, strict=True):
			counts[result["status"]] += 1
			if result["status"] == "rejected":
				self.rejects.write(number, f"refused by the site: {result.get('message')}", record)
		self.rejects.flush()
		self.done = self.last
		self.checkpoint.save(self.done, {k: counts[k] for k in ("read", *STATUSES)})


def _read(path: str | None) -> str:
	if not path:
		return ""
	with open(path, encoding="utf-8") as f:
		return f.read()
