"""A leak harness: seed every JLC doctype with markers, then ask every read path, as every role, for them.

The engine behind `test_leak_harness.py` (issue 7, part 3). It knows no doctype by name except in OVERRIDES
(values a controller demands) and USER_FIELDS (who a record is about): doctypes and fields come from metadata,
so a new doctype is seeded and probed without a new test.

- Seeding (`Harness.seed`, as Administrator, committed): one record of every non-single, non-child doctype of
  the app's modules, a unique marker (`LEAK<abbr><field><random>`) in every Data/Text field, identity fields
  included (they write through to JLC Person), one row in every child table, one later change (so a Version
  holds an old marker), a private attachment, a comment, a ToDo and a tag on every record.
- Policy (`Harness.allowed`): which markers each user may see, from the app's own rules only:
  `frappe.has_permission(dt, "read", doc, user)`, the reader's permlevels, `permissions.reads_identity` for the
  virtual identity fields, JLC Person's own permission for a person's fields, the parent's for child rows and
  for comments, ToDos, tags and versions, and File's permission (and the parent's) for attachments. A value
  stored in several places (a title copied into another record) may be seen by whoever may read any of them.
- Probing (`Harness.probe`): REST against a real web server (`Server`): every body is scanned for every marker;
  oracles ask the same question with a true and a false guess and count a difference as a leak.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe.utils import get_bench_path, now_datetime, today

from jlc_frappe import identity, permissions
from jlc_frappe.tests.fixtures import api_token, email, ensure_users

TEXT_TYPES = {"Data", "Small Text", "Text", "Text Editor", "Long Text", "Markdown Editor", "HTML Editor"}
NUMBER_TYPES = {"Int", "Float", "Currency", "Percent"}
SKIP_OPTIONS = {"URL", "Name", "Barcode", "IBAN", "Color"}

# The people a probe runs as: fixtures' users (one per JLC role and a second handler), plus those a leak
# harness needs. key: (roles, created here?)
PROBE_USERS = {
	"manager": "Complaints Manager",
	"handler": "Complaints Handler (the complaint's handler)",
	"handler2": "Complaints Handler (another handler)",
	"rp": "Responsible Person",
	"leader": "Senior Leader",
	"named": "Senior Leader named as staff involved",
	"staff": "JLC Staff",
	"panel": "Complaints Panel Member (on the agenda)",
	"panel_off": "Complaints Panel Member (off the agenda)",
	"safety": "Patient Safety Lead",
	"claims": "Claims Lead",
	"sysmgr": "System Manager",
}
EXTRA_USERS = {"panel_off": ["Complaints Panel Member"], "named": ["Senior Leader"]}

# Who the seeded records are about or worked by (a value of a Link to User, by user key).
USER_FIELDS = {
	("Complaint", "handler"): "handler",
	("Complaint Staff Involved", "user"): "named",
	("Learning Action", "action_owner"): "staff",
	("Complaints Panel Meeting", "chair"): "leader",
	("Panel Meeting Attendee", "user"): "panel",
	("Staff Support Record", "staff_member"): "staff",
	("Fair Treatment Review", "staff_member"): "named",
	("Fair Treatment Assessor", "user"): "leader",
	("JLC Training Record", "staff_member"): "staff",
	("JLC Staff Objectives", "staff_member"): "staff",
	("JLC Staff Objectives", "reviewer"): "handler",
}


def _question_set_rows(h: Harness, doctype: str) -> dict:
	"""A question set's steps and branches must form a valid tree: copy an installed one's, with new wording."""
	source = frappe.get_all("Fair Treatment Question Set", pluck="name", limit=1, order_by="creation asc")
	src = frappe.get_doc("Fair Treatment Question Set", source[0])
	steps = [
		{"step_id": r.step_id, "question": h.marker(doctype, "question"), "help": r.help} for r in src.steps
	]
	branches = [
		{k: r.get(k) for k in ("step_id", "answer", "next_step", "recommendation")} for r in src.branches
	]
	return {"steps": steps, "branches": branches, "version": random.randint(1000, 99999)}


def _this_reporting_year(h: Harness, doctype: str) -> dict:
	from jlc_frappe.rules.reporting import reporting_year_of

	return {"reporting_year": reporting_year_of(frappe.utils.getdate(today()))}


def _first_answer(h: Harness) -> list[dict]:
	"""A review's answer must answer its question set's first step with one of the answers it branches on."""
	question_set = frappe.get_doc("Fair Treatment Question Set", h.ensure("Fair Treatment Question Set"))
	first = question_set.steps[0].step_id
	answer = next(b.answer for b in question_set.branches if b.step_id == first)
	return [{"step_id": first, "answer": answer, "notes": h.marker("Fair Treatment Answer", "notes")}]


def _experience_record(h: Harness, doctype: str) -> dict:
	"""Invitations and responses are written by the survey code alone (their fields are read only): what it
	writes, with markers where it writes text; a response answers its question set's first question."""
	question_set = frappe.get_doc("Experience Question Set", h.ensure("Experience Question Set"))
	area = "Experience Invitation Area" if doctype == "Experience Invitation" else "Experience Response Area"
	values = {
		"question_set": question_set.name,
		"audience": question_set.audience,
		"period": today(),
		"service_areas": [{"code": h.marker(area, "code")}],
	}
	if doctype == "Experience Invitation":
		values.update(complaint=h.ensure("Complaint"), token_hash=h.marker(doctype, "token_hash"))
	else:
		values["answers"] = [{"question_id": question_set.questions[0].question_id, "answer": "Agree"}]
	return values


# Values a controller demands that metadata cannot give (keep small). A callable gets (harness, doctype).
OVERRIDES = {
	# a seeded survey is never the one sent (activating it would deactivate the site's own)
	"Experience Question Set": lambda h, dt: {"active": 0},
	"Experience Invitation": _experience_record,
	"Experience Response": _experience_record,
	"Complaint Service Area": _this_reporting_year,
	"Complaint Subject Area": _this_reporting_year,
	"Staff Group": _this_reporting_year,
	"Fair Treatment Question Set": _question_set_rows,
	"Fair Treatment Review": lambda h, dt: {"answers": _first_answer(h)},
	"Complaint": lambda h, dt: {
		"complainant_is_patient": 0,
		"representative_basis": "Asked To Act",
		"consent_status": "Obtained",
	},
	"Candour Notification": lambda h, dt: {"notifiable": "", "harm_category": "", "acting_basis": ""},
	"Learning Action": lambda h, dt: {"share_externally": 0},
	# a seeded policy is never the one applied (the site's own stays the enabled one for its record type)
	"JLC Retention Policy": lambda h, dt: {"enabled": 0, "trigger_field": "closed_on"},
	"Ombudsman Referral": lambda h, dt: {"outcome": "", "decision_on": None},
	# a year no site publishes, and the report's public address (a URL field gets no marker)
	"Published Annual Report": lambda h, dt: {
		"reporting_year": f"{(y := random.randint(2200, 2998))}-{(y + 1) % 100:02d}",
		"report_url": "https://example.org/annual-report.pdf",
	},
}


# Records a controller lets only a given user write (by user key).
CREATE_AS = {"Staff Support Feedback": "staff"}


def valid_nhs_number() -> str:
	while True:
		digits = [random.randint(0, 9) for _ in range(9)]
		check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
		check = 0 if check == 11 else check
		if check != 10:
			return "".join(map(str, digits)) + str(check)


def abbrev(doctype: str) -> str:
	return "".join(w[0] for w in doctype.split()).upper()


@dataclass(frozen=True)
class Location:
	"""Where a marker is readable: `doctype`/`name`/`fieldname`; kind says which rule decides."""

	kind: str  # record, identity, child, person, file, attached (comment/todo/tag/version: as the parent),
	# correspondence (a letter or email: as the parent's people where it has people, else as the parent)
	doctype: str
	name: str
	fieldname: str = ""
	parenttype: str = ""
	parent: str = ""


@dataclass
class Leak:
	user: str
	path: str
	doctype: str
	marker: str
	origin: str  # doctype.field the marker was written to
	detail: str = ""  # for an oracle: where the true and false answers part

	def line(self) -> str:
		detail = f" | {self.detail}" if self.detail and os.environ.get("LEAK_HARNESS_DETAIL") else ""
		return f"LEAK {self.user} ({PROBE_USERS[self.user]}) | {self.path} | probed {self.doctype} | {self.origin} | {self.marker}{detail}"


@dataclass
class Harness:
	users: dict = field(default_factory=dict)  # key -> user id
	markers: dict = field(default_factory=dict)  # marker -> origin "Doctype.field"
	locations: dict = field(default_factory=lambda: defaultdict(set))  # marker -> {Location}
	records: dict = field(default_factory=dict)  # doctype -> [names] (top level)
	child_rows: dict = field(
		default_factory=lambda: defaultdict(list)
	)  # child doctype -> [(name, parenttype, parent)]
	created: list = field(default_factory=list)  # (doctype, name) in creation order
	files: list = field(default_factory=list)  # File docs
	allowed_cache: dict = field(default_factory=dict)
	_pending: set = field(default_factory=set)
	leaks: list = field(default_factory=list)
	errors: list = field(default_factory=list)  # records cleanup could not remove
	seen_allowed: dict = field(default_factory=lambda: defaultdict(set))  # user key -> allowed markers seen
	probes: int = 0

	# --- discovery -----------------------------------------------------------------------------------------

	@staticmethod
	def doctypes() -> list[str]:
		modules = frappe.get_module_list("jlc_frappe")
		return frappe.get_all(
			"DocType",
			filters={"module": ("in", modules), "issingle": 0, "istable": 0, "is_virtual": 0},
			pluck="name",
			order_by="name",
		)

	@staticmethod
	def child_doctypes() -> list[str]:
		modules = frappe.get_module_list("jlc_frappe")
		return frappe.get_all(
			"DocType", filters={"module": ("in", modules), "istable": 1}, pluck="name", order_by="name"
		)

	@staticmethod
	def text_fields(doctype: str) -> list:
		return [
			df
			for df in frappe.get_meta(doctype).fields
			if df.fieldtype in TEXT_TYPES and (df.options or "") not in SKIP_OPTIONS
		]

	# --- seeding -------------------------------------------------------------------------------------------

	def marker(self, doctype: str, fieldname: str) -> str:
		token = f"LEAK{abbrev(doctype)}{re.sub('[^A-Za-z0-9]', '', fieldname).upper()[:10]}{frappe.generate_hash(length=8).upper()}"
		self.markers[token] = f"{doctype}.{fieldname}"
		return token

	def seed_users(self) -> None:
		base = ensure_users()
		for key, roles in EXTRA_USERS.items():
			user = f"jlc.harness.{key}@example.com"
			if not frappe.db.exists("User", user):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": user,
						"first_name": key.title(),
						"send_welcome_email": 0,
						"roles": [{"role": r} for r in roles],
					}
				).insert(ignore_permissions=True)
			base[key] = user
		self.users = {key: base[key] if key in base else email(key) for key in PROBE_USERS}

	def _value_for(self, doctype: str, df, *, child: bool = False):
		"""A value for field `df` of `doctype`, or None to leave it empty."""
		ft, virtual = df.fieldtype, identity.virtual_fields(doctype).get(df.fieldname)
		if df.read_only and not virtual:
			return None
		if df.get("is_virtual") and not virtual:
			return None
		if virtual and virtual[1] in identity.SHOWN_ONLY:
			return None
		if (doctype, df.fieldname) in USER_FIELDS:
			return self.users[USER_FIELDS[(doctype, df.fieldname)]]
		if ft in TEXT_TYPES:
			if df.fieldname == "nhs_number" or (virtual and virtual[1] == "nhs_number"):
				number = valid_nhs_number()
				formatted = f"{number[:3]} {number[3:6]} {number[6:]}"
				self.markers[number] = self.markers[formatted] = f"{doctype}.{df.fieldname}"
				return number
			if df.options == "Email":
				return f"{self.marker(doctype, df.fieldname).lower()}@example.com"
			if df.options == "Phone":
				number = f"0770{random.randint(10**7, 10**8 - 1)}"
				self.markers[number] = f"{doctype}.{df.fieldname}"
				return number
			if df.options in SKIP_OPTIONS:
				return None
			return self.marker(doctype, df.fieldname)
		if not df.reqd and not virtual:
			if ft == "Link" and df.options in self.records and df.options not in self._pending:
				return self.ensure(df.options)
			if (
				ft == "Link"
				and df.options not in (identity.PERSON,)
				and self._is_jlc(df.options)
				and df.options not in self._pending
			):
				return self.ensure(df.options)
			return None
		if ft == "Select":
			options = [o for o in (df.options or "").split("\n") if o]
			return options[0] if options else None
		if ft == "Date":
			return today()
		if ft == "Datetime":
			return now_datetime()
		if ft in NUMBER_TYPES:
			return 1
		if ft == "Check":
			return 0
		if ft == "Link":
			if df.options == "User":
				return "Administrator"
			if df.options == "DocType":
				return "Complaint"
			if self._is_jlc(df.options):
				return self.ensure(df.options)
			found = frappe.get_all(df.options, pluck="name", limit=1)
			return found[0] if found else None
		if ft == "Dynamic Link":
			return self.ensure("Complaint")
		return None

	def _is_jlc(self, doctype: str) -> bool:
		return (
			frappe.get_meta(doctype).module in frappe.get_module_list("jlc_frappe")
			and not frappe.get_meta(doctype).issingle
		)

	def _values(self, doctype: str) -> dict:
		values = {}
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype == "Table":
				if df.read_only:
					continue
				row = {}
				for cdf in frappe.get_meta(df.options).fields:
					v = self._value_for(df.options, cdf, child=True)
					if v is not None:
						row[cdf.fieldname] = v
				if df.options == "Learning Action Source":
					row["source_doctype"] = "Complaint"
				values[df.fieldname] = [row]
				continue
			v = self._value_for(doctype, df)
			if v is not None:
				values[df.fieldname] = v
		override = OVERRIDES.get(doctype)
		if override:
			values.update(override(self, doctype))
		return values

	def ensure(self, doctype: str) -> str:
		"""The seeded record of `doctype`, created (with what it links to) on first use."""
		if doctype in self.records:
			return self.records[doctype][0]
		if doctype in self._pending:
			raise RecursionError(doctype)
		self._pending.add(doctype)
		try:
			doc = frappe.get_doc({"doctype": doctype, **self._values(doctype)})
			if doctype in CREATE_AS:
				frappe.set_user(self.users[CREATE_AS[doctype]])
			doc.insert(ignore_permissions=True)
		finally:
			self._pending.discard(doctype)
			frappe.set_user("Administrator")
		self.records[doctype] = [doc.name]
		self.created.append((doctype, doc.name))
		return doc.name

	def seed(self) -> None:
		frappe.set_user("Administrator")
		self.seed_users()
		for doctype in self.doctypes():
			if doctype != identity.PERSON:
				self.ensure(doctype)
		# people are created by the records naming them
		for doctype, links in permissions.PERSON_LINKS.items():
			for name in self.records.get(doctype, []):
				for link in links:
					person = frappe.db.get_value(doctype, name, link)
					if person and person not in self.records.setdefault(identity.PERSON, []):
						self.records[identity.PERSON].append(person)
		for doctype, names in list(self.records.items()):
			for name in names:
				self._change_once(doctype, name)
				self._attach(doctype, name)
		self._locate()
		frappe.db.commit()

	def _change_once(self, doctype: str, name: str) -> None:
		"""A later change of one text field, so that a Version holds the old marker (found there only)."""
		if doctype == identity.PERSON:
			return
		doc = frappe.get_doc(doctype, name)
		for df in self.text_fields(doctype):
			if (
				df.read_only
				or df.get("is_virtual")
				or df.options in ("Email", "Phone")
				or df.fieldname == "nhs_number"
			):
				continue
			old = doc.get(df.fieldname)
			if not old or old not in self.markers:
				continue
			doc.set(df.fieldname, self.marker(doctype, df.fieldname))
			frappe.set_user(self.users[CREATE_AS[doctype]] if doctype in CREATE_AS else "Administrator")
			try:
				doc.save(ignore_permissions=True)
			finally:
				frappe.set_user("Administrator")
			self.locations[old].add(Location("record", doctype, name, df.fieldname))
			return

	def _attach(self, doctype: str, name: str) -> None:
		label = abbrev(doctype)
		file_marker, content_marker = self.marker(doctype, "filename"), self.marker(doctype, "filecontent")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{file_marker}.txt",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": f"attachment {content_marker}\n",
			}
		).insert(ignore_permissions=True)
		self.files.append(file)
		self.created.append(("File", file.name))
		for m in (file_marker, content_marker):
			self.locations[m].add(Location("file", "File", file.name, parenttype=doctype, parent=name))
		for kind, values in (
			(
				"Comment",
				{
					"comment_type": "Comment",
					"reference_doctype": doctype,
					"reference_name": name,
					"content": self.marker(doctype, "comment"),
				},
			),
			(
				"ToDo",
				{
					"allocated_to": "Administrator",
					"reference_type": doctype,
					"reference_name": name,
					"description": self.marker(doctype, "todo"),
				},
			),
			(  # a letter or email on the record (jlc_frappe/letters/): it names the record's people
				"Communication",
				{
					"communication_type": "Communication",
					"communication_medium": "Email",
					"sent_or_received": "Received",
					"reference_doctype": doctype,
					"reference_name": name,
					"subject": self.marker(doctype, "emailsubject"),
					"content": self.marker(doctype, "email"),
				},
			),
		):
			d = frappe.get_doc({"doctype": kind, **values}).insert(ignore_permissions=True)
			self.created.append((kind, d.name))
			where = "correspondence" if kind == "Communication" else "attached"
			for text in (values.get("content") or values.get("description"), values.get("subject")):
				if text:
					self.locations[text].add(Location(where, doctype, name))
		from frappe.desk.doctype.tag.tag import add_tag

		try:
			add_tag(f"leakharness{label.lower()}", doctype, name)
			self.created.append(("Tag Link", (doctype, name)))
		except frappe.PermissionError:  # some records are never tagged (JLC Person)
			frappe.clear_last_message()

	def _locate(self) -> None:
		"""Every stored place of every marker in the app's tables (records, child rows, people)."""
		tokens = list(self.markers)
		pattern = re.compile("|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)), re.I)
		lower = {t.lower(): t for t in tokens}
		for doctype in self.doctypes() + self.child_doctypes():
			meta = frappe.get_meta(doctype)
			for row in frappe.db.sql(f"select * from `tab{doctype}`", as_dict=True):
				for column, value in row.items():
					if not isinstance(value, str):
						continue
					for found in pattern.findall(value):
						token = lower[found.lower()]
						if meta.istable:
							loc = Location("child", doctype, row.name, column, row.parenttype, row.parent)
						elif doctype == identity.PERSON:
							loc = Location("person", doctype, row.name, column)
						else:
							loc = Location("record", doctype, row.name, column)
						self.locations[token].add(loc)
		# identity values live in JLC Person; each record naming the person shows them as virtual fields
		for doctype in permissions.PERSON_LINKS:
			for name in self.records.get(doctype, []):
				for vfield, (link, person_field) in identity.virtual_fields(doctype).items():
					person = frappe.db.get_value(doctype, name, link)
					value = frappe.db.get_value(identity.PERSON, person, person_field) if person else None
					if isinstance(value, str) and value:
						for found in pattern.findall(value):
							self.locations[lower[found.lower()]].add(
								Location("identity", doctype, name, vfield)
							)
		seeded = {(dt, n) for dt, names in self.records.items() for n in names}
		for child in self.child_doctypes():
			for row in frappe.get_all(child, fields=["name", "parenttype", "parent"]):
				if (row.parenttype, row.parent) in seeded:
					self.child_rows[child].append((row.name, row.parenttype, row.parent))
		for doctype in list(self.child_rows):
			self.child_rows[doctype] = sorted(set(self.child_rows[doctype]))
		unplaced = [t for t in tokens if not self.locations.get(t)]
		for token in unplaced:  # written but not kept (e.g. cleared by a controller): nowhere to leak from
			self.markers.pop(token)

	# --- policy --------------------------------------------------------------------------------------------

	def _doc(self, doctype: str, name: str):
		key = ("doc", doctype, name)
		if key not in self.allowed_cache:
			self.allowed_cache[key] = frappe.get_doc(doctype, name)
		return self.allowed_cache[key]

	def _reads(self, doctype: str, name: str, user: str) -> bool:
		key = ("read", doctype, name, user)
		if key not in self.allowed_cache:
			self.allowed_cache[key] = bool(
				frappe.has_permission(doctype, "read", doc=self._doc(doctype, name), user=user)
			)
		return self.allowed_cache[key]

	def _field_level(self, doctype: str, fieldname: str, user: str) -> bool:
		df = frappe.get_meta(doctype).get_field(fieldname)
		if not df or not df.permlevel:
			return True
		from frappe.model import get_permitted_fields

		key = ("fields", doctype, user)
		if key not in self.allowed_cache:
			self.allowed_cache[key] = set(get_permitted_fields(doctype, user=user, permission_type="read"))
		return fieldname in self.allowed_cache[key]

	def may_read(self, loc: Location, user: str) -> bool:
		if loc.kind in ("record", "person"):
			return self._reads(loc.doctype, loc.name, user) and self._field_level(
				loc.doctype, loc.fieldname, user
			)
		if loc.kind == "identity":
			key = ("identity", loc.doctype, loc.name, user)
			if key not in self.allowed_cache:
				self.allowed_cache[key] = permissions.reads_identity(self._doc(loc.doctype, loc.name), user)
			return self._reads(loc.doctype, loc.name, user) and self.allowed_cache[key]
		if loc.kind == "child":
			return self._reads(loc.parenttype, loc.parent, user) and self._field_level(
				loc.doctype, loc.fieldname, user
			)
		if loc.kind == "file":
			return self._reads("File", loc.name, user) and self._reads(loc.parenttype, loc.parent, user)
		if loc.kind == "attached":
			return self._reads(loc.doctype, loc.name, user)
		if loc.kind == "correspondence":  # as the record's people, on records with people (CORRESPONDENCE)
			if loc.doctype not in permissions.PATIENT_DATA_DOCTYPES:
				return self._reads(loc.doctype, loc.name, user)
			return self.may_read(Location("identity", loc.doctype, loc.name), user)
		raise ValueError(loc.kind)

	def allowed(self, user_key: str) -> set[str]:
		"""The markers `user_key` may see."""
		key = ("allowed", user_key)
		if key not in self.allowed_cache:
			user = self.users[user_key]
			self.allowed_cache[key] = {
				m for m in self.markers if any(self.may_read(loc, user) for loc in self.locations[m])
			}
		return self.allowed_cache[key]

	def denied(self, user_key: str) -> set[str]:
		return set(self.markers) - self.allowed(user_key)

	def field_markers(self, doctype: str, name: str, fieldname: str) -> list[str]:
		"""The markers written to a record's field (stored there or shown there as an identity)."""
		return [
			m
			for m, locs in self.locations.items()
			if any(
				loc.doctype == doctype
				and loc.name == name
				and loc.fieldname == fieldname
				and loc.kind in ("record", "identity", "person")
				for loc in locs
			)
			and m in self.markers
		]

	# --- cleanup -------------------------------------------------------------------------------------------

	def cleanup(self) -> None:
		frappe.set_user("Administrator")
		self.errors = []
		for doctype, name in reversed(self.created):
			try:
				frappe.db.savepoint("leak_harness_cleanup")
				if doctype == "Tag Link":
					frappe.db.delete("Tag Link", {"document_type": name[0], "document_name": name[1]})
				elif frappe.db.exists(doctype, name):
					frappe.delete_doc(
						doctype, name, force=True, ignore_permissions=True, delete_permanently=True
					)
			except Exception as e:
				frappe.db.rollback(save_point="leak_harness_cleanup")
				self.errors.append(f"{doctype} {name}: {e!r}")
		for name in self.records.get(identity.PERSON, []):
			if frappe.db.exists(identity.PERSON, name):
				frappe.delete_doc(
					identity.PERSON, name, force=True, ignore_permissions=True, delete_permanently=True
				)
		refs = [n for names in self.records.values() for n in names]
		if refs:
			for dt, col in (
				("Version", "docname"),
				("Comment", "reference_name"),
				("ToDo", "reference_name"),
				("DocShare", "share_name"),
				("Tag Link", "document_name"),
				("Deleted Document", "deleted_name"),
			):
				frappe.db.delete(dt, {col: ("in", refs)})
		frappe.db.delete("Tag", {"name": ("like", "leakharness%")})
		frappe.db.commit()


# --- the web server ------------------------------------------------------------------------------------------


class Server:
	"""Frappe's WSGI app under werkzeug on 127.0.0.1, in a subprocess (it reads committed data)."""

	def __init__(self):
		self.port = self._free_port()
		self.site = frappe.local.site
		self.proc = None
		self.base = f"http://127.0.0.1:{self.port}"

	@staticmethod
	def _free_port() -> int:
		with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
			s.bind(("127.0.0.1", 0))
			return s.getsockname()[1]

	def start(self, timeout: float = 60) -> None:
		import requests

		bench = get_bench_path()
		code = (
			"from werkzeug.serving import run_simple; import frappe.app; "
			f"run_simple('127.0.0.1', {self.port}, frappe.app.application, threaded=True)"
		)
		self.log = open(os.path.join("/tmp", f"leak_harness_server_{self.port}.log"), "w")
		self.proc = subprocess.Popen(
			[os.path.join(bench, "env", "bin", "python"), "-c", code],
			cwd=os.path.join(bench, "sites"),
			stdout=self.log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline:
			if self.proc.poll() is not None:
				raise RuntimeError(f"web server exited ({self.proc.returncode}); see {self.log.name}")
			try:
				r = requests.get(f"{self.base}/api/method/ping", headers={"Host": self.site}, timeout=5)
				if r.status_code == 200:
					return
			except requests.RequestException:
				pass
			time.sleep(0.3)
		self.stop()
		raise RuntimeError("web server did not become ready")

	def stop(self) -> None:
		if self.proc and self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(10)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait(5)
		if getattr(self, "log", None):
			self.log.close()


# --- probing -------------------------------------------------------------------------------------------------


class Prober:
	"""Asks every read path for the markers, as one user, and records what comes back that may not."""

	TIMEOUT = 20

	def __init__(self, harness: Harness, server: Server, user_key: str, token: str, deadline: float):
		import requests

		self.h, self.server, self.key, self.deadline = harness, server, user_key, deadline
		self.session = requests.Session()
		self.session.headers.update(
			{"Host": server.site, "Authorization": f"token {token}", "Accept": "application/json"}
		)
		self.denied = harness.denied(user_key)
		self.denied_lower = {m.lower(): m for m in self.denied}
		# every marker is looked for: the denied ones are leaks, the allowed ones show the probes work
		self.pattern = re.compile(
			"|".join(re.escape(m) for m in sorted(harness.markers, key=len, reverse=True)), re.I
		)
		self.seen = set()

	# requests ----------------------------------------------------------------------------------------------

	def call(self, method: str, path: str, params: dict | None = None, data: dict | None = None):
		if time.monotonic() > self.deadline:
			raise TimeoutError("leak harness out of time")
		self.h.probes += 1
		enc = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in (params or {}).items()}
		kwargs = {"timeout": self.TIMEOUT}
		if method == "GET":
			kwargs["params"] = enc
		else:
			kwargs["data"] = {
				k: json.dumps(v) if isinstance(v, list | dict) else v
				for k, v in (data or params or {}).items()
			}
		r = self.session.request(method, self.server.base + path, **kwargs)
		return r.status_code, r.text

	def scan(self, path: str, doctype: str, method: str, url: str, params: dict | None = None):
		status, body = self.call(method, url, params)
		self.report_in(body, path, doctype, asked=url + json.dumps(params or {}, default=str))
		return status, body

	def report_in(self, body: str, path: str, doctype: str, asked: str = "") -> None:
		if not body:
			return
		asked = asked.lower()
		for found in set(self.pattern.findall(body)):
			if found.lower() in asked:  # the request named it (a record named after its content): an echo
				continue
			marker = self.denied_lower.get(found.lower())
			if marker:
				self._leak(path, doctype, marker)
			else:
				self.h.seen_allowed[self.key].add(found.lower())

	def _leak(self, path: str, doctype: str, marker: str, detail: str = "") -> None:
		key = (path, doctype, marker)
		if key in self.seen:
			return
		self.seen.add(key)
		self.h.leaks.append(Leak(self.key, path, doctype, marker, self.h.markers.get(marker, "?"), detail))

	def oracle(self, path: str, doctype: str, marker: str, ask, scrub=None, baseline=None) -> None:
		"""`ask(guess)` -> (status, body); a leak when a true and a false guess get different answers.

		`scrub(guess)`: the strings naming the guess, taken out of an answer (default: the guess). `baseline`:
		(answer, scrubbed strings) of a false guess already asked, for questions that do not depend on the target
		(raw SQL over any table)."""
		scrub = scrub or (lambda g: [g])
		if baseline is None:
			wrong = marker[:-4] + "QQQQ"
			baseline = (ask(wrong), scrub(wrong))
		a, b = _normal(ask(marker), scrub(marker)), _normal(*baseline)
		if a != b:
			self._leak(path, doctype, marker, detail=_difference(a, b))

	def method(self, name: str, params: dict, path: str | None = None, doctype: str = "", http: str = "GET"):
		return self.scan(path or name, doctype, http, f"/api/method/{name}", params)

	# paths ---------------------------------------------------------------------------------------------------

	def run(self) -> None:
		h = self.h
		doctypes = [d for d in h.records if d in h.doctypes() or d == identity.PERSON]
		for dt in doctypes:
			self.probe_doctype(dt)
		for child in h.child_rows:
			self.probe_child(child)
		self.probe_generic_lists()
		self.probe_files()
		self.probe_raw_sql()

	def _denied_fields(self, dt: str, name: str) -> dict[str, str]:
		"""{field: a marker of it} for the fields of a seeded record this user may not read."""
		out = {}
		for df in self.h.text_fields(dt):
			markers = [m for m in self.h.field_markers(dt, name, df.fieldname) if m in self.denied]
			if markers and df.options not in ("Phone",):
				out[df.fieldname] = markers[0]
		return out

	def probe_doctype(self, dt: str) -> None:
		h = self.h
		user = h.users[self.key]
		meta = frappe.get_meta(dt)
		text = [df.fieldname for df in h.text_fields(dt)]
		stored_text = [f for f in text if not meta.get_field(f).get("is_virtual")]
		doctype_read = bool(frappe.has_permission(dt, "read", user=user))
		everything = ["*"]
		self.scan(
			"REST v1 list fields=*",
			dt,
			"GET",
			f"/api/resource/{dt}",
			{"fields": everything, "limit_page_length": 0},
		)
		self.scan("REST v2 list", dt, "GET", f"/api/v2/document/{dt}", {"fields": everything, "limit": 1000})
		self.method(
			"frappe.client.get_list",
			{"doctype": dt, "fields": everything, "limit_page_length": 0},
			doctype=dt,
		)
		self.method(
			"frappe.desk.reportview.get",
			{
				"doctype": dt,
				"fields": [f"`tab{dt}`.`{f}`" for f in ["name", *stored_text]],
				"page_length": 500,
			},
			doctype=dt,
			http="POST",
		)
		self.method(
			"frappe.desk.search.search_link",
			{"doctype": dt, "txt": "", "ignore_user_permissions": 1, "page_length": 100},
			path="frappe.desk.search.search_link ignore_user_permissions",
			doctype=dt,
		)
		self.method(
			"frappe.desk.search.search_widget",
			{
				"doctype": dt,
				"txt": "",
				"ignore_user_permissions": 1,
				"page_length": 100,
				"filter_fields": stored_text,
				"as_dict": 1,
			},
			path="frappe.desk.search.search_widget ignore_user_permissions filter_fields",
			doctype=dt,
		)
		if doctype_read:
			# each field alone (a restricted field surviving after another), links joined, and expressions
			for f in text:
				if any(m in self.denied for n in h.records[dt] for m in h.field_markers(dt, n, f)):
					self.scan(
						f"REST v1 list fields=[name,{f}]",
						dt,
						"GET",
						f"/api/resource/{dt}",
						{"fields": ["name", f], "limit_page_length": 0},
					)
			joins = [
				f"{df.fieldname}.{tf.fieldname}"
				for df in meta.fields
				if df.fieldtype == "Link" and df.options in h.records
				for tf in h.text_fields(df.options)
				if not tf.get("is_virtual")
			]
			if joins:
				self.method(
					"frappe.desk.reportview.get",
					{"doctype": dt, "fields": ["name", *joins], "page_length": 500},
					path="frappe.desk.reportview.get link_field.field",
					doctype=dt,
					http="POST",
				)
				self.scan(
					"REST v1 list link_field.field",
					dt,
					"GET",
					f"/api/resource/{dt}",
					{"fields": ["name", *joins], "limit_page_length": 0},
				)
			exprs = [f"replace(name, name, `{f}`) as x{i}" for i, f in enumerate(stored_text)]
			if exprs:
				self.method(
					"frappe.desk.reportview.get",
					{"doctype": dt, "fields": ["name", *exprs], "page_length": 500},
					path="frappe.desk.reportview.get replace(name,name,field)",
					doctype=dt,
					http="POST",
				)
		for name in h.records[dt]:
			self.probe_record(dt, name, doctype_read)

	def probe_record(self, dt: str, name: str, doctype_read: bool) -> None:
		h = self.h
		self.scan("REST v1 document", dt, "GET", f"/api/resource/{dt}/{name}")
		self.scan("REST v2 document", dt, "GET", f"/api/v2/document/{dt}/{name}/")
		self.method("frappe.client.get", {"doctype": dt, "name": name}, doctype=dt)
		fields = ["name", *[df.fieldname for df in h.text_fields(dt)]]
		self.method(
			"frappe.client.get_value",
			{"doctype": dt, "fieldname": fields, "filters": {"name": name}},
			doctype=dt,
		)
		self.method(
			"frappe.desk.form.load.getdoc",
			{"doctype": dt, "name": name},
			path="frappe.desk.form.load.getdoc (docinfo)",
			doctype=dt,
		)
		self.method(
			"frappe.www.printview.get_html_and_style",
			{"doc": dt, "name": name},
			path="printview saved document",
			doctype=dt,
		)
		self.method("frappe.desk.form.linked_with.get", {"doctype": dt, "docname": name}, doctype=dt)
		self.method(
			"frappe.desk.notifications.get_open_count",
			{"doctype": dt, "name": name},
			path="connections get_open_count",
			doctype=dt,
		)
		if doctype_read:  # others are refused before the document is looked at
			self.probe_crafted_print(dt, name)
		denied = self._denied_fields(dt, name)
		if not denied:
			return
		meta = frappe.get_meta(dt)
		if not doctype_read:
			denied = dict(list(denied.items())[:1])  # one question shows the doctype-level answer
		elif not h._reads(dt, name, h.users[self.key]):
			# the row rule answers for every stored field alike; virtual fields take another path
			stored = [f for f in denied if not meta.get_field(f).get("is_virtual")][:1]
			denied = {f: m for f, m in denied.items() if f in stored or meta.get_field(f).get("is_virtual")}
		for f, marker in denied.items():
			self.oracle(
				f"REST v1 list filters {f}=guess",
				dt,
				marker,
				lambda g, f=f: self.call(
					"GET", f"/api/resource/{dt}", {"filters": [[f, "=", g]], "fields": ["name"]}
				),
			)
			self.oracle(
				f"frappe.client.get_count {f}=guess",
				dt,
				marker,
				lambda g, f=f: self.call(
					"GET", "/api/method/frappe.client.get_count", {"doctype": dt, "filters": [[f, "=", g]]}
				),
			)
			self.oracle(
				f"frappe.client.get_value filters {f}=guess",
				dt,
				marker,
				lambda g, f=f: self.call(
					"GET",
					"/api/method/frappe.client.get_value",
					{"doctype": dt, "fieldname": "name", "filters": [[f, "=", g]]},
				),
			)
			self.oracle(
				f"REST v2 count {f}=guess",
				dt,
				marker,
				lambda g, f=f: self.call("GET", f"/api/v2/doctype/{dt}/count", {"filters": [[f, "=", g]]}),
			)
			self.oracle(
				"frappe.desk.search.search_link txt=guess",
				dt,
				marker,
				lambda g, f=f: self.call(
					"GET",
					"/api/method/frappe.desk.search.search_link",
					{"doctype": dt, "txt": g, "ignore_user_permissions": 1, "searchfield": f},
				),
			)
			self.oracle(
				"frappe.client.get filters=guess",
				dt,
				marker,
				lambda g, f=f: self.call(
					"GET", "/api/method/frappe.client.get", {"doctype": dt, "filters": {f: g}}
				),
			)

	def probe_crafted_print(self, dt: str, name: str) -> None:
		"""An unsaved document that names the seeded record's links (no markers of its own), printed."""
		stored = frappe.get_doc(dt, name)
		crafted = {
			"doctype": dt,
			"__islocal": 1,
			"name": f"new-{dt.lower().replace(' ', '-')}-1",
			"docstatus": 0,
		}
		for df in stored.meta.fields:
			if df.fieldtype in ("Link", "Dynamic Link", "Select", "Date") and stored.get(df.fieldname):
				crafted[df.fieldname] = stored.get(df.fieldname)
			elif df.fieldtype == "Table":
				crafted[df.fieldname] = [
					{
						cdf.fieldname: row.get(cdf.fieldname)
						for cdf in frappe.get_meta(df.options).fields
						if cdf.fieldtype in ("Link", "Dynamic Link", "Select", "Date")
						and row.get(cdf.fieldname)
					}
					for row in stored.get(df.fieldname)
				]
		links = ("Link", "Dynamic Link")
		names_records = any(
			df.fieldtype in links and crafted.get(df.fieldname) for df in stored.meta.fields
		) or any(
			any(
				frappe.get_meta(df.options).get_field(k).fieldtype in links
				for row in crafted[df.fieldname]
				for k in row
			)
			for df in stored.meta.fields
			if df.fieldtype == "Table"
		)
		if not names_records:
			return
		formats = [
			"Standard",
			*frappe.get_all("Print Format", filters={"doc_type": dt, "disabled": 0}, pluck="name"),
		]
		for fmt in formats:
			self.method(
				"frappe.www.printview.get_html_and_style",
				{"doc": json.dumps(crafted, default=str), "print_format": fmt},
				path=f"printview crafted unsaved document ({fmt})",
				doctype=dt,
				http="POST",
			)
		# the same, with the stored record's name (an unsaved copy claiming to be it)
		crafted.pop("__islocal")
		crafted["name"] = name
		self.method(
			"frappe.www.printview.get_html_and_style",
			{"doc": json.dumps(crafted, default=str)},
			path="printview crafted document named as a stored one",
			doctype=dt,
			http="POST",
		)

	def probe_child(self, child: str) -> None:
		rows = self.h.child_rows[child]
		parents = sorted({p for _, p, _ in rows})
		for parenttype in parents:
			self.scan(
				"REST v1 child list",
				child,
				"GET",
				f"/api/resource/{child}",
				{"fields": ["*"], "parent": parenttype, "limit_page_length": 0},
			)
		for row, _parenttype, _parent in rows[:1]:  # rows of one table answer alike
			self.scan("REST v1 child row by name", child, "GET", f"/api/resource/{child}/{row}")
			self.scan("REST v2 child row by name", child, "GET", f"/api/v2/document/{child}/{row}/")

	def probe_generic_lists(self) -> None:
		jlc = sorted(self.h.records)
		for dt, col in (
			("Version", "ref_doctype"),
			("Comment", "reference_doctype"),
			("ToDo", "reference_type"),
			("DocShare", "share_doctype"),
			("Tag Link", "document_type"),
			("File", "attached_to_doctype"),
		):
			self.scan(
				f"REST v1 {dt} list",
				dt,
				"GET",
				f"/api/resource/{dt}",
				{"fields": ["*"], "filters": [[col, "in", jlc]], "limit_page_length": 0},
			)
		self.method(
			"frappe.desk.reportview.get_sidebar_stats",
			{"stats": ["_user_tags", "owner"], "doctype": "ToDo"},
			doctype="ToDo",
		)

	def probe_files(self) -> None:
		for file in self.h.files:
			self.scan("/private/files download", file.attached_to_doctype, "GET", file.file_url)
			self.scan(
				"REST v1 File document", file.attached_to_doctype, "GET", f"/api/resource/File/{file.name}"
			)

	def probe_raw_sql(self) -> None:
		"""Raw SQL filters and expressions reach any table: one true guess per target doctype, against one false
		guess per path (a false guess answers alike whatever table it names, once the SQL is taken out)."""
		h = self.h
		user = h.users[self.key]
		readable = [
			d for d in ("Complaint Service Area", "ToDo") if frappe.has_permission(d, "read", user=user)
		]
		host = readable[0] if readable else "ToDo"
		targets = {}
		for m in sorted(self.denied):
			for loc in h.locations[m]:
				# child tables are reached by the same SQL as their parents': top-level tables stand for them
				if loc.kind in ("record", "person") and loc.fieldname and not loc.fieldname.startswith("_"):
					targets.setdefault(loc.doctype, (loc.fieldname, m))
		if not targets:
			return
		paths = {
			"reportview.get_stats raw SQL filter": lambda c: (
				"/api/method/frappe.desk.reportview.get_stats",
				{"stats": ["owner"], "doctype": host, "filters": [c]},
			),
			"reportview.get_sidebar_stats raw SQL filter": lambda c: (
				"/api/method/frappe.desk.reportview.get_sidebar_stats",
				{"stats": ["owner"], "doctype": host, "filters": [c]},
			),
			"listview.get_group_by_count raw SQL filter": lambda c: (
				"/api/method/frappe.desk.listview.get_group_by_count",
				{"doctype": host, "current_filters": [c], "field": "owner"},
			),
			"form.utils.get_next raw SQL filter": lambda c: (
				"/api/method/frappe.desk.form.utils.get_next",
				{
					"doctype": host,
					"value": "zzzz",
					"prev": 0,
					"filters": [c],
					"sort_field": "name",
					"sort_order": "asc",
				},
			),
		}

		def cond(target, column, guess):
			return f"exists (select 1 from `tab{target}` where `{column}` like {frappe.db.escape('%' + guess + '%')})"

		first_target, (first_column, first_marker) = next(iter(sorted(targets.items())))
		wrong = first_marker[:-4] + "QQQQ"
		for path, request in paths.items():
			false_cond = cond(first_target, first_column, wrong)
			baseline = (self.call("GET", *request(false_cond)), [false_cond, wrong])
			for target, (column, marker) in sorted(targets.items()):
				self.oracle(
					path,
					target,
					marker,
					lambda g, t=target, c=column, r=request: self.call("GET", *r(cond(t, c, g))),
					scrub=lambda g, t=target, c=column: [cond(t, c, g), g],
					baseline=baseline,
				)
		subqueries = [
			f"(select group_concat(`{column}`) from `tab{target}`) as x{i}"
			for i, (target, (column, _)) in enumerate(sorted(targets.items()))
		]
		self.scan(
			"reportview.get subquery in fields",
			host,
			"POST",
			"/api/method/frappe.desk.reportview.get",
			{"doctype": host, "fields": ["name", *subqueries]},
		)


def _difference(a: tuple, b: tuple) -> str:
	if a[0] != b[0]:
		return f"status {a[0]} vs {b[0]}"
	i = next(
		(i for i, (x, y) in enumerate(zip(a[1], b[1], strict=False)) if x != y), min(len(a[1]), len(b[1]))
	)
	return f"{a[1][max(0, i - 60) : i + 60]!r} vs {b[1][max(0, i - 60) : i + 60]!r}"


def _normal(answer, scrub: list[str]) -> tuple:
	"""An answer with the guess itself (echoed in errors) and tracebacks taken out."""
	status, body = answer
	body = body or ""
	for text in sorted(scrub, key=len, reverse=True):
		for form in {text, json.dumps(text)[1:-1], json.dumps(json.dumps(text)[1:-1])[1:-1]}:
			body = re.sub(re.escape(form), "GUESS", body, flags=re.I)
	body = re.sub(r"(__frappe_exc_id\W*)[0-9a-f]+", r"\1", body)  # a random id per error
	try:
		parsed = json.loads(body)
	except ValueError:
		return status, body
	if isinstance(parsed, dict):
		for key in ("exc", "exception", "exc_type"):
			parsed.pop(key, None)
	return status, json.dumps(parsed, sort_keys=True)


def run(deadline_seconds: float = 150) -> Harness:
	"""Seed, serve, probe, clean up; returns the harness with its leaks (for bench execute)."""
	h = Harness()
	h.seed()
	try:
		probe(h, deadline_seconds)
	finally:
		h.cleanup()
	return h


def probe(h: Harness, deadline_seconds: float = 150) -> None:
	tokens = {key: api_token(user) for key, user in h.users.items()}
	frappe.db.commit()
	server = Server()
	server.start()
	deadline = time.monotonic() + deadline_seconds
	try:
		for key in PROBE_USERS:
			Prober(h, server, key, tokens[key], deadline).run()
	finally:
		server.stop()


def report(h: Harness) -> str:
	lines = [f"harness: {len(h.leaks)} leaks over {h.probes} probes"]
	lines += [
		leak.line()
		for leak in sorted(h.leaks, key=lambda leak: (leak.path, leak.doctype, leak.user, leak.origin))
	]
	lines.append(
		"allowed markers seen per user: " + ", ".join(f"{k} {len(h.seen_allowed[k])}" for k in PROBE_USERS)
	)
	return "\n".join(lines)
