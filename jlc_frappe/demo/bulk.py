"""Set-based writing for the demo at scale (`jlc_frappe.demo.generate`): rows buffered per doctype and written with
`frappe.db.bulk_insert`, every one named with the GEN- prefix so that `jlc_frappe.demo.remove` takes exactly them
away; the values the controllers would work out on save (deadline statuses, next deadline, working days left,
deadline order) come from the same rules, for a fixed `today`."""

import json
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import frappe

from jlc_frappe.deadline_status import NO_DEADLINE, TRACKED
from jlc_frappe.install import MASTER_DOCTYPES
from jlc_frappe.rules import deadlines

PREFIX = "GEN-"
DOMAIN = "gen.nhs.example"  # the generated users: firstname.lastname.N@gen.nhs.example
CHUNK = 5000
MASTERS_KEY = "jlc_generated_ko41a_masters"  # KO41a masters seeded for the generated data (DefaultValue)
NUMERIC = ("Int", "Check", "Float", "Currency", "Percent")

# Every doctype the generator writes, parents before their children's parents are read by nothing here.
DOCTYPES = (
	"JLC Person",
	"Complaint",
	"Complaint Aspect",
	"Complaint Staff Involved",
	"Complaint Response Due Change",
	"Ombudsman Referral",
	"Ombudsman Recommendation",
	"Patient Safety Incident",
	"Candour Notification",
	"Candour Contact Attempt",
	"Claim",
	"Claim Finance",
	"Linked Complaint",
	"Linked Incident",
	"Learning Action",
	"Learning Action Source",
	"Complaints Panel Meeting",
	"Panel Meeting Attendee",
	"Panel Meeting Case",
	"Panel Meeting Action Review",
	"Panel Meeting Confidential Items",
)
# Framework records about a document: (doctype, field naming the doctype, field naming the document).
ABOUT = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("ToDo", "reference_type", "reference_name"),
	("DocShare", "share_doctype", "share_name"),
	("View Log", "reference_doctype", "reference_name"),
	("Document Follow", "ref_doctype", "ref_docname"),
	("Access Log", "export_from", "reference_document"),
)


class CachedCalendar:
	"""The site's WorkingCalendar with its answers kept: the same few hundred dates come back for every row."""

	def __init__(self, cal):
		self.add_working_days = lru_cache(maxsize=None)(cal.add_working_days)
		self.working_days_between = lru_cache(maxsize=None)(cal.working_days_between)
		self.is_working_day = lru_cache(maxsize=None)(cal.is_working_day)


def stamp(day: date, rng) -> str:
	"""A time of the working day on `day`, as Frappe stores creation and modified."""
	moment = datetime.combine(day, time(8)) + timedelta(seconds=rng.randint(0, 9 * 3600))
	return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


class Writer:
	"""Rows per doctype, written `CHUNK` at a time; missing columns take the doctype's defaults."""

	def __init__(self, owner: str = "Administrator"):
		self.owner = owner
		self.buffers: dict[str, list[tuple]] = {}
		self.columns: dict[str, list[str]] = {}
		self.defaults: dict[str, dict] = {}
		self.counts: dict[str, int] = {}

	def _prepare(self, doctype: str) -> None:
		meta = frappe.get_meta(doctype)
		columns = [c for c in meta.get_valid_columns() if c in set(frappe.db.get_table_columns(doctype))]
		defaults = {"docstatus": 0, "idx": 0, "owner": self.owner, "modified_by": self.owner}
		for df in meta.fields:
			if df.fieldname not in columns:
				continue
			if df.fieldtype in NUMERIC:
				defaults[df.fieldname] = int(df.default or 0) if df.fieldtype in ("Int", "Check") else 0
			elif df.default and df.fieldtype not in ("Date", "Datetime", "Link", "Dynamic Link"):
				defaults[df.fieldname] = df.default
		self.columns[doctype], self.defaults[doctype], self.buffers[doctype] = columns, defaults, []

	def add(self, doctype: str, values: dict) -> dict:
		if doctype not in self.columns:
			self._prepare(doctype)
		if not values["name"].startswith(PREFIX):
			raise ValueError(f"Generated rows are named {PREFIX}...: {values['name']}")
		values.setdefault("modified", values.get("creation"))
		defaults = self.defaults[doctype]
		self.buffers[doctype].append(tuple(values.get(c, defaults.get(c)) for c in self.columns[doctype]))
		self.counts[doctype] = self.counts.get(doctype, 0) + 1
		if len(self.buffers[doctype]) >= CHUNK:
			self.flush(doctype)
		return values

	def child(self, doctype: str, parent: dict, parentfield: str, rows: list[dict]) -> None:
		"""Child rows of `parent` (a dict given to `add`), named after it."""
		parent_doctype = parent["doctype"]
		for idx, values in enumerate(rows, 1):
			values.update(
				name=f"{parent['name']}-{parentfield[:3].upper()}{idx}",
				parent=parent["name"],
				parenttype=parent_doctype,
				parentfield=parentfield,
				idx=idx,
				creation=values.get("creation") or parent["creation"],
			)
			self.add(doctype, values)

	def flush(self, doctype: str | None = None) -> None:
		for name in [doctype] if doctype else list(self.buffers):
			rows, self.buffers[name] = self.buffers[name], []
			if rows:
				frappe.db.bulk_insert(name, self.columns[name], rows, chunk_size=CHUNK)


def deadline_fields(doctype: str, state: str, today: date, soon: int, cal) -> "callable":
	"""What deadline_status.set_deadline_fields works out on save, for a record in `state` today:
	returns a function of the tracked (due, done_on) pairs giving the fields to set."""
	stopped_states, tracked = TRACKED[doctype]
	running = state not in stopped_states

	def fields(*pairs) -> dict:
		values = {}
		for (due, done_on), (_due, _done, status_field) in zip(pairs, tracked, strict=True):
			stopped_undone = not done_on and not running
			values[status_field] = (
				"" if stopped_undone else deadlines.deadline_status(due, done_on, today, soon, cal)
			)
		next_due = deadlines.next_deadline(pairs) if running else None
		values["next_deadline"] = next_due
		values["deadline_order"] = next_due or NO_DEADLINE
		values["working_days_left"] = deadlines.working_days_left(next_due, today, cal) or 0
		return values

	return fields


# --- remove ---------------------------------------------------------------------------------------------------


def remove_rows() -> dict[str, int]:
	"""Delete every generated row (GEN- names), the framework records about them, and the generated users and
	KO41a masters; returns what was deleted per doctype."""
	like = PREFIX + "%"
	deleted = {}
	for doctype, doctype_field, name_field in ABOUT:
		if frappe.db.table_exists(doctype) and frappe.db.has_column(doctype, name_field):
			table = frappe.qb.DocType(doctype)
			frappe.qb.from_(table).delete().where(
				table[doctype_field].isin(DOCTYPES) & table[name_field].like(like)
			).run()
	for doctype in DOCTYPES:
		count = frappe.db.count(doctype, {"name": ("like", like)})
		if count:
			frappe.db.delete(doctype, {"name": ("like", like)})
			deleted[doctype] = count
	users = frappe.get_all("User", filters={"name": ("like", f"%@{DOMAIN}")}, pluck="name")
	for user in users:
		_delete_user(user)
	if users:
		deleted["User"] = len(users)
	frappe.db.delete("DefaultValue", {"parent": ("like", f"%@{DOMAIN}")})  # their settings (time zone)
	masters = json.loads(frappe.db.get_default(MASTERS_KEY) or "[]")
	for doctype, name in masters:
		if not frappe.db.exists(doctype, name):
			continue
		try:  # kept if records made since name it
			frappe.delete_doc(doctype, name, ignore_permissions=True, delete_permanently=True)
		except frappe.LinkExistsError:
			continue
		deleted[doctype] = deleted.get(doctype, 0) + 1
	frappe.defaults.clear_default(MASTERS_KEY)
	_forget(users, [tuple(name) for name in masters])
	return deleted


def _forget(users: list[str], masters: list[tuple[str, str]]) -> None:
	"""The framework's records about the generated users and masters: what was said about them (a user is shared
	with themselves on insert) and the feed entry each deletion writes."""
	for doctype, names in (
		("User", users),
		*((d, [n for dt, n in masters if dt == d]) for d in MASTER_DOCTYPES),
	):
		if not names:
			continue
		for about, doctype_field, name_field in ABOUT:
			if frappe.db.table_exists(about) and frappe.db.has_column(about, name_field):
				frappe.db.delete(about, {doctype_field: doctype, name_field: ("in", names)})
		subjects = [f"{doctype} {name}" for name in names]
		frappe.db.delete(
			"Comment", {"comment_type": "Deleted", "reference_doctype": doctype, "subject": ("in", subjects)}
		)


def _delete_user(user: str) -> None:
	"""A generated user, and what User.on_trash removes; on_trash itself is skipped, as it refuses on a site whose
	only System Manager is Administrator (the generated users never have the role)."""
	for doctype, field in (("ToDo", "allocated_to"), ("DocShare", "user"), ("User Permission", "user")):
		frappe.db.delete(doctype, {field: user})
	frappe.db.delete("Notification Settings", {"name": user})
	frappe.delete_doc("User", user, ignore_permissions=True, ignore_on_trash=True, delete_permanently=True)
	frappe.clear_cache(user=user)


def remember_masters(names: list[tuple[str, str]]) -> None:
	"""KO41a masters the generator seeded (they go with `remove`)."""
	known = json.loads(frappe.db.get_default(MASTERS_KEY) or "[]")
	known += [list(name) for name in names if list(name) not in known]
	frappe.db.set_default(MASTERS_KEY, json.dumps(known))
