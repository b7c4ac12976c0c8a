"""Existing sites get the My Expectations surveys that new sites get on install, and the settings' defaults."""

import frappe

from jlc_frappe.jlc_complaints.doctype.experience_question_set.experience_question_set import (
	seed_experience_question_sets,
)


def execute():
	seed_experience_question_sets()
	for fieldname, value in (("experience_target_percent", 80), ("experience_link_days", 28)):
		if not frappe.db.get_single_value("JLC Settings", fieldname):
			frappe.db.set_single_value("JLC Settings", fieldname, value)
