# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Answer: a row of its parent (see the parent's controller)."""

from frappe.model.document import Document


class ExperienceAnswer(Document):
	pass
