"""Complaints whose response was sent before the field existed: their working days to respond."""

from jlc_frappe.jlc_complaints.complaint_deadlines import refresh_response_working_days


def execute():
	refresh_response_working_days()
