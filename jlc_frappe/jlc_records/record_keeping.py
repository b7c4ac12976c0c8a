# Copyright (c) 2026, JLC developers. License: MIT.
"""What every retained record (rules.retention.RETAINED_DOCTYPES) carries for retention, kept by JLC alone.

- `closed_on` of incidents, claims and candour notifications (which have no closure date of their own): set
  when their work is over, cleared when it is reopened (doc_events validate, hooks.py).
- An anonymised record is never changed again (doc_events validate).
- `legal_hold`: placed or lifted with the form's button (`set_legal_hold`) by whoever may change the record,
  with the reason in its timeline; a closed complaint, read-only otherwise, can still be held.
"""

import json

import frappe
from frappe import _
from frappe.utils import getdate, today

from jlc_frappe.rules import retention as rules


def on_validate(doc, method=None) -> None:
	"""doc_events validate of the retained doctypes."""
	before = doc.get_doc_before_save()
	if before and before.get(rules.ANONYMISED_ON):
		frappe.throw(
			_("{0} {1} was anonymised when its retention period ended: it cannot be changed.").format(
				_(doc.doctype), doc.name
			),
			title=_("Anonymised record"),
		)
	if doc.doctype in rules.CLOSURE_DATED:
		fieldname = rules.FINISHED[doc.doctype][0]
		finished = rules.is_finished(doc.doctype, {fieldname: doc.get(fieldname)})
		stored = getdate(doc.closed_on) if doc.closed_on else None
		doc.closed_on = rules.closed_on(finished, stored, getdate(today()))


@frappe.whitelist(methods=["POST"])
def set_legal_hold(doctype: str, name: str, hold: int, reason: str) -> None:
	"""Place (`hold` 1) or lift (0) the legal hold of a record, recording who, when and why in its timeline."""
	if doctype not in rules.RETAINED_DOCTYPES:
		frappe.throw(_("{0} records have no legal hold.").format(_(doctype)))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	hold = 1 if int(hold) else 0
	if doc.get(rules.ANONYMISED_ON):
		frappe.throw(_("This record was anonymised already: there is nothing left to hold."))
	if not (reason or "").strip():
		frappe.throw(_("Give the reason (the claim, inquiry or investigation, or why it has ended)."))
	if int(doc.get(rules.LEGAL_HOLD) or 0) == hold:
		return
	doc.db_set(rules.LEGAL_HOLD, hold)
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": doctype,
			"docname": name,
			"data": json.dumps({"changed": [[rules.LEGAL_HOLD, 1 - hold, hold]]}),
		}
	).insert(ignore_permissions=True)
	message = _("Legal hold placed: {0}") if hold else _("Legal hold lifted: {0}")
	doc.add_comment("Info", message.format(frappe.utils.escape_html(reason.strip())))


def extend_bootinfo(bootinfo) -> None:
	"""hooks.extend_bootinfo: the doctypes retention applies to, for the desk's scripts (jlc_records.js, the
	retention policy form, the Retention Due report): their names only, no record."""
	bootinfo.jlc_retained_doctypes = list(rules.RETAINED_DOCTYPES)
