"""What the three KO41a master doctypes share: the reporting-year check."""

import re

import frappe
from frappe import _

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def validate_reporting_year(value: str) -> None:
	"""A KO41a reporting year runs 1 April to 31 March and is written like 2025-26."""
	match = _YEAR.match(value or "")
	if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
		frappe.throw(_("Reporting year {0} must look like 2025-26 (two consecutive years).").format(value))
