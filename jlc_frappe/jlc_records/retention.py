# Copyright (c) 2026, JLC developers. License: MIT.
"""Retention: which records have passed their period (JLC Retention Policy), and the weekly job that anonymises
them (anonymise.py) and logs what it did (JLC Disposal Log, no personal data).

The dry-run report (Retention Due) and the job select with the same query (`past_period`); the rules that decide
are jlc_frappe.rules.retention. The job runs on the long queue and commits after each batch, so a failure keeps
what was done and logged; a record is never anonymised twice (`anonymised_on`).
"""

import json
import os

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Date, IfNull
from frappe.utils import getdate, now_datetime, nowdate

from jlc_frappe.jlc_records.anonymise import anonymise
from jlc_frappe.rules import retention as rules

POLICY = "JLC Retention Policy"
LOG = "JLC Disposal Log"
BATCH = 500
JOB_ID = "jlc-retention-disposal"


def policies(enabled_only: bool = True) -> list[frappe._dict]:
	"""The policies (the enabled ones by default), in RETAINED_DOCTYPES order."""
	filters = {"enabled": 1} if enabled_only else {}
	found = frappe.get_all(
		POLICY,
		filters=filters,
		fields=["name", "document_type", "period_years", "trigger_field", "enabled"],
	)
	order = {doctype: i for i, doctype in enumerate(rules.RETAINED_DOCTYPES)}
	return sorted(found, key=lambda p: (order.get(p.document_type, 99), p.name))


def past_period(policy, on_date=None, *, held: bool = False, open_: bool = False):
	"""A frappe.qb query of the records of `policy` whose period has ended by `on_date`, not anonymised: those due
	(by default), or also those on legal hold (`held`) and those whose work is not over (`open_`). Selects name,
	trigger_date, legal_hold and (for doctypes in FINISHED) finished, 1 or 0."""
	on_date = getdate(on_date or nowdate())
	t = frappe.qb.DocType(policy.document_type)
	trigger = t[policy.trigger_field]
	if frappe.get_meta(policy.document_type).get_field(policy.trigger_field).fieldtype == "Datetime":
		trigger = Date(trigger)
	cutoff = rules.latest_due_trigger(on_date, policy.period_years)
	finished = _finished(t, policy.document_type)
	query = (
		frappe.qb.from_(t)
		.select(t.name, trigger.as_("trigger_date"), IfNull(t[rules.LEGAL_HOLD], 0).as_("legal_hold"))
		.where(trigger.isnotnull() & (trigger <= cutoff) & t[rules.ANONYMISED_ON].isnull())
	)
	if finished is not None:
		query = query.select(Case().when(finished, 1).else_(0).as_("finished"))
	if not held:
		query = query.where(IfNull(t[rules.LEGAL_HOLD], 0) == 0)
	if not open_ and finished is not None:
		query = query.where(finished)
	return query.orderby(trigger).orderby(t.name)


def _finished(t, doctype: str):
	if doctype not in rules.FINISHED:
		return None
	fieldname, states = rules.FINISHED[doctype]
	return t[fieldname].isin(states)


def dispose_due(on_date=None, commit: bool = False, batch: int = BATCH) -> dict[str, int]:
	"""Anonymise every record due on `on_date` under the enabled policies, a batch at a time, logging each:
	{doctype: records anonymised}. The weekly job commits after each batch; tests do not."""
	on_date = getdate(on_date or nowdate())
	done = {}
	for policy in policies():
		while True:
			rows = past_period(policy, on_date).limit(batch).run(as_dict=True)
			if not rows:
				break
			results = anonymise(policy.document_type, [row.name for row in rows])
			_log(policy, rows, results)
			done[policy.document_type] = done.get(policy.document_type, 0) + len(rows)
			if commit:
				frappe.db.commit()  # a background job: keep each batch, and what it logged, as it is done
	return done


def _log(policy, rows: list[dict], results: dict[str, dict]) -> None:
	"""One JLC Disposal Log a record, in one insert: the record's name, the policy and counts; no personal data."""
	now, user = now_datetime(), frappe.session.user
	columns = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"reference_doctype",
		"reference_name",
		"action",
		"disposed_on",
		"policy",
		"period_years",
		"trigger_field",
		"trigger_date",
		"due_on",
		"fields_cleared",
		"related_records",
		"people_removed",
		"files_removed",
		"communications_removed",
		"comments_removed",
		"versions_removed",
		"other_removed",
	]
	values = []
	for row in rows:
		done = results[row.name]
		values.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				0,
				policy.document_type,
				row.name,
				"Anonymised",
				now,
				policy.name,
				policy.period_years,
				policy.trigger_field,
				getdate(row.trigger_date),
				rules.due_on(getdate(row.trigger_date), policy.period_years),
				", ".join(done["fields"]),
				", ".join(done["related"]),
				done.get("people", 0),
				done.get("files", 0),
				done.get("communications", 0),
				done.get("comments", 0),
				done.get("versions", 0),
				done.get("other", 0),
			)
		)
	frappe.db.bulk_insert(LOG, columns, values)


# --- the weekly job ------------------------------------------------------------------------------------------------


def enqueue_weekly_disposal() -> None:
	"""scheduler_events weekly: the disposal runs on the long queue (it may remove many files)."""
	frappe.enqueue(
		"jlc_frappe.jlc_records.retention.run_disposal",
		queue="long",
		timeout=4 * 3600,
		job_id=JOB_ID,
		deduplicate=True,
	)


def run_disposal() -> None:
	"""The long job: everything due today, committed a batch at a time."""
	dispose_due(commit=True)


# --- the policies a site starts with -------------------------------------------------------------------------------


def seed_retention_policies() -> None:
	"""A policy for each retained record type that has none (install and the v0_3 patch; idempotent). A site that
	set its complaint files' retention years in JLC Settings before policies existed keeps that period."""
	path = os.path.join(frappe.get_app_path("jlc_frappe"), "jlc_records", "data", "retention_policies.json")
	with open(path) as f:
		defaults = json.load(f)["policies"]
	complaint_years = frappe.db.get_single_value("JLC Settings", "retention_years")
	for values in defaults:
		if values["document_type"] == rules.COMPLAINT and complaint_years:
			values = {**values, "period_years": complaint_years}
		if not frappe.db.exists(POLICY, {"document_type": values["document_type"]}):
			frappe.get_doc({"doctype": POLICY, "enabled": 1, **values}).insert(ignore_permissions=True)
