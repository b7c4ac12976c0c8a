"""KO41a: the national complaints return of a reporting year, from the records (domain.md section 4).

Figures over all records (no row rules: these are counts and no person's identity is read), in a handful of
aggregated queries; what each complaint counts as, the arithmetic and the checks are jlc_frappe.rules.ko41a.
Complaints outside the regulations (reg 8: ``not_under_regulations_reason`` set) are counted nowhere.
"""

import csv
import io

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull

from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import age_bands
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules import ko41a
from jlc_frappe.translation import translate

REPORT = "KO41a Return"
# section -> (master doctype, Complaint Aspect field naming it)
ASPECT_MASTERS = {
	"service_area": ("Complaint Service Area", "service_area"),
	"subject_area": ("Complaint Subject Area", "subject_area"),
	"profession": ("Staff Group", "staff_group"),
}
FILE_FORMATS = ("CSV", "Excel")


def build_return(reporting_year: str) -> dict:
	"""The return of `reporting_year` (like 2025-26): {"summary": {...}, <section>: {code: count}, "problems": [...]}.

	Sections are keyed by the masters' codes (age bands by label, with "Unknown"); problems are the rules'
	Messages (English str; translate with jlc_frappe.translation.translate)."""
	year = _year(reporting_year)
	complaint = frappe.qb.DocType("Complaint")
	rows = _summary_rows(complaint, year)
	figures = ko41a.summary(rows)
	new = [row for row in rows if row.received == ko41a.DURING]  # each new complaint once, by age and status
	sections = {
		"age_band": ko41a.section(
			[label for label, _from in age_bands()],
			[(row.age_band, row.complaints) for row in new],
			ko41a.UNKNOWN,
		),
		"complainant_status": ko41a.section(
			ko41a.COMPLAINANT_STATUSES, [(ko41a.status_of(row.is_patient), row.complaints) for row in new]
		),
	}
	for key, (master, field) in ASPECT_MASTERS.items():
		sections[key] = ko41a.section(_codes(master, year), _aspect_rows(complaint, year, master, field))
	explained = _readable_names(complaint, ko41a.explanations(_explaining_rows(complaint, year)))
	return {
		"summary": figures,
		**{key: sections[key] for key in ko41a.SECTIONS},
		"problems": ko41a.problems(figures, sections, explained),
	}


def section_titles(reporting_year: str) -> dict[str, dict[str, str]]:
	"""{section: {code: title}} for showing a return: the masters of the year, else of any year, by code."""
	year = _year(reporting_year)
	titles = {
		"summary": {
			"brought_forward": _("Brought forward (open on {0})").format(frappe.format(year.start, "Date")),
			"new": _("New complaints received"),
			"upheld": _("Upheld"),
			"partially_upheld": _("Partially upheld"),
			"not_upheld": _("Not upheld"),
			"resolved": _("Resolved (upheld + partially upheld + not upheld)"),
			"withdrawn": _("Withdrawn (not on the form)"),
			"carried_forward": _("Carried forward (brought forward + new - resolved)"),
			"open_at_end": _("Open on {0} by the records").format(frappe.format(year.end, "Date")),
		},
		"age_band": {label: _(label) for label, _from in age_bands()} | {ko41a.UNKNOWN: _(ko41a.UNKNOWN)},
		"complainant_status": {status: _(status) for status in ko41a.COMPLAINANT_STATUSES},
	}
	for key, (master, _field) in ASPECT_MASTERS.items():
		table = frappe.qb.DocType(master)
		rows = (
			frappe.qb.from_(table)
			.select(table.code, table.title, (table.reporting_year == year.label).as_("this_year"))
			.orderby(table.reporting_year)
			.run(as_dict=True)
		)
		by_code = {}
		for row in sorted(rows, key=lambda row: row.this_year):  # this year's title wins
			by_code[row.code] = row.title
		titles[key] = by_code
	return titles


def _year(reporting_year: str) -> ko41a.ReportingYear:
	try:
		return ko41a.parse_reporting_year(reporting_year)
	except ValueError as error:
		frappe.throw(translate(error.args[0]), title=_("Invalid reporting year"))


def _counted(query, complaint):
	"""Complaints under the regulations only (reg 8)."""
	return query.where(IfNull(complaint.not_under_regulations_reason, "") == "")


def _position(field, year: ko41a.ReportingYear):
	"""ko41a.position in SQL: 'before', 'during' or 'after' the year, NULL without a date."""
	return (
		Case()
		.when(field.isnull(), None)
		.when(field < year.start, ko41a.BEFORE)
		.when(field <= year.end, ko41a.DURING)
		.else_(ko41a.AFTER)
	)


def _positions(complaint, year):
	return (
		_position(complaint.received_on, year),
		_position(complaint.closed_on, year),
		_position(complaint.withdrawn_on, year),
	)


def _summary_rows(complaint, year) -> list[dict]:
	"""Complaints received by the end of the year, grouped by where their dates fall, their outcome, and (for
	the sections counting each new complaint once) their age band and whether the patient complained."""
	received, closed, withdrawn = _positions(complaint, year)
	is_patient = IfNull(complaint.complainant_is_patient, 0)
	query = _counted(frappe.qb.from_(complaint), complaint).where(complaint.received_on <= year.end)
	return (
		query.select(
			received.as_("received"),
			closed.as_("closed"),
			withdrawn.as_("withdrawn"),
			complaint.outcome,
			complaint.age_band,
			is_patient.as_("is_patient"),
			Count("*").as_("complaints"),
		)
		.groupby(received, closed, withdrawn, complaint.outcome, complaint.age_band, is_patient)
		.run(as_dict=True)
	)


def _new(complaint, year):
	"""New complaints: received in the year, under the regulations."""
	return _counted(frappe.qb.from_(complaint), complaint).where(complaint.received_on[year.start : year.end])


def _aspect_rows(complaint, year, master: str, field: str) -> list[tuple]:
	"""(code, complaints naming it): each distinct code counts once per complaint (COUNT DISTINCT)."""
	aspect, table = frappe.qb.DocType("Complaint Aspect"), frappe.qb.DocType(master)
	query = (
		_new(complaint, year)
		.join(aspect)
		.on((aspect.parent == complaint.name) & (aspect.parenttype == "Complaint"))
		.join(table)
		.on(table.name == aspect[field])
	)
	return query.select(table.code, Count(complaint.name).distinct()).groupby(table.code).run()


def _codes(master: str, year) -> list[str]:
	"""The codes of the year's master records, in code order (inactive ones too: old complaints name them)."""
	table = frappe.qb.DocType(master)
	query = frappe.qb.from_(table).select(table.code).distinct().where(table.reporting_year == year.label)
	return query.orderby(table.code).run(pluck=True)


def _explaining_rows(complaint, year) -> list[dict]:
	"""Complaints withdrawn or closed without an outcome in the year, and reopened ones received by its end:
	the rules decide which of them the year counts."""
	received, closed, withdrawn = _positions(complaint, year)
	in_year = lambda field: field[year.start : year.end]  # noqa: E731
	query = _counted(frappe.qb.from_(complaint), complaint).where(complaint.received_on <= year.end)
	query = query.where(
		in_year(complaint.withdrawn_on)
		| (in_year(complaint.closed_on) & (IfNull(complaint.outcome, "") == ""))
		| (IfNull(complaint.reopened_count, 0) > 0)
	)
	return query.select(
		complaint.name,
		received.as_("received"),
		closed.as_("closed"),
		withdrawn.as_("withdrawn"),
		complaint.outcome,
		complaint.reopened_count.as_("reopened"),
	).run(as_dict=True)


def _readable_names(complaint, explained: dict[str, list[str]]) -> dict[str, list[str]]:
	"""The counts are over every complaint, but a complaint is named only to those who may open it (staff
	involved never see one about them): the others read a placeholder, so the counts stay whole."""
	names = {name for found in explained.values() for name in found}
	if not names:
		return explained
	query = frappe.qb.from_(complaint).where(complaint.name.isin(list(names)))
	readable = set(apply_rules(query, "Complaint").select(complaint.name).run(pluck=True))
	hidden = _("a complaint you may not open")
	return {key: [n if n in readable else hidden for n in found] for key, found in explained.items()}


# --- Download


def return_lines(reporting_year: str) -> tuple[dict, list[dict]]:
	"""The return and its lines in the return's layout: section, code, title, count; the summary first."""
	figures = build_return(reporting_year)
	titles = section_titles(reporting_year)
	names = {key: translate(ko41a.section_name(key)) for key in ("summary", *ko41a.SECTIONS)}
	lines = [
		{
			"section": names[section],
			"code": code,
			"title": titles.get(section, {}).get(code, code),
			"count": count,
		}
		for section, code, count in ko41a.layout(figures["summary"], figures)
	]
	return figures, lines


def check_report_role() -> None:
	"""The caller has one of the KO41a Return report's roles (as set on the report, with custom roles)."""
	if not frappe.get_cached_doc("Report", REPORT).is_permitted():
		frappe.throw(
			_("You need one of the roles of the {0} report to download it.").format(_(REPORT)),
			frappe.PermissionError,
		)


@frappe.whitelist(methods=["GET", "POST"])
@frappe.read_only()
def download_return(reporting_year: str, file_format: str = "CSV") -> None:
	"""The return of `reporting_year` in its layout, one section after another, as CSV or Excel (xlsx)."""
	check_report_role()
	if file_format not in FILE_FORMATS:
		frappe.throw(_("Download the return as CSV or Excel."))
	figures, lines = return_lines(reporting_year)
	header = [_("Section"), _("Code"), _("Title"), _("Count")]
	rows = [header] + [[line["section"], line["code"], line["title"], line["count"]] for line in lines]
	if figures["problems"]:
		rows += [[], [_("Problems to put right or explain before filing")]]
		rows += [[translate(problem)] for problem in figures["problems"]]
	filename = f"KO41a {_year(reporting_year).label}"
	if file_format == "Excel":
		from frappe.utils.xlsxutils import make_xlsx

		content, extension = make_xlsx(rows, "KO41a").getvalue(), "xlsx"
	else:
		out = io.StringIO()
		csv.writer(out, lineterminator="\n").writerows(rows)
		content, extension = out.getvalue().encode("utf-8"), "csv"
	frappe.response["filecontent"] = content
	frappe.response["filename"] = f"{filename}.{extension}"
	frappe.response["type"] = "binary"
