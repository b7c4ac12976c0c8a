# Copyright (c) 2026, JLC developers. License: MIT.
"""A CQC request's pack: the figures of jlc_frappe.governance.cqc laid out as sections (a heading, a table, or
the request's own text), written as an Excel workbook (a sheet a section) and a PDF, attached to the request as
private files. Built by a background job (`build`) as the user who asked for it, under their row rules; a new
pack replaces the last one."""

import frappe
import openpyxl
from frappe import _
from frappe.utils import formatdate, now_datetime, sanitize_html
from frappe.utils.pdf import get_pdf
from frappe.utils.xlsxutils import make_xlsx

from jlc_frappe import generated_files
from jlc_frappe.governance import board, cqc
from jlc_frappe.rules.cqc import REGULATIONS

DOCTYPE = "CQC Request"
TEMPLATE = "jlc_frappe/jlc_learning/doctype/cqc_request/cqc_pack.html"
PACK_SUFFIX = "-pack"


def build(name: str) -> list[str]:
	"""The job: build the pack of request `name` and attach it (Excel and PDF); the new files' names."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	if doc.regulation == REGULATIONS[0]:
		sections = regulation_16_sections(cqc.regulation_16(doc.period_from, doc.period_to))
	else:
		sections = regulation_17_sections(doc, cqc.regulation_17(doc.period_from, doc.period_to))
	title = _("Care Quality Commission request {0}: {1}").format(doc.name, _(doc.regulation))
	remove_pack(doc.name)
	files = [
		_attach(doc, f"{doc.name}{PACK_SUFFIX}.xlsx", workbook(sections)),
		_attach(doc, f"{doc.name}{PACK_SUFFIX}.pdf", pdf(doc, title, sections)),
	]
	doc.add_comment("Info", _("Pack built for {0} to {1}").format(*_period(doc)))
	return files


def remove_pack(name: str) -> None:
	"""Delete the pack files of request `name` (before a new pack, or when the request's question changes)."""
	generated_files.remove(DOCTYPE, name, f"{name}{PACK_SUFFIX}.%")


def _attach(doc, file_name: str, content: bytes) -> str:
	return generated_files.attach(doc, file_name, content).name


def _period(doc) -> tuple[str, str]:
	return formatdate(doc.period_from), formatdate(doc.period_to)


# --- sections ---------------------------------------------------------------------------------------------------


def _section(heading: str, columns: list[str], rows: list[list], intro: str = "", empty: str = "") -> dict:
	return {"heading": heading, "intro": intro, "columns": columns, "rows": rows, "empty": empty, "html": ""}


def _text_section(heading: str, html: str | None, empty: str) -> dict:
	return {"heading": heading, "intro": "", "columns": [], "rows": [], "empty": empty, "html": html or ""}


def _date(value) -> str:
	return formatdate(value) if value else ""


def figures_section(figures: dict) -> dict:
	rows = [list(line) for line in board.figure_lines(figures)]
	rows.append([_("With the Ombudsman in the period"), len(figures["ombudsman"]), ""])
	return _section(_("Figures"), [_("Figure"), _("Value"), _("What it counts")], rows)


def received_section(received: list[dict]) -> dict:
	rows = [
		[
			c.name,
			c.summary,
			_date(c.received_on),
			_date(c.acknowledged_on),
			_date(c.response_sent_on),
			_(c.workflow_state or ""),
			_(c.outcome or ""),
			_("{0} (last {1})").format(c.further_correspondence, _date(c.last_correspondence))
			if c.further_correspondence
			else _("None"),
		]
		for c in received
	]
	columns = [_("Complaint"), _("Summary"), _("Received"), _("Acknowledged"), _("Responded"), _("State")]
	return _section(
		_("Complaints received"),
		[*columns, _("Outcome"), _("Further correspondence")],
		rows,
		empty=_("No complaint was received in the period."),
	)


def closed_section(cases: list[dict]) -> dict:
	rows = [
		[
			case["name"],
			case["summary"],
			_date(case["closed_on"]),
			_(case["route"] or ""),
			_(case["outcome"] or ""),
			"; ".join(
				f"{f['subject_area'] or _('Not coded')}: {_(f['outcome'] or 'No outcome')}"
				for f in case["findings"]
			),
			case["learning_summary"] or "",
			"; ".join(f"{a['title']} ({_(a['state'] or '')})" for a in case["learning_actions"]),
		]
		for case in cases
	]
	columns = [_("Complaint"), _("Summary"), _("Closed"), _("Route"), _("Outcome"), _("Findings")]
	return _section(
		_("Responses: complaints closed"),
		[*columns, _("Learning"), _("Learning actions")],
		rows,
		empty=_("No complaint was closed in the period."),
	)


def ombudsman_section(referrals: list[dict]) -> dict:
	rows = [
		[
			ref["complaint"],
			ref["phso_reference"] or "",
			_date(ref["referred_on"]),
			_(ref["stage"] or ""),
			_(ref["outcome"] or "") or _("Not yet decided"),
			"; ".join(f"{_(r['kind'] or '')}: {_(r['status'] or '')}" for r in ref["recommendations"]),
		]
		for ref in referrals
	]
	columns = [_("Complaint"), _("PHSO reference"), _("Referred on"), _("Stage"), _("Outcome")]
	return _section(
		_("The Parliamentary and Health Service Ombudsman"),
		[*columns, _("Recommendations")],
		rows,
		empty=_("No complaint was with the Ombudsman in the period."),
	)


def regulation_16_sections(data: dict) -> list[dict]:
	figures = data["figures"]
	return [
		figures_section(figures),
		received_section(data["received"]),
		closed_section(figures["closed_cases"]),
		ombudsman_section(figures["ombudsman"]),
	]


def actions_section(actions: list[dict], overdue: int) -> dict:
	rows = [
		[a.name, a.title, _(a.workflow_state or ""), _date(a.due_date), _(a.due_status or "")]
		for a in actions
	]
	return _section(
		_("Learning actions still open"),
		[_("Learning action"), _("Title"), _("State"), _("Due"), _("Due status")],
		rows,
		intro=_("{0} open on the day this pack was built, {1} of them overdue.").format(
			len(actions), overdue
		),
		empty=_("No learning action is open."),
	)


def candour_section(counts: list[dict]) -> dict:
	rows = [
		[_(c.workflow_state or ""), _(c.contractual_status or "") or _("No deadline"), c.count]
		for c in counts
	]
	return _section(
		_("Duty of candour"),
		[_("State"), _("Notification by the contractual deadline"), _("Notifications")],
		rows,
		intro=_("Candour notifications about incidents reported in the period (regulation 20)."),
		empty=_("No candour notification is about an incident reported in the period."),
	)


def hotspots_section(hotspots: list[dict] | None) -> dict:
	if hotspots is None:
		return _section(
			_("Triangulation hotspots"), [], [], empty=_("Triangulation is not available on this site.")
		)
	rows = [
		[
			h["service_area"],
			formatdate(h["month"], "MMM yyyy"),
			h["complaints"],
			h["incidents"],
			h["claims"],
			h["candour"],
			", ".join(_(s) for s in h.get("rising") or ()),
		]
		for h in hotspots
	]
	return _section(
		_("Triangulation hotspots"),
		[
			_("Service area"),
			_("Month"),
			_("Complaints"),
			_("Incidents"),
			_("Claims"),
			_("Candour"),
			_("Rising"),
		],
		rows,
		intro=_("Service areas and months in which two or more sources rose together."),
		empty=_("No hotspot in the period."),
	)


def regulation_17_sections(doc, data: dict) -> list[dict]:
	figures = data["figures"]
	return [
		_text_section(
			_("How quality and safety are assessed, monitored and improved"),
			sanitize_html(doc.narrative or ""),
			_("No narrative written yet."),
		),
		figures_section(figures),
		closed_section(figures["closed_cases"]),
		ombudsman_section(figures["ombudsman"]),
		actions_section(data["open_actions"], len(data["overdue_actions"])),
		candour_section(data["candour"]),
		hotspots_section(data["hotspots"]),
		_text_section(
			_("Improvement plan"),
			sanitize_html(doc.improvement_plan or ""),
			_("No improvement plan written yet."),
		),
	]


# --- files ------------------------------------------------------------------------------------------------------


def workbook(sections: list[dict]) -> bytes:
	"""A sheet a section, in the order of the sections (make_xlsx puts each new sheet first)."""
	wb = openpyxl.Workbook()
	wb.remove(wb.active)
	xlsx, names = None, _sheet_names(sections)
	for section, sheet in reversed(list(zip(sections, names, strict=True))):
		if section["html"] or not section["columns"]:
			data = [[section["heading"]], [section["html"] or section["intro"] or section["empty"]]]
		else:
			data = [section["columns"], *(section["rows"] or [[section["empty"]]])]
		xlsx = make_xlsx(data, sheet, wb=wb, column_widths=[18] + [30] * (len(data[0]) - 1))
	return xlsx.getvalue()


def _sheet_names(sections: list[dict]) -> list[str]:
	"""Excel sheet names: at most 31 characters, unique."""
	names = []
	for number, section in enumerate(sections, start=1):
		names.append(f"{number} {section['heading']}"[:31])
	return names


def pdf(doc, title: str, sections: list[dict]) -> bytes:
	html = frappe.render_template(
		TEMPLATE,
		{
			"title": title,
			"doc": doc,
			"regulation_text": _regulation_text(doc.regulation),
			"period": _("{0} to {1}").format(*_period(doc)),
			"received_on": formatdate(doc.received_on),
			"due_on": formatdate(doc.due_on),
			"built_on": formatdate(now_datetime()),
			"sections": sections,
			"_": _,
		},
	)
	return get_pdf(html, {"orientation": "Landscape"})


def _regulation_text(regulation: str) -> str:
	if regulation == REGULATIONS[0]:
		return _(
			"A summary of the complaints made to us and the responses we gave in the period, as regulation 16(3)"
			" asks. It names no patient, complainant or other person."
		)
	return _(
		"How we assess, monitor and improve the quality and safety of our services, and our plans to improve, as"
		" regulation 17(3) asks. It names no patient, complainant or other person."
	)
