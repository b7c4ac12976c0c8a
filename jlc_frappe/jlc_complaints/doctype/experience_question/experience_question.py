# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Question: a row of its parent (see the parent's controller)."""

from frappe.model.document import Document


class ExperienceQuestion(Document):
	pass
