"""Translatable messages for the pure-Python rules (no frappe import).

Rules return and raise English text as :class:`Message`: a ``str`` (so it compares, joins and prints as
the English sentence) that also keeps its template and arguments, so the Frappe side can translate the
template and then fill it in (``jlc_frappe.field_checks.translate``).

Write messages as ``_("... {0} ...", value)``. Frappe's extractor (babel, keyword ``_``) only collects a
template that is a string literal, and its ``_`` wrapper reads a string literal among the arguments as a
translation context, so: the template is a plain literal (adjacent literals are fine, f-strings and ``+``
are not), and the arguments contain no string literals (build them in a variable first).
"""

from __future__ import annotations


class Message(str):
	"""English text that also carries its template and arguments, so the Frappe side can translate it."""

	template: str
	args: tuple

	def __new__(cls, template: str, *args):
		message = super().__new__(cls, template.format(*args))
		message.template = template
		message.args = args
		return message

	def __getnewargs__(self):
		"""Pickle and copy rebuild the message from its template and arguments, not from the English text."""
		return (self.template, *self.args)


_ = Message  # the name Frappe's translation extractor collects: write _("... {0} ...", value) in rules
