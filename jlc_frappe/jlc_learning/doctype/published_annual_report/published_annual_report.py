# Copyright (c) 2026, JLC developers. License: MIT.
"""Published Annual Report: the trust's annual complaints report (regulation 18) once published, listed on the
public learning page (/learning). The file is public (anyone may download it) or lives on the trust's website."""

import re

import frappe
from frappe import _
from frappe.model.document import Document

from jlc_frappe.jlc_learning import public_learning
from jlc_frappe.rules.ko41a import parse_reporting_year
from jlc_frappe.rules.redaction import describe, find_identifiers
from jlc_frappe.translation import translate

WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


class PublishedAnnualReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		published_on: DF.Date
		report_file: DF.Attach | None
		report_url: DF.Data | None
		reporting_year: DF.Data
		summary: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		self.reporting_year = (self.reporting_year or "").strip()
		try:
			parse_reporting_year(self.reporting_year)
		except ValueError as error:
			frappe.throw(translate(error.args[0]))
		if not (self.report_file or self.report_url):
			frappe.throw(_("Attach the published report, or give its web address."))
		if self.report_file and not self.report_file.startswith("/files/"):
			frappe.throw(_("The report file must be public: attach it again without ticking 'Is Private'."))
		if self.report_url and not WEB_ADDRESS.match(self.report_url.strip()):
			frappe.throw(_("The web address must start with https:// or http://."))
		findings = [translate(f) for f in describe(find_identifiers(self.summary))]
		if findings:
			frappe.throw(
				_("The summary is published: it cannot contain {0}").format("; ".join(findings)),
				title=_("Identifiable data"),
			)

	def on_change(self):
		public_learning.clear_cache()

	def on_trash(self):
		public_learning.clear_cache()
