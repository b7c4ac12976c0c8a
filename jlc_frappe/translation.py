"""Frappe-side translation of the messages `jlc_frappe.rules` returns."""

from frappe import _

from jlc_frappe.rules.messages import Message


def translate(message) -> str:
	"""Frappe translation of a rules Message (template translated, then filled) or of a plain string.

	Arguments that are Messages themselves (e.g. a redaction finding's kind) are translated too.
	"""
	if isinstance(message, Message):
		args = [translate(arg) if isinstance(arg, Message) else arg for arg in message.args]
		return _(message.template).format(*args)
	return _(message)
