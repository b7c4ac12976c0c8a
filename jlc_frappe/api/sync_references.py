"""The records an upserted row links to (jlc_frappe.sync.schema.REFERENCES): a claim's incidents and complaints,
an incident's complaints, each given by its reference.

An incident is found by its external reference (the risk management system's, as NHS Resolution's claims
reports quote it) or its JLC name, a complaint by its JLC name, both without case, and only among the records
the caller may read: a reference to a record they may not read is refused exactly like one to no record, so
the answer tells them nothing. A push adds the links a row names and removes none (a link made on JLC by hand
stays). The references of a whole call are found in one query per table, and the stored links of its
records in another.
"""

import frappe
from frappe import _
from frappe.utils import cstr

from jlc_frappe import permissions
from jlc_frappe.sync.schema import REFERENCES

FOUND_BY = {"Patient Safety Incident": ("name", "external_reference"), "Complaint": ("name",)}


class References:
	def __init__(self, doctype: str, rows: list, stored_names: list[str]):
		self.doctype, self.tables = doctype, REFERENCES.get(doctype, {})
		self.found = {table: self._find(table, rows) for table in self.tables}
		self.stored = {  # read only where the call's references found something to link
			table: self._stored_links(table, stored_names) if self.found[table] else {}
			for table in self.tables
		}

	def checked(self, table: str, references) -> list[str]:
		"""A row's references to `table`, each once: a list of texts of at most 140 characters, or the row is
		refused."""
		if not isinstance(references, list) or not all(_is_reference(r) for r in references):
			frappe.throw(
				_("{0}: give a list of references, each a text of at most 140 characters.").format(table)
			)
		return list(dict.fromkeys(cstr(r).strip() for r in references))

	def take(self, values: dict) -> dict[str, list[str]]:
		"""Moves the row's references out of `values`: {table: the names of the records they find}."""
		links = {}
		for table in self.tables:
			references = values.pop(table, None)
			if not references:
				continue
			names = [self.found[table].get(_folded(r)) for r in references]
			unknown = [r for r, n in zip(references, names, strict=True) if n is None]
			if unknown:
				frappe.throw(
					_("No {0} that you may read has the reference {1}.").format(
						_(self.tables[table][1]), ", ".join(unknown)
					)
				)
			links[table] = list(dict.fromkeys(names))
		return links

	def missing(self, name: str | None, links: dict, doc=None) -> dict[str, list[str]]:
		"""{table: the linked names not yet on record `name`} (read from `doc` when it is loaded)."""
		missing = {}
		for table, names in links.items():
			link = self.tables[table][0]
			if doc is not None:
				held = {row.get(link) for row in doc.get(table)}
			else:
				held = self.stored[table].get(name, set())
			if new := [n for n in names if n not in held]:
				missing[table] = new
		return missing

	def add(self, doc, missing: dict) -> None:
		for table, names in missing.items():
			for target in names:
				doc.append(table, {self.tables[table][0]: target})

	def _find(self, table: str, rows: list) -> dict[str, str]:
		"""{folded reference: name} of the records the call's rows name that the caller may read."""
		wanted = {
			cstr(r).strip()
			for row in rows
			if isinstance(row, dict) and isinstance(row.get(table), list)
			for r in row[table]
			if _is_reference(r)
		}
		target = self.tables[table][1]
		if not wanted:
			return {}
		record = frappe.qb.DocType(target)
		found_by = FOUND_BY[target]
		query = frappe.qb.from_(record).select(*(record[f] for f in found_by))
		condition = None
		for field in found_by:
			term = record[field].isin(sorted(wanted))
			condition = term if condition is None else condition | term
		found = query.where(condition).run(as_dict=True)
		readable = permissions.readable_names(target, [r.name for r in found], frappe.session.user)
		names = {}
		for field in reversed(found_by):  # a name wins over another record's external reference
			names.update({_folded(r[field]): r.name for r in found if r.name in readable and r[field]})
		return names

	def _stored_links(self, table: str, names: list[str]) -> dict[str, set[str]]:
		if not names:
			return {}
		child = frappe.qb.DocType(frappe.get_meta(self.doctype).get_field(table).options)
		link = child[self.tables[table][0]]
		query = frappe.qb.from_(child).select(child.parent, link)
		query = query.where(
			(child.parenttype == self.doctype) & (child.parentfield == table) & child.parent.isin(names)
		)
		stored = {}
		for parent, target in query.run():
			stored.setdefault(parent, set()).add(target)
		return stored


def _folded(reference) -> str:
	return " ".join(cstr(reference).split()).casefold()


def _is_reference(value) -> bool:
	return isinstance(value, str | int) and 0 < len(cstr(value).strip()) <= 140
