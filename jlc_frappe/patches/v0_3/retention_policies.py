"""Sites installed before retention: the default retention policies, and a closure date for the incidents, claims
and candour notifications closed before JLC kept one (their last change, never earlier than the real closure, so
none is anonymised early)."""

import frappe
from frappe.query_builder.functions import Date

from jlc_frappe.jlc_records.retention import seed_retention_policies
from jlc_frappe.rules import retention as rules


def execute():
	seed_retention_policies()
	for doctype in rules.CLOSURE_DATED:
		fieldname, states = rules.FINISHED[doctype]
		t = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(t)
			.set(t.closed_on, Date(t.modified))
			.where(t[fieldname].isin(states) & t.closed_on.isnull())
			.run()
		)
