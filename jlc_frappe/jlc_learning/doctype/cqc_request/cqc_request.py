# Copyright (c) 2026, JLC developers. License: MIT.
"""CQC Request: a request from the Care Quality Commission under regulation 16(3) or 17(3), due 28 days after
the day it was received, answered with a pack built from JLC's records (cqc_pack.py). The dates and the status
are jlc_frappe.rules.cqc; the daily job keeps every status true in one UPDATE."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, getdate, nowdate

from jlc_frappe.deadline_status import refresh_answer_statuses
from jlc_frappe.rules import cqc
from jlc_frappe.translation import translate

DOCTYPE = "CQC Request"
# A pack answers the question these fields ask: it is removed when one of them changes.
QUESTION_FIELDS = ("regulation", "period_from", "period_to")


class CQCRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_on: DF.Date | None
		improvement_plan: DF.TextEditor | None
		narrative: DF.TextEditor | None
		owner_user: DF.Link | None
		period_from: DF.Date
		period_to: DF.Date
		received_on: DF.Date
		regulation: DF.Literal["Regulation 16", "Regulation 17"]
		sent_on: DF.Date | None
		status: DF.Literal["Open", "Sent", "Overdue"]
	# end: auto-generated types

	def validate(self):
		received, sent = _date(self.received_on), _date(self.sent_on)
		today = getdate(nowdate())
		problems = cqc.request_problems(
			received, _date(self.period_from), _date(self.period_to), sent, today, fmt=formatdate
		)
		if problems:
			frappe.throw("<br>".join(translate(p) for p in problems), title=_("Check the dates"))
		self.due_on = cqc.due_on(received) if received else None
		self.status = cqc.request_status(_date(self.due_on), sent, today)

	def on_update(self):
		before = self.get_doc_before_save()
		if before and any(before.get(f) != self.get(f) for f in QUESTION_FIELDS):
			from jlc_frappe.jlc_learning.doctype.cqc_request.cqc_pack import remove_pack

			remove_pack(self.name)


def _date(value):
	return getdate(value) if value else None


@frappe.whitelist(methods=["POST"])
def build_pack(name: str) -> str:
	"""The form's button: build the request's pack (Excel and PDF) in the background and attach it."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	if doc.sent_on:
		frappe.throw(
			_("This request was answered on {0}: its pack is kept as it was sent.").format(doc.sent_on)
		)
	frappe.enqueue(
		"jlc_frappe.jlc_learning.doctype.cqc_request.cqc_pack.build",
		queue="long",
		job_id=f"cqc-request-pack::{doc.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		name=doc.name,
	)
	return _("The pack is being built: it will be attached to {0} in a few minutes.").format(doc.name)


def refresh_cqc_request_statuses(on_date=None) -> None:
	"""Daily job: every request's status from its dates (rules.cqc.request_status), in one UPDATE."""
	refresh_answer_statuses(DOCTYPE, "sent_on", cqc.SENT, on_date)
