# Copyright (c) 2026, JLC developers. License: MIT.

from frappe.model.document import Document


class LearningThemeMapping(Document):
	pass
