"""Benchmark: the governance reports, the number cards and a handler's complaint list at scale.

	bench --site SITE execute jlc_frappe.benchmarks.governance.run
	bench --site SITE execute jlc_frappe.benchmarks.governance.run --kwargs "{'complaints': 20000}"

It generates a trust (jlc_frappe.demo.generate: 100,000 complaints, 200,000 incidents and 5,000 claims by
default), then times each report's `execute(filters)` (a 12-month period; the last complete KO41a year), each JLC
number card (`get_result`) and a Complaints Handler's list (`frappe.get_list` with the row rules): the median of
`repeat` runs, against its floor, the median of one SQL query run alongside that reads what the report cannot
do without: the rows of its largest source in the period, joined as the report joins them, with the columns it
counts (aggregated once) or lists (the reports that list records: candour, learning actions, deadlines); a
number card's floor is a COUNT with the card's filter. It prints and returns {name: {"median_s", "floor_s", "ratio"}}, and removes the generated data in a
`finally`, leaving the site as it found it. Goals (2 cores): every report at most 5x its floor and under 1 s,
the handler's list under 0.2 s.
"""

import statistics
import time
from datetime import date

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.utils import add_months, get_first_day, get_last_day, getdate, nowdate

from jlc_frappe.demo import scale
from jlc_frappe.rules.reporting import reporting_year_of

REPORTS = {
	"Board Complaints Report": "jlc_frappe.jlc_complaints.report.board_complaints_report.board_complaints_report",
	"KO41a Return": "jlc_frappe.jlc_complaints.report.ko41a_return.ko41a_return",
	"Triangulation Report": "jlc_frappe.jlc_safety.report.triangulation_report.triangulation_report",
	"Complaints Timeliness": "jlc_frappe.jlc_complaints.report.complaints_timeliness.complaints_timeliness",
	"Duty of Candour Compliance": "jlc_frappe.jlc_safety.report.duty_of_candour_compliance.duty_of_candour_compliance",
	"Learning Action Tracker": "jlc_frappe.jlc_learning.report.learning_action_tracker.learning_action_tracker",
	"Complaint Deadlines": "jlc_frappe.jlc_complaints.report.complaint_deadlines.complaint_deadlines",
}
# The fields Frappe's list view asks for: the standard ones, the list-view fields and the list settings' extras.
LIST_FIELDS = [
	"`tabComplaint`.`name`",
	"`tabComplaint`.`owner`",
	"`tabComplaint`.`creation`",
	"`tabComplaint`.`modified`",
	"`tabComplaint`.`modified_by`",
	"`tabComplaint`.`_user_tags`",
	"`tabComplaint`.`_comments`",
	"`tabComplaint`.`_assign`",
	"`tabComplaint`.`_liked_by`",
	"`tabComplaint`.`docstatus`",
	"`tabComplaint`.`idx`",
	"`tabComplaint`.`summary`",
	"`tabComplaint`.`handler_name`",
	"`tabComplaint`.`working_days_left`",
	"`tabComplaint`.`response_due`",
	"`tabComplaint`.`workflow_state`",
	"`tabComplaint`.`next_deadline`",
	"`tabComplaint`.`acknowledgement_status`",
	"`tabComplaint`.`response_status`",
]
GOAL_RATIO, GOAL_REPORT_S, GOAL_LIST_S = 5.0, 1.0, 0.2


def _median(fn, repeat: int) -> float:
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def _sql(query: str, values=None):
	return lambda: frappe.db.sql(query, values or ())


def periods(today: date) -> dict:
	"""The last 12 whole months, and the last complete KO41a reporting year."""
	end = get_last_day(add_months(today, -1))
	year = reporting_year_of(today)
	last_year = f"{int(year[:4]) - 1}-{year[2:4]}"
	return {"from_date": get_first_day(add_months(end, -11)), "to_date": end, "reporting_year": last_year}


def cases(p: dict) -> dict:
	"""{name: (the call measured, its floor)}."""
	start, end = p["from_date"], p["to_date"]
	since = get_first_day(add_months(start, -3))  # the triangulation reads three months before for the rule
	year_start, year_end = (
		date(int(p["reporting_year"][:4]), 4, 1),
		date(int(p["reporting_year"][:4]) + 1, 3, 31),
	)
	period = {"from_date": start, "to_date": end}
	aspects = (
		"from `tabComplaint` c join `tabComplaint Aspect` a on a.parent = c.name and a.parenttype = 'Complaint'"
		" join `tabComplaint Service Area` s on s.name = a.service_area"
	)
	floors = {
		"Board Complaints Report": _sql(
			"select workflow_state, count(*) from `tabComplaint` where received_on between %s and %s group by 1",
			(start, end),
		),
		"KO41a Return": _sql(
			f"select s.code, count(distinct c.name) {aspects} where c.received_on between %s and %s group by 1",
			(year_start, year_end),
		),
		"Triangulation Report": _sql(
			f"select s.code, year(c.received_on), month(c.received_on), count(distinct c.name) {aspects}"
			" where c.received_on between %s and %s group by 1, 2, 3",
			(since, end),
		),
		"Complaints Timeliness": _sql(
			"select date_format(received_on, '%%Y-%%m'), count(*), sum(acknowledgement_status = 'Met'),"
			" sum(response_sent_on <= response_due)"
			" from `tabComplaint` where received_on between %s and %s group by 1",
			(start, end),
		),
		"Duty of Candour Compliance": _sql(
			"select name, incident, workflow_state, contractual_status, reported_on, contractual_due,"
			" notified_in_person_on, written_notification_on from `tabCandour Notification`"
			" where notifiable = 'Yes' and reported_on between %s and %s",
			(start, end),
		),
		"Learning Action Tracker": _sql(
			"select name, title, action_owner_name, theme, service_area, workflow_state, due_date, due_status"
			" from `tabLearning Action` where due_date between %s and %s",
			(start, end),
		),
		"Complaint Deadlines": _sql(
			"select name, summary, workflow_state, handler_name, acknowledgement_due, acknowledgement_status,"
			" response_due, response_status, working_days_left from `tabComplaint`"
			" where workflow_state not in ('Closed', 'Withdrawn') and response_sent_on is null"
			" order by deadline_order, name limit 5000"
		),
	}
	filters = {
		"KO41a Return": {"reporting_year": p["reporting_year"]},
		"Complaint Deadlines": {},
	}
	measured = {}
	for name, module in REPORTS.items():
		execute = frappe.get_attr(f"{module}.execute")
		report_filters = frappe._dict(filters.get(name, period))
		measured[name] = (lambda execute=execute, f=report_filters: execute(frappe._dict(f)), floors[name])
	for card in frappe.get_all("Number Card", filters={"module": ("like", "JLC%")}, pluck="name"):
		doc = frappe.get_doc("Number Card", card)
		where, values = _card_where(doc)
		floor = _sql(f"select count(*) from `tab{doc.document_type}` where {where}", values)
		if doc.type == "Custom":  # the card's own method, as the desk calls it
			call = frappe.get_attr(doc.method)
			measured[f"Number card: {card}"] = (lambda call=call: call(), floor)
		else:
			measured[f"Number card: {card}"] = (lambda doc=doc: get_result(doc, doc.filters_json), floor)
	return measured


def _card_where(doc) -> tuple[str, list]:
	"""The card's filters as the WHERE of its floor (the cards filter on one field: =, in or not in)."""
	parts, values = [], []
	for _doctype, field, op, value, *_rest in frappe.parse_json(doc.filters_json):
		value = value if isinstance(value, list) else [value]
		sql_op = {"=": "in"}.get(op, op)
		parts.append(f"`{field}` {sql_op} ({', '.join(['%s'] * len(value))})")
		values += value
	return " and ".join(parts) or "1=1", values


def handler_list(handler: str):
	def list_as_handler():
		frappe.set_user(handler)
		try:
			return frappe.get_list(
				"Complaint", fields=LIST_FIELDS, limit=20, order_by="`tabComplaint`.`deadline_order` asc"
			)
		finally:
			frappe.set_user("Administrator")

	floor = _sql(
		"select name, summary, workflow_state, deadline_order from `tabComplaint` where handler = %s"
		" order by deadline_order limit 20",
		(handler,),
	)
	return list_as_handler, floor


def run(complaints: int = 100000, incidents: int | None = None, claims: int | None = None, repeat: int = 5):
	frappe.only_for("System Manager")
	frappe.set_user("Administrator")
	results = {}
	try:
		made = scale.generate(complaints=complaints, incidents=incidents, claims=claims, seed=1, quiet=True)
		if not made:
			return results
		counts = made["counts"]
		print(
			f"generated {counts['Complaint']} complaints, {counts['Patient Safety Incident']} incidents, "
			f"{counts['Claim']} claims ({sum(counts.values())} rows) in {made['seconds']:.1f} s"
		)
		p = periods(getdate(nowdate()))
		print(
			f"period {p['from_date']} to {p['to_date']}; KO41a year {p['reporting_year']}; median of {repeat}"
		)
		measured = cases(p)
		handler = frappe.db.sql(
			"select handler from `tabComplaint` where name like 'GEN-%%' and handler like %s"
			" group by handler order by count(*) desc limit 1",
			(f"%@{scale.bulk.DOMAIN}",),
		)[0][0]
		measured["Complaints Handler's list (20 rows, row rules)"] = handler_list(handler)
		for name, (fn, floor) in measured.items():
			fn()  # warm the caches (meta, settings, calendar) as a running site has them
			t, f = _median(fn, repeat), _median(floor, repeat)
			results[name] = {"median_s": round(t, 4), "floor_s": round(f, 4), "ratio": round(t / f, 2)}
		_print(results)
		return results
	finally:
		frappe.set_user("Administrator")
		scale.remove(quiet=True)


def _print(results: dict) -> None:
	print(f"{'':58} {'median s':>9} {'floor s':>9} {'ratio':>7}  goal")
	for name, r in results.items():
		if name.startswith("Complaints Handler"):
			ok = r["median_s"] < GOAL_LIST_S
		else:
			ok = r["ratio"] <= GOAL_RATIO and r["median_s"] < GOAL_REPORT_S
		print(
			f"{name:58} {r['median_s']:9.4f} {r['floor_s']:9.4f} {r['ratio']:7.2f}  {'met' if ok else 'MISSED'}"
		)
