"""Reading an export one row at a time, and the two files written beside it.

- `read_records`: CSV (with a header) or JSON lines, streamed: one row in memory at a time, whatever the size
  of the file. Each record comes with its number (1 = the first data row) and the bytes read so far (progress).
- `Rejects`: FILE.rejects.csv, every refused row with its number and reason and the row as it was, so nothing
  is lost silently and the file can be corrected and pushed again.
- `Checkpoint`: FILE.checkpoint.json, how far a push got (rows acknowledged by the site, and the counts), written
  after each batch, so an interrupted push resumes where it stopped; removed when the push ends.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from jlc_frappe.sync.errors import UsageError

JSON_LINES = (".jsonl", ".ndjson", ".json")
FINGERPRINT_BYTES = 65536
REJECT_COLUMNS = ["row", "reason"]


def file_format(path: str, given: str | None = None) -> str:
	if given:
		return given
	return "jsonl" if Path(path).suffix.lower() in JSON_LINES else "csv"


class Source:
	"""An export file read as records. `header` is the CSV's columns (None for JSON lines)."""

	def __init__(self, path: str, fmt: str | None = None):
		self.path, self.format = path, file_format(path, fmt)
		try:
			self.size = os.path.getsize(path)
			self.file = open(path, "rb")
		except OSError as e:
			raise UsageError(f"Cannot read {path}: {e.strerror}") from None
		self.bytes_read = 0
		self._lines = self._decoded_lines()
		self.header = None
		if self.format == "csv":
			self._csv = csv.reader(self._lines)
			try:
				self.header = [c.strip() for c in next(self._csv)]
			except StopIteration:
				raise UsageError(f"{path} is empty: a CSV file starts with a header row.") from None
			except (csv.Error, UnicodeDecodeError) as e:
				raise UsageError(f"{path}: cannot read its header: {e}") from None
			if len(set(self.header)) != len(self.header):
				raise UsageError(f"{path}: its header names a column twice.")

	def _decoded_lines(self) -> Iterator[str]:
		decoder = codecs.getincrementaldecoder("utf-8-sig")()
		for raw in self.file:
			self.bytes_read += len(raw)
			yield decoder.decode(raw)

	def close(self) -> None:
		self.file.close()

	def __iter__(self) -> Iterator[tuple[int, dict | None, str | None]]:
		"""(row number, record, why it cannot be read): the record is None when the row is unreadable."""
		return self._csv_records() if self.format == "csv" else self._json_records()

	def _csv_records(self):
		number = 0
		while True:
			try:
				cells = next(self._csv)
			except StopIteration:
				return
			except (csv.Error, UnicodeDecodeError) as e:
				number += 1
				yield number, None, f"unreadable CSV: {e}"
				continue
			if not any(c.strip() for c in cells):
				continue  # a blank line
			number += 1
			if len(cells) != len(self.header):
				extra = cells[len(self.header) :]
				reason = f"has {len(cells)} cells, the header {len(self.header)}"
				if extra:  # kept in the reason: the reject file has the header's columns only
					reason += f" (extra cells: {json.dumps(extra, ensure_ascii=False)})"
				yield number, dict(zip(self.header, cells, strict=False)), reason
				continue
			yield number, dict(zip(self.header, cells, strict=True)), None

	def _json_records(self):
		number = 0
		while True:
			try:
				line = next(self._lines)
			except StopIteration:
				return
			except UnicodeDecodeError as e:
				number += 1
				yield number, None, f"not UTF-8: {e}"
				continue
			if not line.strip():
				continue
			number += 1
			try:
				record = json.loads(line)
			except ValueError as e:
				yield number, {"line": line.strip()}, f"not JSON: {e}"
				continue
			if not isinstance(record, dict):
				yield number, {"line": line.strip()}, "not a JSON object"
				continue
			yield number, record, None


class Rejects:
	"""FILE.rejects.csv: row, reason, then the row's own columns (a JSON line's record as one JSON cell)."""

	def __init__(self, path: str, header: list[str] | None, keep_up_to: int | None = None):
		self.path, self.header, self.count = path, header, 0
		self.columns = REJECT_COLUMNS + (header if header is not None else ["record"])
		kept = self._kept(keep_up_to) if keep_up_to else []
		self.file = None
		if kept:
			self._open()
			self.writer.writerows(kept)
			self.file.flush()
		elif os.path.exists(path):
			os.remove(path)  # a reject file of an earlier run no longer says anything true

	def _kept(self, up_to: int) -> list[list[str]]:
		"""On resuming, the rejects of the rows already done (the others are written again as they come)."""
		if not os.path.exists(self.path):
			return []
		with open(self.path, newline="", encoding="utf-8") as f:
			rows = list(csv.reader(f))
		return [r for r in rows[1:] if r and r[0].isdigit() and int(r[0]) <= up_to]

	def _open(self):
		self.file = open(self.path, "w", newline="", encoding="utf-8")
		self.writer = csv.writer(self.file)
		self.writer.writerow(self.columns)

	def write(self, number: int, reason: str, record: dict | None) -> None:
		if self.file is None:
			self._open()
		record = record or {}
		if self.header is not None:
			cells = [record.get(c, "") for c in self.header]
		else:
			cells = [json.dumps(record, ensure_ascii=False, default=str)]
		self.writer.writerow([number, reason, *cells])
		self.count += 1

	def flush(self) -> None:
		if self.file:
			self.file.flush()

	def close(self) -> None:
		if self.file:
			self.file.close()


class Checkpoint:
	"""FILE.checkpoint.json: {fingerprint, done, counts}. The fingerprint (the command, the mapping and the
	file's first 64 KiB) keeps a checkpoint from being applied to another file; rows appended to the same
	export keep it valid."""

	def __init__(self, path: str, source_path: str, what: str):
		self.path = path
		digest = hashlib.sha256(what.encode())
		with open(source_path, "rb") as f:
			digest.update(f.read(FINGERPRINT_BYTES))
		self.fingerprint = digest.hexdigest()

	def load(self) -> dict | None:
		if not os.path.exists(self.path):
			return None
		try:
			with open(self.path, encoding="utf-8") as f:
				state = json.load(f)
		except (OSError, ValueError):
			raise UsageError(
				f"The checkpoint {self.path} cannot be read: remove it, or use --restart."
			) from None
		if state.get("fingerprint") != self.fingerprint:
			raise UsageError(
				f"The checkpoint {self.path} is of another file, mapping or command: use --restart to push "
				"from the first row (nothing is created twice), or remove it."
			)
		return state

	def save(self, done: int, counts: dict) -> None:
		temporary = f"{self.path}.tmp"
		with open(temporary, "w", encoding="utf-8") as f:
			json.dump({"fingerprint": self.fingerprint, "done": done, "counts": counts}, f)
			f.flush()
			os.fsync(f.fileno())
		os.replace(temporary, self.path)  # never half written: the old checkpoint or the new one

	def remove(self) -> None:
		if os.path.exists(self.path):
			os.remove(self.path)
