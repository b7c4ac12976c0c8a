"""Field checks that several doctypes share."""

import frappe
from frappe import _

from jlc_frappe.rules import nhs_number


def validate_nhs_number(doc, fieldname: str = "nhs_number") -> None:
	value = doc.get(fieldname)
	if not value:
		return
	if not nhs_number.is_valid_nhs_number(value):
		frappe.throw(
			_("{0} is not a valid NHS number (10 digits with a modulus 11 check digit).").format(value)
		)
	doc.set(fieldname, nhs_number.format_nhs_number(value))
