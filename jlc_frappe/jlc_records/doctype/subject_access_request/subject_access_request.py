# Copyright (c) 2026, JLC developers. License: MIT.
"""Subject Access Request: a person's request for the data JLC holds about them (UK GDPR article 15), due one
calendar month after receipt (jlc_frappe.rules.subject_access), answered with an export built on a worker
(jlc_frappe/jlc_records/subject_access.py). Read and made by Complaints Managers alone.

The person is linked (the identity store, JLC Person), never copied: `nhs_number` is a virtual field that shows
the person's NHS number, and finds the person when one is typed on a new request."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, getdate, nowdate

from jlc_frappe.deadline_status import refresh_answer_statuses
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_calendar
from jlc_frappe.rules import nhs_number as nhs
from jlc_frappe.rules import subject_access as rules
from jlc_frappe.translation import translate

DOCTYPE = "Subject Access Request"
PERSON = "JLC Person"


def _nhs_number_property() -> property:
	def get(doc):
		typed = doc.__dict__.get("nhs_number")
		if typed is not None:
			return typed
		return frappe.db.get_value(PERSON, doc.person, "nhs_number") if doc.get("person") else None

	def set_(doc, value):
		doc.__dict__["nhs_number"] = value

	return property(get, set_)


class SubjectAccessRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		anonymised_on: DF.Date | None
		completed_on: DF.Date | None
		due_on: DF.Date | None
		export_file: DF.Attach | None
		exported_on: DF.Datetime | None
		extended: DF.Check
		extension_reason: DF.SmallText | None
		legal_hold: DF.Check
		nhs_number: DF.Data | None
		notes: DF.SmallText | None
		person: DF.Link
		received_on: DF.Date
		status: DF.Literal["Open", "Overdue", "Completed"]
	# end: auto-generated types

	nhs_number = _nhs_number_property()

	def before_validate(self):
		typed = self.__dict__.pop("nhs_number", None)
		if typed and not self.person:
			self.person = find_person(typed)

	def validate(self):
		before = self.get_doc_before_save()
		received, completed = _date(self.received_on), _date(self.completed_on)
		today = getdate(nowdate())
		first_due = rules.due_on(received, calendar=get_calendar()) if received else None
		extending = bool(self.extended) and not (before and before.extended)
		problems = rules.request_problems(
			received, completed, today, extending=extending, first_due=first_due, fmt=formatdate
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Check the dates"))
		if before and before.person != self.person and before.export_file:
			frappe.throw(_("This request was exported for its person: make a new request for someone else."))
		self.due_on = rules.due_on(received, bool(self.extended), get_calendar()) if received else None
		self.status = rules.request_status(_date(self.due_on), completed, today)


def _date(value):
	return getdate(value) if value else None


def find_person(number: str) -> str:
	"""The person JLC holds with this NHS number (any record's, not only those the user may open)."""
	if not nhs.is_valid_nhs_number(number):
		frappe.throw(
			_("{0} is not a valid NHS number (10 digits with a modulus 11 check digit).").format(number)
		)
	person = frappe.db.get_value(PERSON, {"nhs_number": nhs.format_nhs_number(number)}, "name")
	if not person:
		frappe.throw(_("JLC holds nobody with NHS number {0}.").format(nhs.format_nhs_number(number)))
	return person


@frappe.whitelist(methods=["POST"])
def person_for_nhs_number(nhs_number: str) -> str:
	"""The form's lookup: the person with this NHS number, for those who may make a request."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	return find_person(nhs_number)


@frappe.whitelist(methods=["POST"])
def build_export(name: str) -> str:
	"""The form's button: build the export (ZIP of JSON and PDFs) on a worker and attach it to the request."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	frappe.enqueue(
		"jlc_frappe.jlc_records.subject_access.build",
		queue="long",
		timeout=3600,
		job_id=f"subject-access-export::{doc.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		name=doc.name,
	)
	return _("The export is being built: it will be attached to {0} in a few minutes.").format(doc.name)


def refresh_subject_access_statuses(on_date=None) -> None:
	"""Daily job: every request's status from its dates (rules.subject_access.request_status), in one UPDATE;
	anonymised requests are left as they were."""
	refresh_answer_statuses(
		DOCTYPE, "completed_on", rules.COMPLETED, on_date, where=lambda table: table.anonymised_on.isnull()
	)
