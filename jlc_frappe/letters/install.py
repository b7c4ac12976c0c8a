"""Install and uninstall the letters (jlc_frappe/install.py calls these).

Each letter's wording is an Email Template named as the letter and its print format. Trusts edit them (a
System Manager, in the desk), so they are made on install only where missing, never overwritten on migrate, and
removed on uninstall with the letters and emails kept on JLC records (Communications, and their PDFs and
attachments, which the generic clean-up of rows about JLC records would leave behind as files).
The default wording lives beside this file in `email_templates/<letter>.html`; the variables a template may use
are those of `rules/letters.py` (`complaint_context`, `candour_context`).
"""

import os

import frappe

from jlc_frappe.rules import letters as rules

SUBJECTS = {
	rules.ACKNOWLEDGEMENT: "Your complaint: our reference {{ reference }}",
	rules.HOLDING: "Your complaint: a new date for our response (our reference {{ reference }})",
	rules.FINAL_RESPONSE: "Our response to your complaint (our reference {{ reference }})",
	rules.EXCLUSION: "Your complaint (our reference {{ reference }})",
	rules.CANDOUR: "An incident in the care we gave (our reference {{ reference }})",
}
EMAIL_TEMPLATE = "Email Template"


def default_wording(letter: str) -> str:
	path = os.path.join(os.path.dirname(__file__), "email_templates", frappe.scrub(letter) + ".html")
	with open(path) as f:
		return f.read()


def after_install() -> None:
	"""The letters' Email Templates, where the site does not have them yet (a trust's edits are kept)."""
	for letter, subject in SUBJECTS.items():
		if not frappe.db.exists(EMAIL_TEMPLATE, letter):
			frappe.get_doc(
				{
					"doctype": EMAIL_TEMPLATE,
					"name": letter,
					"subject": subject,
					"use_html": 1,
					"response_html": default_wording(letter),
				}
			).insert(ignore_permissions=True)


def before_uninstall(doctypes: list[str]) -> None:
	"""The letters' templates, and the files of letters and emails kept on records of `doctypes`."""
	for name in _correspondence_files(doctypes):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	for letter in SUBJECTS:
		frappe.delete_doc(EMAIL_TEMPLATE, letter, ignore_missing=True, force=True, ignore_permissions=True)


def leftovers(doctypes: list[str]) -> dict[str, list[str]]:
	return {
		EMAIL_TEMPLATE: frappe.get_all(
			EMAIL_TEMPLATE, filters={"name": ("in", list(SUBJECTS))}, pluck="name"
		),
		"File of a letter or email": _correspondence_files(doctypes),
	}


def _correspondence_files(doctypes: list[str]) -> list[str]:
	"""Files attached to Communications about records of `doctypes` (letters' PDFs, emails' attachments)."""
	if not doctypes or not frappe.db.table_exists("Communication"):
		return []
	file, communication = frappe.qb.DocType("File"), frappe.qb.DocType("Communication")
	return (
		frappe.qb.from_(file)
		.join(communication)
		.on(file.attached_to_name == communication.name)
		.select(file.name)
		.where((file.attached_to_doctype == "Communication") & communication.reference_doctype.isin(doctypes))
		.run(pluck=True)
	)
