# Copyright (c) 2026, JLC developers. License: MIT.
"""Experience Invitation: who was asked for feedback on a closed complaint, with the hash of their one-time link.

The only record linking a complaint to its feedback, so it is read by System Managers alone (and by them only on
complaints they may read: permissions.py). Made, answered and withdrawn by
jlc_frappe/jlc_complaints/experience_survey.py."""

from frappe.model.document import Document


class ExperienceInvitation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from jlc_frappe.jlc_complaints.doctype.experience_invitation_area.experience_invitation_area import (
			ExperienceInvitationArea,
		)

		answered_on: DF.Date | None
		audience: DF.Literal["Complainant", "Staff involved"]
		complaint: DF.Link
		expires_on: DF.Datetime | None
		period: DF.Date
		question_set: DF.Link
		response: DF.Link | None
		sent_on: DF.Datetime | None
		service_areas: DF.Table[ExperienceInvitationArea]
		status: DF.Literal["Sent", "Answered", "Withdrawn"]
		token_hash: DF.Data | None
		user: DF.Link | None
		withdrawn_on: DF.Date | None

	# end: auto-generated types
	pass
