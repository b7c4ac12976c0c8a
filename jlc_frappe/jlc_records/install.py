# Copyright (c) 2026, JLC developers. License: MIT.
"""Records management on install and uninstall (called from jlc_frappe/install.py).

after_install: the default retention policies (a site edits them). before_uninstall: the scheduled jobs Frappe made
from our hooks. Everything else of ours (policies, logs, requests, and their files) is in our doctypes, removed with
them and their records about them."""

import frappe

from jlc_frappe.jlc_records.retention import seed_retention_policies

JOBS = "jlc_frappe.jlc_records.%"


def after_install() -> None:
	seed_retention_policies()


def before_uninstall() -> None:
	jobs = frappe.get_all("Scheduled Job Type", filters={"method": ("like", JOBS)}, pluck="name")
	if jobs:
		frappe.db.delete("Scheduled Job Log", {"scheduled_job_type": ("in", jobs)})
		frappe.db.delete("Scheduled Job Type", {"name": ("in", jobs)})


def leftovers() -> dict[str, list[str]]:
	"""What records management would leave after an uninstall: empty when clean."""
	return {
		"Scheduled Job Type": frappe.get_all(
			"Scheduled Job Type", filters={"method": ("like", JOBS)}, pluck="name"
		)
	}
