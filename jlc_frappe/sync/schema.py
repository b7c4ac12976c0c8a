"""The fields a pushed row may give, read from the doctype JSON shipped in this same package (one source of truth:
the client checks a row against the very definition the site was built from).

What the site's `jlc_frappe.api.sync.writable_fields` accepts: data fields users may edit, and the people's
details (virtual fields written through to JLC Person), the records a row links to (REFERENCES), never the
links to people, other child tables or layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

# command word: (doctype, module folder)
DOCTYPES = {
	"incidents": ("Patient Safety Incident", "jlc_safety"),
	"claims": ("Claim", "jlc_safety"),
	"shared-learning": ("Shared Learning", "jlc_learning"),
	"learning-actions": ("Learning Action", "jlc_learning"),
	"complaints": ("Complaint", "jlc_complaints"),
	"complaint-aspects": ("Complaint Aspect", "jlc_complaints"),
}
NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"}
TABLES = {"Table", "Table MultiSelect"}
PERSON = "JLC Person"
SHOWN_ONLY = {"persistent_contact_policy"}  # shown from the person, never written through a record
# The records a row may link to, given by their references (a claim's incidents, from NHS Resolution's
# "incident reference"): {doctype: {table field: (its link field, the doctype linked)}}. A push adds links to
# the table; it never removes one.
REFERENCES = {
	"Claim": {"incidents": ("incident", "Patient Safety Incident"), "complaints": ("complaint", "Complaint")},
	"Patient Safety Incident": {"complaints": ("complaint", "Complaint")},
}
REFERENCE_SEPARATOR = ";"  # between references in one cell of a CSV file


@dataclass(frozen=True)
class Field:
	fieldname: str
	fieldtype: str
	label: str
	options: str = ""
	reqd: bool = False
	default: str | None = None
	is_virtual: bool = False

	@property
	def choices(self) -> list[str]:
		"""A Select's options."""
		return self.options.split("\n") if self.fieldtype == "Select" else []


@dataclass(frozen=True)
class Schema:
	doctype: str
	fields: dict  # fieldname: Field, writable ones only
	person_links: tuple  # link fields naming a JLC Person (never sent, never exported)

	@property
	def required(self) -> list[str]:
		"""Fields a new record must have and that have no default."""
		return [f.fieldname for f in self.fields.values() if f.reqd and f.default in (None, "")]


@cache
def schema(word: str) -> Schema:
	doctype, module = DOCTYPES[word]
	folder = doctype.lower().replace(" ", "_")
	path = resources.files("jlc_frappe").joinpath(module, "doctype", folder, f"{folder}.json")
	meta = json.loads(path.read_text(encoding="utf-8"))
	fields, links = {}, []
	for df in meta["fields"]:
		kind = df["fieldtype"]
		if kind == "Link" and df.get("options") == PERSON:
			links.append(df["fieldname"])
			continue
		references = REFERENCES.get(doctype, {}).get(df["fieldname"])
		if references:
			fields[df["fieldname"]] = Field(
				df["fieldname"], kind, df.get("label") or df["fieldname"], options=references[1]
			)
			continue
		if kind in NO_VALUE or kind in TABLES or df["fieldname"] in SHOWN_ONLY:
			continue
		if df.get("read_only") and not df.get("is_virtual"):
			continue
		fields[df["fieldname"]] = Field(
			fieldname=df["fieldname"],
			fieldtype=kind,
			label=df.get("label") or df["fieldname"],
			options=df.get("options") or "",
			reqd=bool(df.get("reqd")),
			default=df.get("default"),
			is_virtual=bool(df.get("is_virtual")),
		)
	return Schema(doctype=doctype, fields=fields, person_links=tuple(links))
