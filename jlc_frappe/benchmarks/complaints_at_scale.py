"""Benchmark: complaint deadlines and row rules at scale, as ratios against baselines run alongside.

	bench --site SITE execute jlc_frappe.benchmarks.complaints_at_scale.run --kwargs "{'n': 20000}"

It bulk-inserts `n` synthetic complaints, measures, checks results agree, and rolls everything back.
Wall-clock numbers vary by machine; the ratios are what to compare between runs.
"""

import random
import time
from datetime import timedelta

import frappe
from frappe.utils import getdate, nowdate

from jlc_frappe.deadline_status import NO_DEADLINE, refresh_statuses
from jlc_frappe.jlc_complaints.report.complaint_deadlines.complaint_deadlines import (
	execute as deadlines_report,
)
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import deadlines

STATES = ("Received", "Acknowledged", "Under Investigation", "Awaiting Sign-off", "Closed", "Withdrawn")


def _timed(fn, repeat: int = 1):
	"""Best of `repeat` runs (the least disturbed), with the last result."""
	best = float("inf")
	for _ in range(repeat):
		start = time.perf_counter()
		result = fn()
		best = min(best, time.perf_counter() - start)
	return best, result


def _insert_people(n: int) -> None:
	"""A complainant and a patient (JLC Person) for each synthetic complaint."""
	now = frappe.utils.now()
	rows = [
		(f"BENCH-{kind}-{i:07d}", f"Bench {kind} {i}", "Administrator", now, now, "Administrator")
		for i in range(n)
		for kind in ("C", "P")
	]
	fields = ["name", "full_name", "owner", "creation", "modified", "modified_by"]
	frappe.db.bulk_insert("JLC Person", fields, rows, chunk_size=5000)


def _insert(n: int, handler: str) -> None:
	_insert_people(n)
	cal, today = jlc_settings.get_calendar(), getdate(nowdate())
	rng = random.Random(42)
	rows = []
	for i in range(n):
		received = today - timedelta(days=rng.randint(0, 240))
		state = rng.choice(STATES)
		rows.append(
			(
				f"BENCH-{i:07d}",
				"Synthetic complaint",
				"Investigation",
				received,
				"Letter",
				"x",
				f"BENCH-C-{i:07d}",
				f"BENCH-P-{i:07d}",
				state,
				deadlines.acknowledgement_due(received, cal),
				deadlines.response_due_from_preset(received, 40, cal),
				handler if i % 50 == 0 else None,
				"Administrator",
				frappe.utils.now(),
				frappe.utils.now(),
				"Administrator",
			)
		)
	fields = [
		"name",
		"summary",
		"route",
		"received_on",
		"received_via",
		"description",
		"complainant",
		"patient",
		"workflow_state",
		"acknowledgement_due",
		"response_due",
		"handler",
		"owner",
		"creation",
		"modified",
		"modified_by",
	]
	frappe.db.bulk_insert("Complaint", fields, rows, chunk_size=5000)


def _per_document_baseline() -> None:
	"""What the job replaces: load each open complaint, work out its statuses, next deadline and working days
	left, and write them one by one."""
	cal, today = jlc_settings.get_calendar(), getdate(nowdate())
	soon = jlc_settings.get_settings().due_soon_working_days
	open_rows = frappe.get_all(
		"Complaint",
		filters={"workflow_state": ("not in", ("Closed", "Withdrawn"))},
		fields=["name", "acknowledgement_due", "acknowledged_on", "response_due", "response_sent_on"],
	)
	for row in open_rows:
		pending = [(row.acknowledgement_due, row.acknowledged_on), (row.response_due, row.response_sent_on)]
		next_due = deadlines.next_deadline(pending)
		frappe.db.set_value(
			"Complaint",
			row.name,
			{
				"acknowledgement_status": deadlines.deadline_status(
					row.acknowledgement_due, row.acknowledged_on, today, soon, cal
				),
				"response_status": deadlines.deadline_status(
					row.response_due, row.response_sent_on, today, soon, cal
				),
				"next_deadline": next_due,
				"working_days_left": deadlines.working_days_left(next_due, today, cal) or 0,
				"deadline_order": next_due or NO_DEADLINE,
			},
			update_modified=False,
		)


def _statuses():
	return frappe.get_all(
		"Complaint",
		fields=["name", "acknowledgement_status", "response_status", "next_deadline", "working_days_left"],
		filters={"name": ("like", "BENCH-%")},
		order_by="name",
	)


def _clear() -> None:
	frappe.db.sql(
		"update `tabComplaint` set acknowledgement_status='', response_status='', next_deadline=null, "
		"working_days_left=0, deadline_order=null"
	)


def run(n: int = 20000) -> None:
	frappe.only_for("System Manager")
	handler = frappe.session.user
	try:
		_insert(n, handler)
		_clear()
		t_job, _ = _timed(lambda: refresh_statuses("Complaint"))
		by_job = _statuses()
		_clear()
		t_base, _ = _timed(_per_document_baseline)
		agree = by_job == _statuses()
		print(f"complaints: {n}")
		print(
			f"daily refresh, set-based UPDATEs: {t_job:.3f}s; per-document baseline: {t_base:.3f}s; "
			f"ratio baseline/job: {t_base / t_job:.1f}x; same statuses: {agree}"
		)
		t_all, rows_all = _timed(lambda: deadlines_report({"limit": 100000}), repeat=5)
		frappe.set_user(_leader())
		t_rule, rows_rule = _timed(lambda: deadlines_report({"limit": 100000}), repeat=5)
		frappe.set_user(handler)
		print(
			f"deadlines report, unrestricted: {t_all:.3f}s ({len(rows_all[1])} rows); with a Senior Leader's "
			f"row rule: {t_rule:.3f}s ({len(rows_rule[1])} rows); ratio: {t_rule / t_all:.2f}x"
		)
	finally:
		frappe.set_user(handler)
		frappe.db.rollback()


def _leader() -> str:
	from frappe.utils.user import get_users_with_role

	leaders = get_users_with_role("Senior Leader")
	if not leaders:
		frappe.throw("Give a user the Senior Leader role to benchmark the row rule.")
	return leaders[0]
