# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Invitation Area: a row of its parent (see the parent's controller)."""

from frappe.model.document import Document


class ExperienceInvitationArea(Document):
	pass
