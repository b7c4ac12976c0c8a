"""The figures a complaints panel reviews: two aggregate queries, frozen into the meeting when it is held."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from jlc_frappe.jlc_complaints.complaint_lifecycle import (
	CLOSED,
	EARLY_RESOLUTION,
	INVESTIGATION_STATES,
	RESOLVED_EARLY,
	TERMINAL_STATES,
)
from jlc_frappe.jlc_learning.learning_lifecycle import FINISHED_STATES
from jlc_frappe.rules.deadlines import OVERDUE


def _count(condition):
	return Sum(Case().when(condition, 1).else_(0))


def figures(period_from, period_to) -> dict[str, int]:
	"""Complaints received in the period and where they are now; complaints closed in the period by
	outcome; deadlines and learning actions overdue now."""
	start, end = getdate(period_from), getdate(period_to)
	c = frappe.qb.DocType("Complaint")
	in_period = c.received_on[start:end]
	is_open = c.workflow_state.notin(TERMINAL_STATES)
	closed_in_period = (c.workflow_state == CLOSED) & c.closed_on[start:end]
	complaints = {
		"received": in_period,
		"resolved_early": in_period
		& (c.route == EARLY_RESOLUTION)
		& c.workflow_state.isin((RESOLVED_EARLY, CLOSED)),
		"under_investigation": in_period & c.workflow_state.isin(INVESTIGATION_STATES),
		"closed_upheld": closed_in_period & (c.outcome == "Upheld"),
		"closed_partially_upheld": closed_in_period & (c.outcome == "Partially Upheld"),
		"closed_not_upheld": closed_in_period & (c.outcome == "Not Upheld"),
		"overdue_acknowledgements": is_open & (c.acknowledgement_status == OVERDUE),
		"overdue_responses": is_open & (c.response_status == OVERDUE),
	}
	row = (
		frappe.qb.from_(c)
		.select(*(_count(cond).as_(key) for key, cond in complaints.items()))
		.run(as_dict=True)
	)
	a = frappe.qb.DocType("Learning Action")
	action_open = a.workflow_state.notin(FINISHED_STATES)
	actions = {
		"open_learning_actions": action_open,
		"overdue_learning_actions": action_open & (a.due_status == OVERDUE),
	}
	row2 = (
		frappe.qb.from_(a).select(*(_count(cond).as_(key) for key, cond in actions.items())).run(as_dict=True)
	)
	return {key: int(value or 0) for key, value in {**row[0], **row2[0]}.items()}
