# Copyright (c) 2026, JLC developers. License: MIT.

import frappe
from frappe import _
from frappe.model.document import Document


class LearningTheme(Document):
	def validate(self):
		"""A subject area, incident category or claim type belongs to one theme, so no record counts twice."""
		seen = set()
		for row in self.mappings:
			row.value = (row.value or "").strip()
			key = (row.source, row.value.casefold())
			if key in seen:
				frappe.throw(_("{0} {1} is named twice.").format(_(row.source), row.value))
			seen.add(key)
			taken = frappe.db.get_value(
				"Learning Theme Mapping",
				{"source": row.source, "value": row.value, "parent": ("!=", self.name)},
				"parent",
			)
			if taken:
				frappe.throw(
					_("{0} {1} already belongs to the theme {2}.").format(_(row.source), row.value, taken)
				)
