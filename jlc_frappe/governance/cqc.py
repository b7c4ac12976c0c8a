"""The figures of a CQC request's pack (regulation 16(3): complaints and responses; 17(3): quality and safety).

Counts come from the board's figures (`board.figures`) and from one GROUP BY query per source; lists that name
cases follow the reader's row rules (permissions.apply_rules) and never carry a person's identity (the people
of a complaint live in JLC Person and are not read here)."""

import frappe
from frappe.query_builder.functions import Count, Max
from frappe.utils import getdate

from jlc_frappe.governance import board
from jlc_frappe.permissions import apply_rules
from jlc_frappe.rules.deadlines import OVERDUE

# Learning action states in which the action is still to be done.
OPEN_ACTION_STATES = ("Proposed", "Agreed", "In Progress")


def regulation_16(from_date, to_date) -> dict:
	"""Regulation 16(3): the board's figures and every complaint received in the period, with its dates."""
	start, end = getdate(from_date), getdate(to_date)
	return {"figures": board.figures(start, end), "received": complaints_received(start, end)}


def regulation_17(from_date, to_date) -> dict:
	"""Regulation 17(3): the board's figures, learning actions still open, candour compliance and hotspots."""
	start, end = getdate(from_date), getdate(to_date)
	actions = open_learning_actions()
	return {
		"figures": board.figures(start, end),
		"open_actions": actions,
		"overdue_actions": [a for a in actions if a["due_status"] == OVERDUE],
		"candour": candour_counts(start, end),
		"hotspots": hotspots(start, end),
	}


def complaints_received(start, end) -> list[dict]:
	"""Complaints received in the period that the reader may read: summary, dates, state and outcome, and the
	further correspondence after the response (regulation 16(3))."""
	c = frappe.qb.DocType("Complaint")
	query = frappe.qb.from_(c).where(c.received_on[start:end])
	rows = (
		apply_rules(query, "Complaint")
		.select(
			c.name,
			c.summary,
			c.received_on,
			c.acknowledged_on,
			c.response_sent_on,
			c.workflow_state,
			c.outcome,
		)
		.orderby(c.received_on)
		.orderby(c.name)
	).run(as_dict=True)
	further = further_correspondence([row.name for row in rows])
	for row in rows:
		row.further_correspondence, row.last_correspondence = further.get(row.name, (0, None))
	return rows


def further_correspondence(complaints: list[str]) -> dict[str, tuple[int, object]]:
	"""{complaint: (letters and emails sent or received after its response, the last one's date)}, one query."""
	if not complaints:
		return {}
	c, m = frappe.qb.DocType("Complaint"), frappe.qb.DocType("Communication")
	rows = (
		frappe.qb.from_(m)
		.join(c)
		.on((m.reference_doctype == "Complaint") & (m.reference_name == c.name))
		.select(m.reference_name, Count("*").as_("n"), Max(m.communication_date).as_("last"))
		.where(
			m.reference_name.isin(complaints)
			& (m.communication_type == "Communication")
			& c.response_sent_on.isnotnull()
			& (m.communication_date > c.response_sent_on)
		)
		.groupby(m.reference_name)
	).run(as_dict=True)
	return {row.reference_name: (row.n, row.last) for row in rows}


def open_learning_actions() -> list[dict]:
	"""Learning actions still to be done today that the reader may read (no owner: no person is named)."""
	a = frappe.qb.DocType("Learning Action")
	query = frappe.qb.from_(a).where(a.workflow_state.isin(OPEN_ACTION_STATES))
	return (
		apply_rules(query, "Learning Action")
		.select(a.name, a.title, a.workflow_state, a.due_date, a.due_status)
		.orderby(a.due_date)
		.orderby(a.name)
	).run(as_dict=True)


def candour_counts(start, end) -> list[dict]:
	"""Candour notifications about incidents reported in the period, counted by state and contractual status."""
	n = frappe.qb.DocType("Candour Notification")
	return (
		frappe.qb.from_(n)
		.select(n.workflow_state, n.contractual_status, Count("*").as_("count"))
		.where(n.reported_on[start:end])
		.groupby(n.workflow_state, n.contractual_status)
		.orderby(n.workflow_state)
		.orderby(n.contractual_status)
	).run(as_dict=True)


def hotspots(start, end) -> list[dict] | None:
	"""Triangulation hotspots of the period (service areas where two or more sources rise); None when the site's
	JLC has no triangulation module (the pack says so and is built without them)."""
	try:
		from jlc_frappe.governance.triangulation import hotspots as triangulation_hotspots
	except ImportError:
		return None
	return [row for row in triangulation_hotspots(start, end) if row.get("hotspot")]
