"""From an export's columns to a doctype's fields: the mapping file, and every row checked before it is sent.

Without `--mapping`, a column is the field of the same name (`external_reference`, `reported_on`, ...). A
mapping file (TOML) names other columns, translates values and reads other date formats:

	doctype = "Patient Safety Incident"          # optional: refuses the file for another doctype
	date_formats = ["%d/%m/%Y", "%d/%m/%Y %H:%M"]  # tried in order, after ISO (2025-03-31)
	ignore = ["Handler", "Internal notes"]       # columns deliberately not sent

	[columns]                                    # field = "column in the export"
	external_reference = "Incident ID"
	reported_on = "Reported date"
	physical_harm = "Harm (local scale)"

	[values.physical_harm]                       # "value in the export" = "value in JLC"
	"No harm" = "None"
	"Minor" = "Low"
	"Major" = "Severe"
	"Death" = "Fatal"

	[dates]                                      # formats for one field only
	occurred_on = ["%d-%b-%Y"]

	[defaults]                                   # a value for rows whose column is empty or absent
	status = "Reported"

A column that is neither a field, mapped nor ignored stops the push before anything is sent (exit code 2):
nothing in the export is dropped silently. An empty cell leaves the field as it is on JLC (a push never
clears a value).

The records a row links to (a claim's `incidents` and `complaints`, an incident's `complaints`: schema.REFERENCES)
are given by their references, separated by ";" in a CSV cell or as a list in JSON lines: an incident by its
external reference or JLC name, a complaint by its JLC name. A push adds the links it names and removes none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from jlc_frappe.rules.nhs_number import format_nhs_number, is_valid_nhs_number
from jlc_frappe.sync.config import tomllib
from jlc_frappe.sync.errors import UsageError
from jlc_frappe.sync.schema import REFERENCE_SEPARATOR, TABLES, Schema

ISO = "%Y-%m-%d"
TRUE = {"1", "yes", "y", "true", "t"}
FALSE = {"0", "no", "n", "false", "f"}
DATA_LENGTH = 140  # a Data field's column


@dataclass
class Mapping:
	columns: dict = field(default_factory=dict)  # field: source column
	values: dict = field(default_factory=dict)  # field: {source value: JLC value}
	date_formats: list = field(default_factory=list)
	dates: dict = field(default_factory=dict)  # field: [formats]
	defaults: dict = field(default_factory=dict)
	ignore: set = field(default_factory=set)
	doctype: str | None = None


def load_mapping(path: str | None, schema: Schema) -> Mapping:
	"""The mapping file at `path` (default mapping when None), checked against the doctype's fields."""
	if not path:
		return Mapping()
	try:
		with open(path, "rb") as f:
			raw = tomllib.load(f)
	except OSError as e:
		raise UsageError(f"Cannot read the mapping file {path}: {e.strerror}") from None
	except tomllib.TOMLDecodeError as e:
		raise UsageError(f"The mapping file {path} is not valid TOML: {e}") from None
	known = {"doctype", "date_formats", "ignore", "columns", "values", "dates", "defaults"}
	if set(raw) - known:
		raise UsageError(f"The mapping file {path} has unknown keys: {', '.join(sorted(set(raw) - known))}")
	mapping = Mapping(
		columns=_table(raw, "columns", path),
		values={f: {str(k): str(v) for k, v in m.items()} for f, m in _table(raw, "values", path).items()},
		date_formats=_strings(raw.get("date_formats", []), "date_formats", path),
		dates={f: _strings(v, f"dates.{f}", path) for f, v in _table(raw, "dates", path).items()},
		defaults={f: str(v) for f, v in _table(raw, "defaults", path).items()},
		ignore=set(_strings(raw.get("ignore", []), "ignore", path)),
		doctype=raw.get("doctype"),
	)
	if mapping.doctype and mapping.doctype != schema.doctype:
		raise UsageError(f"The mapping file {path} is for {mapping.doctype}, not {schema.doctype}.")
	for section in ("columns", "values", "dates", "defaults"):
		takes = {f for f, df in schema.fields.items() if section == "columns" or df.fieldtype not in TABLES}
		unknown = sorted(set(getattr(mapping, section)) - takes)
		if unknown:
			raise UsageError(
				f"The mapping file's [{section}] names fields {schema.doctype} does not take: {', '.join(unknown)}"
			)
	return mapping


def _table(raw: dict, key: str, path: str) -> dict:
	value = raw.get(key, {})
	if not isinstance(value, dict) or (key != "values" and key != "dates" and not _all_scalar(value)):
		raise UsageError(f"The mapping file {path}: [{key}] must be a table of field = value.")
	if key == "values" and not all(isinstance(v, dict) for v in value.values()):
		raise UsageError(f'The mapping file {path}: write value maps as [values.FIELD] with "from" = "to".')
	return value


def _all_scalar(table: dict) -> bool:
	return all(isinstance(v, str | int | float | bool) for v in table.values())


def _strings(value, key: str, path: str) -> list[str]:
	if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
		raise UsageError(f"The mapping file {path}: {key} must be a list of strings.")
	return value


class RowMapper:
	"""Turns one source record into the values to send, or the reasons it cannot be sent."""

	def __init__(self, mapping: Mapping, schema: Schema, header: list[str] | None):
		self.mapping, self.schema = mapping, schema
		self.header = header
		if header is not None:
			self._check_header(header)

	def _source(self, fieldname: str) -> str:
		return self.mapping.columns.get(fieldname, fieldname)

	def _check_header(self, header: list[str]) -> None:
		columns = set(header)
		missing = sorted(c for c in self.mapping.columns.values() if c not in columns)
		if missing:
			raise UsageError(
				f"The file has no column {', '.join(map(repr, missing))} (named in the mapping)."
			)
		used = {self._source(f) for f in self.schema.fields}
		unused = [c for c in header if c not in used and c not in self.mapping.ignore]
		if unused:
			raise UsageError(
				f"{self.schema.doctype} has no field for the column(s) {', '.join(map(repr, unused))}: map them "
				"in [columns] of a mapping file, or list them in its ignore."
			)

	def map(self, record: dict) -> tuple[dict, list[str]]:
		"""(values to send, reasons the row is refused): a row is sent only when the reasons are empty."""
		if self.header is None:  # JSON lines: each record names its own columns
			used = {self._source(f) for f in self.schema.fields}
			unused = sorted(c for c in record if c not in used and c not in self.mapping.ignore)
			if unused:
				return {}, [f"no field for {', '.join(map(repr, unused))}"]
		values, errors, wrong = {}, [], set()
		for fieldname, df in self.schema.fields.items():
			raw = record.get(self._source(fieldname))
			if df.fieldtype in TABLES:
				try:
					if references := _references(raw):
						values[fieldname] = references
				except ValueError as e:
					errors.append(f"{fieldname}: {e}")
				continue
			if isinstance(raw, dict | list):
				errors.append(f"{fieldname}: one value, not a list or record")
				wrong.add(fieldname)
				continue
			text = "" if raw is None else str(raw).strip()
			if text == "" and fieldname in self.mapping.defaults:
				text = self.mapping.defaults[fieldname]
			if text == "":
				continue
			text = self._mapped_value(fieldname, text)
			try:
				values[fieldname] = self._checked(df, text)
			except ValueError as e:
				errors.append(f"{fieldname}: {e}")
				wrong.add(fieldname)
		missing = [f for f in self.schema.required if f not in values and f not in wrong]
		if missing:
			errors.append(f"missing {', '.join(missing)}")
		return values, errors

	def _mapped_value(self, fieldname: str, text: str) -> str:
		table = self.mapping.values.get(fieldname)
		if not table:
			return text
		if text in table:
			return table[text]
		folded = {k.casefold(): v for k, v in table.items()}
		return folded.get(text.casefold(), text)

	def _checked(self, df, text: str):
		kind = df.fieldtype
		if kind in ("Date", "Datetime"):
			return self._date(df.fieldname, text)
		if kind == "Select":
			choices = [c for c in df.choices if c]
			found = next((c for c in choices if c.casefold() == text.casefold()), None)
			if found is None:
				raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
			return found
		if kind == "Check":
			if text.casefold() in TRUE:
				return 1
			if text.casefold() in FALSE:
				return 0
			raise ValueError(f"{text!r} is not yes or no")
		if kind == "Int":
			try:
				return int(text)
			except ValueError:
				raise ValueError(f"{text!r} is not a whole number") from None
		if kind in ("Float", "Currency", "Percent"):
			try:
				return float(text.replace(",", "").lstrip("£"))
			except ValueError:
				raise ValueError(f"{text!r} is not a number") from None
		if df.fieldname == "nhs_number":
			if not is_valid_nhs_number(text):
				raise ValueError("not a valid NHS number (10 digits with a correct check digit)")
			return format_nhs_number(text)
		if kind in ("Data", "Link") and len(text) > DATA_LENGTH:
			raise ValueError(f"longer than {DATA_LENGTH} characters")
		return text

	def _date(self, fieldname: str, text: str) -> str:
		formats = [ISO, *self.mapping.dates.get(fieldname, []), *self.mapping.date_formats]
		for fmt in formats:
			try:
				parsed = datetime.strptime(text, fmt).date()
			except ValueError:
				continue
			if parsed > date.today():
				raise ValueError(f"{text!r} is in the future")
			return parsed.isoformat()
		raise ValueError(f"{text!r} is not a date ({', '.join(dict.fromkeys(formats))})")


def _references(raw) -> list[str]:
	"""The references of the records a row links to: a list (JSON lines) or one cell of them, separated by
	REFERENCE_SEPARATOR (CSV); each once, in order."""
	if raw is None:
		return []
	parts = raw if isinstance(raw, list) else str(raw).split(REFERENCE_SEPARATOR)
	if not all(isinstance(p, str | int) for p in parts):
		raise ValueError("a list of references")
	references = [str(p).strip() for p in parts if str(p).strip()]
	if any(len(r) > DATA_LENGTH for r in references):
		raise ValueError(f"a reference longer than {DATA_LENGTH} characters")
	return list(dict.fromkeys(references))
