"""`jlc-sync pull complaints --since DATE --out FILE`: the complaints changed since DATE, with their aspects, for a
data warehouse or another system.

Everything is read through Frappe's list API (`frappe.client.get_list`), as the key's user: the site's row rules
decide which complaints and aspects come back, and its field permissions which fields (`fields=["*"]` gives the
fields the user may read). People's details are not columns (they live in JLC Person), so no export carries
them; the links to the people (JLC Person ids) are left out too. Complaints are read a page at a time, each page
with its aspects, and written as they come, to FILE.part, renamed FILE when complete: a failed pull never leaves
a file that looks whole.

Formats, by FILE's extension: `.csv` (complaints in FILE, aspects in FILE's name with `.aspects.csv`), `.jsonl`
(one complaint a line, its aspects inside) or `.json` (one array).
"""

from __future__ import annotations

import csv
import json
import os
from datetime import datetime
from pathlib import Path

from jlc_frappe.sync.errors import SyncError, UsageError
from jlc_frappe.sync.outcome import Outcome
from jlc_frappe.sync.progress import Progress
from jlc_frappe.sync.schema import schema

COMPLAINT, ASPECT = "Complaint", "Complaint Aspect"
LEFT_OUT = {"doctype", "parenttype", "parentfield"}
NAMES_PER_CALL = 100


def pull_complaints(
	site, since: str, out: str, page_size: int = 500, dry_run: bool = False, progress: bool | None = None
) -> Outcome:
	since = check_since(since)
	outcome = Outcome(
		f"Complaints changed since {since}" + (" (dry run: nothing written)" if dry_run else "")
	)
	writer = None if dry_run else _writer(out)
	bar = Progress("pull complaints", enabled=progress)
	latest = None
	try:
		for page in _pages(site, since, page_size):
			aspects = _aspects(site, [c["name"] for c in page], page_size)
			for complaint in page:
				outcome.counts["read"] += 1
				latest = complaint.get("modified") or latest
				if writer:
					writer.write(complaint, aspects.get(complaint["name"], []))
					outcome.counts["written"] += 1
			bar.update(count=outcome.counts["read"])
		if writer:
			writer.commit()
			outcome.notes.append(f"Written to {', '.join(writer.paths)}.")
		if latest:
			outcome.notes.append(f"Next time, pull changes since: {latest}")
	except UsageError:
		raise
	except SyncError as e:
		outcome.failed = str(e)
	except KeyboardInterrupt:
		outcome.failed = "Interrupted: nothing was written."
	finally:
		bar.close()
		if writer:
			writer.discard()
	return outcome


def check_since(text: str) -> str:
	"""--since as the site's datetime text; a UsageError when it is not a date."""
	for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f"):
		try:
			return datetime.strptime(text, fmt).strftime("%Y-%m-%d %H:%M:%S")
		except ValueError:
			continue
	raise UsageError(f"--since {text!r} is not a date (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS).")


def _clean(row: dict, left_out: set) -> dict:
	return {k: v for k, v in row.items() if not k.startswith("_") and k not in left_out}


def _pages(site, since: str, page_size: int):
	"""Lists of complaints, `page_size` at a time, oldest change first."""
	people = set(schema("complaints").person_links) | LEFT_OUT
	page = []
	rows = site.get_list(COMPLAINT, ["*"], "modified asc, name asc", [["modified", ">=", since]], page_size)
	for row in rows:
		page.append(_clean(row, people))
		if len(page) == page_size:
			yield page
			page = []
	if page:
		yield page


def _aspects(site, names: list[str], page_size: int) -> dict[str, list[dict]]:
	"""{complaint: its aspects the key may read}, for one page of complaints (asked NAMES_PER_CALL complaints at
	a time, so the query string stays short enough for any proxy)."""
	found: dict[str, list[dict]] = {}
	for start in range(0, len(names), NAMES_PER_CALL):
		chunk = names[start : start + NAMES_PER_CALL]
		rows = site.get_list(
			ASPECT,
			["*"],
			"parent asc, idx asc, name asc",
			[["parent", "in", chunk]],
			page_size,
			parent=COMPLAINT,
		)
		for row in rows:
			found.setdefault(row["parent"], []).append(_clean(row, LEFT_OUT))
	return found


def check_out(out: str) -> str:
	"""--out's format from its extension; a UsageError for another, or a folder that does not exist."""
	suffix = Path(out).suffix.lower()
	if suffix not in (".csv", ".jsonl", ".ndjson", ".json"):
		raise UsageError(f"--out {out!r}: name a .csv, .jsonl or .json file.")
	if not Path(out).resolve().parent.is_dir():
		raise UsageError(f"--out {out!r}: its folder does not exist.")
	return suffix


def _writer(out: str):
	suffix = check_out(out)
	if suffix == ".csv":
		return _CsvWriter(out)
	return _JsonWriter(out, lines=suffix != ".json")


class _Output:
	"""Files written as FILE.part and renamed when complete."""

	def __init__(self, *paths: str):
		self.paths = list(paths)
		self.files = [open(f"{p}.part", "w", newline="", encoding="utf-8") for p in paths]
		self.committed = False

	def commit(self) -> None:
		self.finish()
		for file, path in zip(self.files, self.paths, strict=True):
			file.close()
			os.replace(f"{path}.part", path)
		self.committed = True

	def finish(self) -> None:
		pass

	def discard(self) -> None:
		if self.committed:
			return
		for file, path in zip(self.files, self.paths, strict=True):
			file.close()
			if os.path.exists(f"{path}.part"):
				os.remove(f"{path}.part")


class _CsvWriter(_Output):
	def __init__(self, out: str):
		super().__init__(out, str(Path(out).with_suffix(".aspects.csv")))
		self.writers = [None, None]

	def _row(self, index: int, row: dict) -> None:
		if self.writers[index] is None:
			self.writers[index] = csv.DictWriter(
				self.files[index], fieldnames=list(row), extrasaction="ignore"
			)
			self.writers[index].writeheader()
		self.writers[index].writerow(row)

	def write(self, complaint: dict, aspects: list[dict]) -> None:
		self._row(0, complaint)
		for aspect in aspects:
			self._row(1, aspect)


class _JsonWriter(_Output):
	def __init__(self, out: str, lines: bool):
		super().__init__(out)
		self.lines, self.first = lines, True
		if not lines:
			self.files[0].write("[")

	def write(self, complaint: dict, aspects: list[dict]) -> None:
		text = json.dumps({**complaint, "aspects": aspects}, ensure_ascii=False, default=str)
		if self.lines:
			self.files[0].write(text + "\n")
		else:
			self.files[0].write(("\n" if self.first else ",\n") + text)
		self.first = False

	def finish(self) -> None:
		if not self.lines:
			self.files[0].write("\n]\n")
