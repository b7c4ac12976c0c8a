"""The server side of `jlc-sync` (issue 11, jlc_frappe/sync/): many rows per request, each one written as the caller.

`upsert` matches each row on its doctype's key (KEYS): it creates the record, updates only the fields that differ,
or leaves an identical record untouched (no save, so no new Version and no new `modified`), so a rerun of the
same file changes nothing. Each row is checked and written as the calling user, in its own savepoint: a bad row
is rejected with its reason and the others go on. The answer names no stored value, only statuses, record names
and the names of the fields changed.

People's identities (patient and claimant details) are virtual fields written through to JLC Person
(jlc_frappe/identity.py): they are compared with the stored person (a change is an update, the same details are
not), and only a caller who may read who the records are about may send them at all, so the answer can never
tell a caller without identity rights whether the details they guessed are the ones held.
"""

from collections import Counter

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields, table_fields
from frappe.utils import cint, cstr, flt, getdate, strip_html

from jlc_frappe import identity, permissions
from jlc_frappe.api.series_names import SeriesNames
from jlc_frappe.api.sync_references import References
from jlc_frappe.rules.nhs_number import normalise_nhs_number
from jlc_frappe.sync.schema import REFERENCES

# doctype: the fields that find a row's record (unique on the doctype)
KEYS = {
	"Patient Safety Incident": ("external_reference",),
	"Claim": ("external_reference",),
	"Shared Learning": ("source_organisation", "source_action"),
}
MAX_ROWS = 500  # a few hundred rows per call keep a request well inside the web server's timeout
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
_NUMBERS = {"Int": cint, "Check": cint, "Float": flt, "Currency": flt, "Percent": flt}
_DATES = {"Date"}


@frappe.whitelist(methods=["POST"])
def upsert(doctype: str, rows: list | str) -> dict:
	"""Create, update or leave each row of `rows` (dicts of fieldnames) as a `doctype` record, matched on KEYS.

	Returns {"counts": {created, updated, unchanged, rejected}, "results": [{row, status, name, changed,
	message}]}, one result per row in order."""
	if doctype not in KEYS:
		frappe.throw(
			_("jlc-sync upserts only {0}, not {1}.").format(", ".join(_(d) for d in KEYS), _(doctype))
		)
	rows = frappe.parse_json(rows) if isinstance(rows, str) else rows
	if not isinstance(rows, list):
		frappe.throw(_("Send the rows as a list of records."))
	if len(rows) > MAX_ROWS:
		frappe.throw(_("Send at most {0} rows in one call, not {1}.").format(MAX_ROWS, len(rows)))
	if not (frappe.has_permission(doctype, "create") or frappe.has_permission(doctype, "write")):
		frappe.throw(
			_(
				"You may not create or change {0} records, so nothing was sent: ask for the role that may."
			).format(_(doctype)),
			frappe.PermissionError,
		)
	batch = _Batch(doctype, rows)
	results = [batch.apply(index, row) for index, row in enumerate(rows)]
	batch.series.store()
	counts = Counter(result["status"] for result in results)
	return {"counts": {s: counts[s] for s in (CREATED, UPDATED, UNCHANGED, REJECTED)}, "results": results}


class _Batch:
	"""One call's rows. The records they name are read in one query, with their people's details, so an
	identical row costs a comparison, not a document load: only rows that create or change a record are
	written, one at a time, as the caller (insert and save check permission and run the controllers)."""

	def __init__(self, doctype: str, rows: list):
		self.doctype, self.keys = doctype, KEYS[doctype]
		self.meta = frappe.get_meta(doctype)
		self.fields = writable_fields(doctype)
		self.identity = set(identity.virtual_fields(doctype))
		self.stored = self._stored(rows)
		self.names = {key: row["name"] for key, row in self.stored.items()}
		self.references = References(doctype, rows, list(self.names.values()))
		self.compare_stored = self._may_compare_stored()
		self.series = SeriesNames(doctype)

	def apply(self, index: int, row) -> dict:
		savepoint = f"jlc_sync_{index}"
		frappe.db.savepoint(savepoint)
		self.series.mark()
		muted, frappe.flags.mute_messages = frappe.flags.mute_messages, True
		try:
			status, name, changed = self._write(row)
		except Exception as e:
			if not _rejectable(e):
				raise
			frappe.db.rollback(save_point=savepoint)
			self.series.give_back()
			return {"row": index, "status": REJECTED, "message": _message(e)}
		finally:
			frappe.flags.mute_messages = muted
		return {"row": index, "status": status, "name": name, "changed": changed}

	def _write(self, row) -> tuple[str, str, list[str]]:
		values = self._values(row)
		key = self._key(values)
		links = self.references.take(values)
		name = self.names.get(key)
		if name is None:
			self._check_identity_given(values, None)
			doc = frappe.get_doc({"doctype": self.doctype, **values})
			self.references.add(doc, links)
			doc.insert(set_name=self.series.name(doc))
			self.names[key] = doc.name  # a later row of the same call with this key updates it
			self.stored.pop(key, None)
			return CREATED, doc.name, []
		stored = self.stored.get(key)
		if (
			stored
			and self._readable(stored, values)
			and not self._changes(values, stored.get)
			and not self.references.missing(name, links)
		):
			return UNCHANGED, name, []
		doc = frappe.get_doc(self.doctype, name)
		doc.check_permission("write")
		self._check_identity_given(values, doc)
		if doc.get("anonymised_on"):  # jlc_records: its retention ended and its people were cleared
			frappe.throw(
				_(
					"{0} {1} was anonymised when its retention period ended: a push does not change it."
				).format(_(self.doctype), name)
			)
		changed = self._changes(values, lambda field: _stored_value(doc, field))
		missing = self.references.missing(name, links, doc)
		self.stored.pop(key, None)  # written below (or found unchanged): a later row reads the document
		if not (changed or missing):
			return UNCHANGED, name, []
		for field in changed:
			doc.set(field, values[field])
		self.references.add(doc, missing)
		doc.save()
		changed += list(missing)
		return UPDATED, name, changed

	def _changes(self, values: dict, stored) -> list[str]:
		return [
			field
			for field, value in values.items()
			if field not in self.keys and _differs(self.meta.get_field(field), value, stored(field))
		]

	def _readable(self, stored: dict, values: dict) -> bool:
		"""Whether the stored values may be compared without loading the document: the caller may change any
		record of the doctype (no User Permission narrows it), this one is inside the row rule, and they may
		read who it is about if the row names them."""
		if not (self.compare_stored and stored["_in_rule"]):
			return False
		return stored["_identity"] or not (self.identity & set(values))

	def _may_compare_stored(self) -> bool:
		from frappe.core.doctype.user_permission.user_permission import get_user_permissions

		return bool(frappe.has_permission(self.doctype, "write")) and not get_user_permissions()

	def _values(self, row) -> dict:
		if not isinstance(row, dict):
			frappe.throw(_("A row must be a record of field names and values."))
		unknown = sorted(set(row) - self.fields)
		if unknown:
			frappe.throw(
				_("{0} has no field {1} that jlc-sync may write.").format(_(self.doctype), ", ".join(unknown))
			)
		values = {}
		for field, value in row.items():
			if field in self.references.tables:
				values[field] = self.references.checked(field, value)
				continue
			if isinstance(value, dict | list):
				frappe.throw(_("{0}: give one value, not a list or record.").format(field))
			values[field] = value.strip() if isinstance(value, str) else value
		return values

	def _key(self, values: dict) -> tuple:
		missing = [self.meta.get_label(f) for f in self.keys if not cstr(values.get(f)).strip()]
		if missing:
			frappe.throw(_("Give the {0}: it finds the record.").format(", ".join(_(m) for m in missing)))
		return tuple(_key_part(values[f]) for f in self.keys)

	def _check_identity_given(self, values: dict, doc) -> None:
		"""Who a record is about is sent only by those who may read it: otherwise 'unchanged' against 'updated'
		would tell them whether their guess is the one held."""
		given = sorted(self.identity & set(values))
		if not given:
			return
		may = (
			permissions.identity_condition(self.doctype) != permissions.NO_ROWS
			if doc is None
			else permissions.reads_identity(doc)
		)
		if not may:
			frappe.throw(
				_("You may not read who {0} records are about, so leave out {1}.").format(
					_(self.doctype), ", ".join(given)
				),
				frappe.PermissionError,
			)

	def _stored(self, rows: list) -> dict[tuple, dict]:
		"""{key: the stored record's writable values and its people's details} for the rows' keys, in one query
		(keys match without case, as the unique index does). `_in_rule`: inside the caller's row rule;
		`_identity`: the caller may read its people. Compared here, never returned."""
		table = frappe.qb.DocType(self.doctype)
		plain = sorted(
			f for f in self.fields if f not in self.identity and f not in REFERENCES.get(self.doctype, {})
		)
		query = frappe.qb.from_(table).select(table.name, *(table[f] for f in plain))
		for link, fields in identity.PEOPLE.get(self.doctype, {}).items():
			person = frappe.qb.DocType(identity.PERSON).as_(f"person_{link}")
			query = query.left_join(person).on(person.name == table[link])
			query = query.select(*(person[p].as_(f) for f, p in fields.items() if f in self.fields))
		for field in self.keys:
			wanted = {cstr(r.get(field)).strip() for r in rows if isinstance(r, dict) and r.get(field)}
			if not wanted:
				return {}
			query = query.where(table[field].isin(sorted(wanted)))
		found = query.run(as_dict=True)
		names = [r.name for r in found]
		in_rule = (
			set(names)
			if permissions.row_rule(self.doctype) is None
			else self._names_within(names, lambda q: permissions.apply_rules(q, self.doctype))
		)
		readable = (
			self._names_within(names, lambda q: permissions.where_identity_readable(q, self.doctype))
			if self.identity
			else set()
		)
		stored = {}
		for r in found:
			r["_in_rule"], r["_identity"] = r.name in in_rule, r.name in readable
			stored[tuple(_key_part(r[f]) for f in self.keys)] = r
		return stored

	def _names_within(self, names: list[str], restrict) -> set[str]:
		if not names:
			return set()
		table = frappe.qb.DocType(self.doctype)
		query = restrict(frappe.qb.from_(table).select(table.name).where(table.name.isin(names)))
		return set(query.run(pluck=True)) if query is not None else set()


def writable_fields(doctype: str) -> set[str]:
	"""Fields a row may give: the doctype's own data fields that users may edit, its people's details (written
	through to JLC Person), the records it links to by their references (sync_references.py), never the links
	to the people themselves, other child tables or Frappe's own fields."""
	meta = frappe.get_meta(doctype)
	people = set(identity.virtual_fields(doctype))
	links = set(identity.PEOPLE.get(doctype, {}))
	fields = set(REFERENCES.get(doctype, {}))  # the records a row links to, by their references
	for df in meta.fields:
		if df.fieldname in people:
			if identity.virtual_fields(doctype)[df.fieldname][1] not in identity.SHOWN_ONLY:
				fields.add(df.fieldname)
		elif (
			df.fieldtype not in no_value_fields
			and df.fieldtype not in table_fields
			and not df.read_only
			and not df.is_virtual
			and df.fieldname not in links
			and df.fieldname not in default_fields
		):
			fields.add(df.fieldname)
	return fields


def _stored_value(doc, field: str):
	"""A field of the stored document; people's details read from their person (trusted, for comparing)."""
	return identity.value(doc, field) if doc.meta.get_field(field).is_virtual else doc.get(field)


def _differs(df, value, stored) -> bool:
	"""Whether `value` would change `stored`, as the field's type compares (people's details as JLC Person
	stores them: NHS numbers without spaces, names with runs of spaces made one)."""
	if df.fieldname == "nhs_number":
		return normalise_nhs_number(cstr(value)) != normalise_nhs_number(cstr(stored))
	if df.fieldtype in _NUMBERS:
		return _NUMBERS[df.fieldtype](value) != _NUMBERS[df.fieldtype](stored)
	if df.fieldtype in _DATES:
		return (getdate(value) if value else None) != (getdate(stored) if stored else None)
	if df.is_virtual:
		return " ".join(cstr(value).split()) != " ".join(cstr(stored).split())
	return cstr(value) != cstr(stored)


def _key_part(value) -> str:
	return " ".join(cstr(value).split()).casefold()


def _rejectable(e: Exception) -> bool:
	"""Errors that belong to one row (its values, its permission); others (a lost connection, a deadlock) fail
	the call, whose rows are all rolled back and sent again by the client."""
	if isinstance(
		e,
		frappe.ValidationError
		| frappe.PermissionError
		| frappe.DoesNotExistError
		| frappe.DuplicateEntryError
		| frappe.NameError,
	):
		return True
	return _database_row_error(e)


def _database_row_error(e: Exception) -> bool:
	"""A value too long for its column, or a key taken (a row of another call, written at the same time)."""
	if not (e.args and isinstance(e.args[0], int)):
		return False
	return frappe.db.is_data_too_long(e) or frappe.db.is_duplicate_entry(e)


def _message(e: Exception) -> str:
	if _database_row_error(e):
		return _("A value is too long, or another row took the same key at the same time: send it again.")
	return strip_html(cstr(e.args[0] if e.args else "")).strip() or _(type(e).__name__)
