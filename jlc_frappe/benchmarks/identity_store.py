"""Benchmark: what the identity store costs a Complaints Handler, as ratios against baselines in the same run.

	bench --site SITE execute jlc_frappe.benchmarks.identity_store.run --kwargs "{'n': 100000}"

It bulk-inserts `n` synthetic complaints with a complainant and a patient each (JLC Person), 1 in 50 handled by
the benchmark's handler, measures, and rolls everything back. Baselines:
- form load (`getdoc`) of a handled complaint with its people read from JLC Person, against the same form load
  with the identity lookup switched off (what loading the form cost when the details were columns of the row);
- the handler's complaint list view, against the same list with no row rule (Administrator);
- the handler's list of people (JLC Person, read through the complaints they handle), against their list view.
Returns the figures as a dict and prints them.
"""

import time
from unittest.mock import patch

import frappe
from frappe.desk.form.load import getdoc
from frappe.utils.user import get_users_with_role

from jlc_frappe import identity
from jlc_frappe.benchmarks.complaints_at_scale import _insert

LIST_FIELDS = ["name", "summary", "workflow_state", "received_on", "response_due", "response_status"]


def _median(fn, repeat: int = 7) -> float:
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
	return sorted(times)[len(times) // 2]


def _list(doctype: str, fields: list[str]):
	return frappe.get_list(doctype, fields=fields, order_by="modified desc", limit_page_length=20)


def _form(name: str):
	frappe.local.response = frappe._dict(docs=[])
	getdoc("Complaint", name)
	doc = frappe.local.response.docs[0]
	frappe.as_json(doc)  # what the desk receives: the people are read while the form is serialised
	return doc


def run(n: int = 100000) -> dict:
	frappe.only_for("System Manager")
	handlers = sorted(get_users_with_role("Complaints Handler"))
	if not handlers:
		frappe.throw("Give a user the Complaints Handler role to benchmark their view.")
	handler, admin = handlers[0], frappe.session.user
	figures = {}
	try:
		_insert(n, handler)
		name = frappe.get_all(
			"Complaint", {"handler": handler, "name": ("like", "BENCH-%")}, pluck="name", limit=1
		)[0]
		frappe.set_user(handler)
		assert _form(name).as_dict().get("patient_name"), "the handler reads the patient"
		with_people = _median(lambda: _form(name))
		with patch.object(identity, "_readable_people", lambda doc: {}):
			without_people = _median(lambda: _form(name))
		handler_list = _median(lambda: _list("Complaint", LIST_FIELDS))
		people_list = _median(lambda: _list("JLC Person", ["name", "full_name"]))
		frappe.set_user(admin)
		unrestricted_list = _median(lambda: _list("Complaint", LIST_FIELDS))
		figures = {
			"complaints": n,
			"form_load_s": round(with_people, 4),
			"form_load_without_identity_s": round(without_people, 4),
			"form_ratio": round(with_people / without_people, 2),
			"handler_list_s": round(handler_list, 4),
			"unrestricted_list_s": round(unrestricted_list, 4),
			"list_ratio": round(handler_list / unrestricted_list, 2),
			"handler_people_list_s": round(people_list, 4),
			"people_list_ratio": round(people_list / handler_list, 2),
		}
		for key, value in figures.items():
			print(f"{key}: {value}")
		return figures
	finally:
		frappe.set_user(admin)
		frappe.db.rollback()
