"""Names from a doctype's naming series for the many records one call creates (the sync upsert).

Frappe names each new record with its own `SELECT ... FOR UPDATE` and `UPDATE` of the series' row in tabSeries:
two round trips per record, most of what a bulk insert spends on naming. `SeriesNames` reads and locks each
series' row once per call (the lock is held to the end of the transaction, as Frappe's is), hands out the
following numbers itself, and writes the last one back once. The names are those Frappe would give, in the same
order, with no gaps: a row whose write is rolled back gives its number back, as Frappe's rolled-back `UPDATE`
would. A doctype named any other way (hash, a field, a Document Naming Rule, a controller or hook that names)
is left to Frappe.
"""

import frappe
from frappe.model.base_document import get_controller
from frappe.model.naming import parse_naming_series
from frappe.query_builder import DocType


class SeriesNames:
	def __init__(self, doctype: str):
		self.parts = _series_parts(doctype)
		self.numbers: dict[
			str, list[int]
		] = {}  # prefix: [last handed out, stored in tabSeries (None: no row)]
		self.taken: list[str] = []  # prefixes of the numbers handed out since `mark`

	def name(self, doc) -> str | None:
		"""The next name for new `doc`, or None where Frappe names it."""
		if self.parts is None:
			return None
		return parse_naming_series(self.parts, doc=doc, number_generator=self._next)

	def mark(self) -> None:
		"""A row begins: the numbers it takes are given back if it is rolled back."""
		self.taken = []

	def give_back(self) -> None:
		for prefix in self.taken:
			self.numbers[prefix][0] -= 1
		self.taken = []

	def store(self) -> None:
		"""Write each series' last number (at the end of the call, in its transaction)."""
		series = DocType("Series")
		for prefix, (last, stored) in self.numbers.items():
			if stored is None and last:
				frappe.qb.into(series).columns(series.name, series.current).insert(prefix, last).run()
			elif stored is not None and last != stored:
				frappe.qb.update(series).set(series.current, last).where(series.name == prefix).run()

	def _next(self, prefix: str, digits: int) -> str:
		if prefix not in self.numbers:
			stored = _locked_current(prefix)
			self.numbers[prefix] = [stored or 0, stored]
		self.numbers[prefix][0] += 1
		self.taken.append(prefix)
		return ("%0" + str(digits) + "d") % self.numbers[prefix][0]


def _locked_current(prefix: str) -> int | None:
	series = DocType("Series")
	found = frappe.qb.from_(series).select(series.current).where(series.name == prefix).for_update().run()
	return int(found[0][0] or 0) if found else None


def _series_parts(doctype: str) -> list[str] | None:
	"""The parts of an old-style series expression (PSI-.YYYY.-.#####), if nothing else names the doctype."""
	autoname = frappe.get_meta(doctype).autoname or ""
	if "#" not in autoname or ":" in autoname or "{" in autoname:
		return None
	if frappe.db.exists("Document Naming Rule", {"document_type": doctype, "disabled": 0}):
		return None
	controller = get_controller(doctype)
	if hasattr(controller, "autoname") or hasattr(controller, "before_naming"):
		return None
	events = frappe.get_hooks("doc_events")
	if any(m in events.get(d, {}) for d in (doctype, "*") for m in ("autoname", "before_naming")):
		return None
	return autoname.split(".")
