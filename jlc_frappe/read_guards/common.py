"""Small helpers the read guards share."""

import json

import frappe


def refuse(message: str):
	frappe.throw(message, frappe.PermissionError)


def trusted() -> bool:
	"""Install, migrate and patches write what they must."""
	return bool(frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch)


def parse(value):
	"""A request parameter, decoded from JSON when it is JSON."""
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value
