"""People on JLC records. Their identities live in JLC Person alone; a record links its people and shows their
details as virtual fields (no database column), so no table that other roles may query ever holds them.

- Reading `doc.patient_name` (form, REST, print) gives the person's value only to users who may read the
  record's identities (`permissions.reads_identity`), through the link stored in the database: a crafted or
  unsaved document never reads a person.
- Writing the same fields (form, REST, `frappe.get_doc`) writes through to the person, found or created as
  `_find_person` says, before the record validates; the record keeps only the link, and its versions never
  see the values (the person's own versions do).
- Trusted code (controllers, jobs) reads with `value(doc, fieldname)`, whoever the user is.
"""

import frappe
from frappe import _

from jlc_frappe import permissions
from jlc_frappe.rules import nhs_number

# doctype: {link field to JLC Person: {virtual field on the record: field of JLC Person}}
PEOPLE = {
	"Complaint": {
		"complainant": {
			"complainant_name": "full_name",
			"complainant_email": "email",
			"complainant_phone": "phone",
			"complainant_address": "address",
			"persistent_contact_policy": "unreasonably_persistent",
		},
		"patient": {
			"patient_name": "full_name",
			"nhs_number": "nhs_number",
			"date_of_birth": "date_of_birth",
			"patient_deceased": "deceased",
		},
	},
	"Patient Safety Incident": {
		"patient": {
			"patient_name": "full_name",
			"nhs_number": "nhs_number",
			"date_of_birth": "date_of_birth",
			"patient_deceased": "deceased",
		},
	},
	"Claim": {
		"claimant": {"claimant_name": "full_name"},
		"patient": {"patient_name": "full_name", "nhs_number": "nhs_number"},
	},
	"Candour Notification": {
		"patient": {
			"patient_name": "full_name",
			"date_of_birth": "date_of_birth",
			"patient_deceased": "deceased",
		},
		"relevant_person": {
			"relevant_person_name": "full_name",
			"relevant_person_contact": "contact_details",
		},
	},
}
# Person fields that records show but never write (a Complaints Manager sets them on the person).
SHOWN_ONLY = {"unreasonably_persistent"}
PERSON = "JLC Person"


def virtual_fields(doctype: str) -> dict[str, tuple[str, str]]:
	"""{virtual field: (link field, person field)} of a doctype that holds people."""
	return {
		field: (link, person_field)
		for link, fields in PEOPLE.get(doctype, {}).items()
		for field, person_field in fields.items()
	}


class HoldsPeople:
	"""Mixin for the controller of a doctype in PEOPLE: `class Complaint(HoldsPeople, Document, doctype=...)`."""

	def __init_subclass__(cls, doctype: str, **kwargs):
		super().__init_subclass__(**kwargs)
		for fieldname in virtual_fields(doctype):
			setattr(cls, fieldname, _shown_value(fieldname))

	def before_validate(self):
		write_through(self)

	def onload(self):
		# the form hides the people's fields from those who may not read them (jlc.js)
		self.set_onload("jlc_reads_identity", permissions.reads_identity(self))

	def after_delete(self):
		"""People no other record names go with the record, leaving no copy in Deleted Document."""
		for link in PEOPLE[self.doctype]:
			person = self.get(link)
			if person and not _named_elsewhere(person, self, link):
				frappe.delete_doc(PERSON, person, ignore_permissions=True, delete_permanently=True)

	def may_change_people(self) -> bool:
		"""Whether the user may change who this stored record is about (controllers may narrow it)."""
		return permissions.reads_identity(self)


def _shown_value(fieldname: str) -> property:
	def get(doc):
		pending = doc.__dict__.get(fieldname)
		if pending is not None:  # written in this request and not yet stored: the writer's own input
			return pending
		return _readable_people(doc).get(fieldname)

	def set_(doc, value):
		doc.__dict__[fieldname] = value

	return property(get, set_)


def _readable_people(doc) -> dict:
	"""The record's people as stored, for the session user if they may read them (cached on the document)."""
	if doc.is_new() or not doc.name:
		return {}
	key = (frappe.session.user, str(doc.modified))
	cache = doc.flags.setdefault("jlc_people", {})
	if key not in cache:
		cache.clear()
		cache[key] = _stored_people(doc)
	return cache[key]


def _stored_people(doc) -> dict:
	"""One query: the stored record's people, if the session user may read its identities."""
	record = frappe.qb.DocType(doc.doctype)
	query = frappe.qb.from_(record).where(record.name == doc.name)
	columns = []
	for link, fields in PEOPLE[doc.doctype].items():
		person = frappe.qb.DocType(PERSON).as_(f"person_{link}")
		query = query.left_join(person).on(person.name == record[link])
		columns += [person[p].as_(f) for f, p in fields.items()]
	query = permissions.where_identity_readable(query.select(*columns), doc.doctype)
	rows = query.run(as_dict=True) if query is not None else []
	return rows[0] if rows else {}


def value(doc, fieldname: str):
	"""Trusted read of a virtual field: what was written, else the linked person's value, for any user."""
	pending = doc.__dict__.get(fieldname)
	if pending is not None:
		return pending
	link, person_field = virtual_fields(doc.doctype)[fieldname]
	person = doc.get(link)
	return frappe.db.get_value(PERSON, person, person_field) if person else None


# --- writing through ------------------------------------------------------------------------------------------


def write_through(doc) -> None:
	"""Move the identity values written on `doc` to its people (found or created), leaving only the links."""
	for link, fields in PEOPLE[doc.doctype].items():
		written = {
			person_field: doc.__dict__.get(field)
			for field, person_field in fields.items()
			if person_field not in SHOWN_ONLY
			and doc.__dict__.get(field) is not None
			and not _unticked_default(doc, field)
		}
		for field in fields:
			doc.__dict__[field] = None  # never stored on the record, nor in its versions
		number = _normal(written.get("nhs_number"))
		if number and nhs_number.is_valid_nhs_number(number):
			written["nhs_number"] = nhs_number.format_nhs_number(number)
		_check_linked_person(doc, link)
		if written:
			_write_person(doc, link, fields, written)
	doc.flags.pop("jlc_people", None)


def _unticked_default(doc, field: str) -> bool:
	"""A new record's unticked box is its default, not a statement: it never unticks the person's (their death)."""
	return doc.is_new() and not doc.__dict__.get(field) and doc.meta.get_field(field).fieldtype == "Check"


def _check_linked_person(doc, link: str) -> None:
	"""A person linked directly (by id, without their details) must be one the writer may already read."""
	person = doc.get(link)
	stored = None if doc.is_new() else frappe.db.get_value(doc.doctype, doc.name, link)
	if person and person != stored and not doc.flags.ignore_permissions:
		if not frappe.has_permission(PERSON, "read", doc=person):
			frappe.throw(
				_("You may not read that person's record, so you cannot link it here."),
				frappe.PermissionError,
			)


def _write_person(doc, link: str, fields: dict, written: dict) -> None:
	if not doc.is_new() and not permissions.reads_identity(doc):
		if any(_given(v) for v in written.values()):
			frappe.throw(
				_("You may not change who this {0} is about.").format(_(doc.doctype)), frappe.PermissionError
			)
		return
	current = doc.get(link) if doc.is_new() else frappe.db.get_value(doc.doctype, doc.name, link)
	stored = frappe.db.get_value(PERSON, current, list(written), as_dict=True) if current else None
	if stored and not _changes(stored, written):
		doc.set(link, current)
		return
	if not stored and not any(_given(v) for v in written.values()):
		return
	if not doc.is_new() and not doc.may_change_people():
		frappe.throw(
			_("You may not change who this {0} is about.").format(_(doc.doctype)), frappe.PermissionError
		)
	label = _(doc.meta.get_label(next(f for f, p in fields.items() if p == "full_name")))
	doc.set(link, _person_for(doc, link, current, stored, written, label))


def _person_for(doc, link: str, current, stored: dict | None, written: dict, name_label: str) -> str | None:
	if stored and _same_person(stored, written):
		_update(current, written)
		return current
	if not any(_given(v) for v in written.values()):
		return None  # every detail cleared: the record is no longer about anyone
	found = _find_person(written, name_label)
	if found:
		_update(found, written)
		return found
	if stored and not _named_elsewhere(current, doc, link):
		_update(current, written)  # a correction: nobody else is recorded as this person
		return current
	if not _given(written.get("full_name")):
		frappe.throw(_("Give the {0} with the other details.").format(name_label))
	person = frappe.get_doc({"doctype": PERSON, **{k: v for k, v in written.items() if _given(v)}})
	return person.insert(ignore_permissions=True).name  # the record's writer records who it is about


def _find_person(written: dict, name_label: str) -> str | None:
	"""The person these details name: by NHS number (the name must agree), else by name with email or phone."""
	name = _normal(written.get("full_name"))
	number = _normal(written.get("nhs_number"))
	if number and nhs_number.is_valid_nhs_number(number):
		person = frappe.qb.DocType(PERSON)  # a plain query: get_value's field parsing costs a bulk push dear
		query = frappe.qb.from_(person).select(person.name, person.full_name, person.date_of_birth)
		rows = query.where(person.nhs_number == nhs_number.format_nhs_number(number)).run(as_dict=True)
		if not rows:
			return None
		found = rows[0]
		dob = written.get("date_of_birth")
		if (
			not name
			or name.casefold() != _normal(found.full_name).casefold()
			or (_given(dob) and found.date_of_birth and str(found.date_of_birth) != str(dob))
		):
			frappe.throw(
				_(
					"This NHS number is already held for a person whose {0} or date of birth differ. Check the "
					"NHS number, or ask a Complaints Manager to correct the person's record."
				).format(name_label)
			)
		return found.name
	for contact in ("email", "phone"):
		if name and _given(written.get(contact)):
			found = frappe.db.get_value(
				PERSON, {contact: _normal(written[contact]), "full_name": name}, "name"
			)
			if found:
				return found
	return None


def _named_elsewhere(person: str, doc, link: str) -> bool:
	"""Whether any record other than this link of `doc` names the person."""
	for doctype, links in permissions.PERSON_LINKS.items():
		for other in links:
			filters = {other: person}
			if (doctype, other) == (doc.doctype, link):
				filters["name"] = ("!=", doc.name)
			if frappe.db.exists(doctype, filters):
				return True
	return False


def _same_person(stored: dict, written: dict) -> bool:
	for key in ("full_name", "nhs_number"):
		new, old = _normal(written.get(key)), _normal(stored.get(key))
		if new and old and new.casefold().replace(" ", "") != old.casefold().replace(" ", ""):
			return False
	return True


def _update(person: str, written: dict) -> None:
	doc = frappe.get_doc(PERSON, person)
	changed = {k: v for k, v in written.items() if not (k == "full_name" and not _given(v))}
	if _changes(doc, changed):
		doc.update(changed)
		doc.save(ignore_permissions=True, ignore_version=False)  # audited rectification through the record


def _changes(stored, written: dict) -> bool:
	return any(_normal(stored.get(k)) != _normal(v) for k, v in written.items())


def _normal(v) -> str:
	if v is None or v == 0:
		return ""
	return " ".join(str(v).split())


def _given(v) -> bool:
	return bool(_normal(v))
