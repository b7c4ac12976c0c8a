"""Benchmark: `jlc-sync push incidents` through the upsert, against one POST /api/resource per record.

	bench --site SITE execute jlc_frappe.benchmarks.sync_push.run [--kwargs "{'n': 10000, 'sample': 200}"]

Starts Frappe's web server on 127.0.0.1 (leak_harness.Server), makes a Patient Safety Lead with an API key, and in
the same run:
- pushes `n` synthetic incidents (every second one with a patient: name and NHS number, written through to
  JLC Person) from a CSV file with the jlc-sync client, in batches of 200: the first push creates them all;
- pushes the same file again (a rerun: every row unchanged) and measures the client's peak memory meanwhile;
- sends `sample` incidents of the same shape one `POST /api/resource/Patient Safety Incident` each, over one
  keep-alive session with the API key (what users of Frappe's own client do);
- inserts `sample` more with Document.insert in this process, named beforehand and rolled back: the ceiling
  of the create ratio for any path that runs the controllers for each record (POST time / insert time);
- measures the client's peak Python memory (tracemalloc) for a dry run of `n` and of `large` rows, which reads,
  maps and checks every row as a push does, to show it stays flat as the file grows.
Prints the throughputs and ratios (goal: at least 20x) and returns them as a dict. Everything it made is deleted
at the end (the server commits what it writes, so the benchmark removes it by its reference prefix).
"""

import csv
import os
import random
import tempfile
import time
import tracemalloc

import frappe
import requests

from jlc_frappe.sync.config import SiteConfig
from jlc_frappe.sync.push import push
from jlc_frappe.sync.site import Site
from jlc_frappe.tests.fixtures import api_token, ensure_user
from jlc_frappe.tests.leak_harness import Server, valid_nhs_number

PSI = "Patient Safety Incident"
USER = "jlc.bench.sync@example.com"
COLUMNS = ["external_reference", "reported_on", "occurred_on", "category", "physical_harm", "description"]
PEOPLE = ["patient_name", "nhs_number"]


def run(n: int = 10000, sample: int = 200, large: int = 100000, push_large: bool = False) -> dict:
	"""`push_large`: also push the `large` file for real (its peak memory in a real push; minutes more)."""
	frappe.only_for("System Manager")
	prefix = f"BENCH-SYNC-{frappe.generate_hash(length=6)}-"
	token = _bench_user()
	server = Server()
	server.start()
	folder = tempfile.TemporaryDirectory()
	try:
		figures = _measure(server, token, folder.name, prefix, n, sample, large, push_large)
	finally:
		server.stop()
		folder.cleanup()
		_cleanup(prefix)
	_print(figures)
	return figures


def _measure(
	server, token: str, folder: str, prefix: str, n: int, sample: int, large: int, push_large: bool
) -> dict:
	key, secret = token.split(":")
	site = Site(SiteConfig(server.base, key, secret, site_name=frappe.local.site))
	path = _write_csv(os.path.join(folder, "incidents.csv"), prefix, n)

	first = _timed(lambda: push(site, "incidents", path, progress=False))
	assert first[0].counts["created"] == n, first[0].summary()
	rerun = _timed(lambda: push(site, "incidents", path, progress=False))
	assert rerun[0].counts["unchanged"] == n, rerun[0].summary()
	rerun_memory = _peak(lambda: push(site, "incidents", path, progress=False))

	post_seconds = _post_each(server, token, prefix, sample)
	insert_seconds = _insert_each(prefix, sample)

	dry_small = _peak(lambda: push(None, "incidents", path, dry_run=True, progress=False))
	large_path = _write_csv(os.path.join(folder, "large.csv"), prefix + "L-", large)
	dry_large = _peak(lambda: push(None, "incidents", large_path, dry_run=True, progress=False))
	upsert_rate, rerun_rate, post_rate = n / first[1], n / rerun[1], sample / post_seconds
	if push_large:
		start = time.perf_counter()
		pushed_large = _peak(lambda: push(site, "incidents", large_path, progress=False))
		large_seconds = time.perf_counter() - start
	figures = {
		"rows": n,
		"upsert_create_rows_per_s": round(upsert_rate, 1),
		"upsert_rerun_rows_per_s": round(rerun_rate, 1),
		"post_per_record_sample": sample,
		"post_per_record_rows_per_s": round(post_rate, 1),
		"ratio_create": round(upsert_rate / post_rate, 1),
		"ratio_rerun": round(rerun_rate / post_rate, 1),
		"document_insert_ms_per_row": round(insert_seconds / sample * 1000, 2),
		"ceiling_ratio_through_document_insert": round(post_seconds / insert_seconds, 1),
		"goal_ratio": 20,
		"push_peak_memory_mb": _mb(rerun_memory),
		f"dry_run_{n}_rows_peak_memory_mb": _mb(dry_small),
		f"dry_run_{large}_rows_peak_memory_mb": _mb(dry_large),
		"file_mb": {n: _mb(os.path.getsize(path)), large: _mb(os.path.getsize(large_path))},
	}
	if push_large:
		figures[f"push_{large}_rows_peak_memory_mb"] = _mb(pushed_large)
		figures[f"push_{large}_rows_per_s"] = round(large / large_seconds, 1)
	return figures


def _bench_user() -> str:
	token = api_token(ensure_user(USER, "Sync benchmark", ["Patient Safety Lead"]))
	frappe.db.commit()  # the web server reads committed data
	return token


def _row(prefix: str, i: int) -> dict:
	row = {
		"external_reference": f"{prefix}{i:07d}",
		"reported_on": "2025-03-02",
		"occurred_on": "2025-03-01",
		"category": random.choice(["Falls", "Medication", "Pressure ulcer", "Communication"]),
		"physical_harm": random.choice(["None", "Low"]),
		"description": "Synthetic incident for the sync benchmark; no real patient.",
	}
	if i % 2 == 0:
		row.update(patient_name=f"Bench Patient {prefix}{i}", nhs_number=valid_nhs_number())
	return row


def _write_csv(path: str, prefix: str, n: int) -> str:
	with open(path, "w", newline="", encoding="utf-8") as f:
		writer = csv.DictWriter(f, fieldnames=COLUMNS + PEOPLE)
		writer.writeheader()
		for i in range(n):
			writer.writerow(_row(prefix, i))
	return path


def _post_each(server: Server, token: str, prefix: str, sample: int) -> float:
	session = requests.Session()
	session.headers.update(
		{
			"Authorization": f"token {token}",
			"Accept": "application/json",
			"X-Frappe-Site-Name": frappe.local.site,
		}
	)
	rows = [_row(prefix + "P-", i) for i in range(sample)]
	start = time.perf_counter()
	for row in rows:
		session.post(f"{server.base}/api/resource/{PSI}", json=row, timeout=60).raise_for_status()
	return time.perf_counter() - start


def _insert_each(prefix: str, sample: int) -> float:
	"""Seconds for `sample` rows through Document.insert alone, in this process, as the benchmark's user, each
	given its name (no naming query), no request, no transport, rolled back: the least any path that runs the
	doctype's controllers for each created record can spend. A POST's time over this is the ratio no batching
	can pass without bypassing them."""
	rows = [_row(prefix + "I-", i) for i in range(sample)]
	frappe.set_user(USER)
	try:
		start = time.perf_counter()
		for row in rows:
			frappe.get_doc({"doctype": PSI, **row}).insert(set_name=row["external_reference"])
		return time.perf_counter() - start
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")


def _timed(fn) -> tuple:
	start = time.perf_counter()
	result = fn()
	return result, time.perf_counter() - start


def _peak(fn) -> int:
	tracemalloc.start()
	try:
		fn()
		return tracemalloc.get_traced_memory()[1]
	finally:
		tracemalloc.stop()


def _mb(size: int) -> float:
	return round(size / 1024 / 1024, 2)


def _cleanup(prefix: str) -> None:
	"""Delete the benchmark's incidents, their people and their versions (all named by the prefix)."""
	frappe.db.rollback()
	incident = frappe.qb.DocType(PSI)
	people = (
		frappe.qb.from_(incident)
		.select(incident.patient)
		.where(incident.external_reference.like(f"{prefix}%") & incident.patient.isnotnull())
		.run(pluck=True)
	)
	names = frappe.get_all(PSI, {"external_reference": ("like", f"{prefix}%")}, pluck="name")
	for start in range(0, len(names), 1000):
		frappe.db.delete("Version", {"ref_doctype": PSI, "docname": ("in", names[start : start + 1000])})
	frappe.db.delete(PSI, {"external_reference": ("like", f"{prefix}%")})
	for start in range(0, len(people), 1000):
		chunk = people[start : start + 1000]
		frappe.db.delete("Version", {"ref_doctype": "JLC Person", "docname": ("in", chunk)})
		frappe.db.delete("JLC Person", {"name": ("in", chunk)})
	frappe.db.commit()


def _print(figures: dict) -> None:
	print("jlc-sync push, Patient Safety Incident, batches of 200, web server on 127.0.0.1")
	for key, value in figures.items():
		print(f"  {key:40} {value}")
	verdict = "meets" if figures["ratio_create"] >= figures["goal_ratio"] else "misses"
	print(f"  first push {verdict} the {figures['goal_ratio']}x goal; rerun ratio {figures['ratio_rerun']}x")
