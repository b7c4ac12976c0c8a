"""Tier A: `jlc-sync share-learning` and `jlc-sync pull complaints` against mocked sites (`responses`)."""

from __future__ import annotations

import csv
import json

import responses

from jlc_frappe.sync import cli
from jlc_frappe.sync.site import GET_LIST, UPSERT

TRUST, HUB = "https://trust.example.test", "https://icb.example.test"
ENV = {
	"JLC_URL": TRUST,
	"JLC_API_KEY": "k",
	"JLC_API_SECRET": "trust-secret",
	"JLC_HUB_API_KEY": "hk",
	"JLC_HUB_API_SECRET": "hub-secret",
}
ACTIONS = [
	{
		"name": "LA-1",
		"title": "Hourly checks",
		"public_summary": "We added hourly checks.",
		"workflow_state": "Completed",
	},
	{
		"name": "LA-2",
		"title": "Call back",
		"public_summary": "Ring 943 476 5919 back.",
		"workflow_state": "Agreed",
	},
	{
		"name": "LA-3",
		"title": "Named",
		"public_summary": "We said sorry to Mrs Jones.",
		"workflow_state": "Agreed",
	},
	{"name": "LA-4", "title": "Empty", "public_summary": "", "workflow_state": "Agreed"},
]


def paged(rows):
	def answer(request):
		start, size = int(request.params["limit_start"]), int(request.params["limit_page_length"])
		return 200, {}, json.dumps({"message": rows[start : start + size]})

	return answer


def mock_sites(hub_store: dict):
	for base in (TRUST, HUB):
		responses.get(f"{base}/api/method/frappe.auth.get_logged_user", json={"message": "u"})
	responses.add_callback(responses.GET, f"{TRUST}/api/method/{GET_LIST}", callback=paged(ACTIONS))

	def site_check(request):  # the site's own check knows the names on the action's sources
		findings = ['Name "Jones"'] if request.params["dn"] == "LA-3" else []
		return 200, {}, json.dumps({"message": findings, "docs": []})

	responses.add_callback(responses.GET, f"{TRUST}/api/method/run_doc_method", callback=site_check)

	def upsert(request):
		body = json.loads(request.body)
		assert body["doctype"] == "Shared Learning"
		results = []
		for row in body["rows"]:
			key = (row["source_organisation"], row["source_action"])
			status = (
				"unchanged" if hub_store.get(key) == row else "updated" if key in hub_store else "created"
			)
			hub_store[key] = row
			results.append({"status": status, "name": key[1]})
		return 200, {}, json.dumps({"message": {"results": results}})

	responses.add_callback(responses.POST, f"{HUB}/api/method/{UPSERT}", callback=upsert)


@responses.activate
def test_share_learning_sends_only_what_passes_both_checks(tmp_path, capsys):
	store: dict = {}
	mock_sites(store)
	rejects = tmp_path / "r.csv"
	argv = ["share-learning", "--to", HUB, "--organisation", "Example Trust", "--rejects", str(rejects)]
	assert cli.main([*argv, "--no-progress"], environ=ENV) == 3
	assert list(store) == [("Example Trust", "LA-1")]
	assert store[("Example Trust", "LA-1")] == {
		"source_organisation": "Example Trust",
		"source_action": "LA-1",
		"title": "Hourly checks",
		"public_summary": "We added hourly checks.",
		"actions_taken": "Completed",
	}
	with open(rejects, newline="") as f:
		reasons = {r["action"]: r["reason"] for r in csv.DictReader(f)}
	assert 'NHS number "943 476 5919"' in reasons["LA-2"]
	assert "the site's check" in reasons["LA-3"] and "Jones" in reasons["LA-3"]
	assert reasons["LA-4"] == "no public summary to share"
	list_call = next(c for c in responses.calls if GET_LIST in c.request.url)
	assert ["share_externally", "=", 1] in json.loads(list_call.request.params["filters"])
	assert "4 read, 1 created, 3 rejected" in capsys.readouterr().out

	assert cli.main([*argv, "--no-progress"], environ=ENV) == 3
	assert "1 unchanged" in capsys.readouterr().out, "a rerun changes nothing on the hub"
	hub_calls = [c for c in responses.calls if c.request.url.startswith(HUB)]
	assert all(c.request.headers["Authorization"] == "token hk:hub-secret" for c in hub_calls)


@responses.activate
def test_share_learning_dry_run_sends_nothing_to_the_hub(tmp_path, capsys):
	store: dict = {}
	mock_sites(store)
	argv = [
		"share-learning",
		"--to",
		HUB,
		"--organisation",
		"T",
		"--rejects",
		str(tmp_path / "r.csv"),
		"--dry-run",
	]
	assert cli.main([*argv, "--no-progress"], environ=ENV) == 3
	assert store == {}
	assert not [c for c in responses.calls if c.request.url.startswith(HUB)]
	out = capsys.readouterr().out
	assert "1 valid" in out and "trust-secret" not in out and "hub-secret" not in out


COMPLAINTS = [
	{
		"name": "C-1",
		"summary": "Waited",
		"modified": "2025-01-02 10:00:00",
		"patient": "P-1",
		"_assign": "[]",
	},
	{"name": "C-2", "summary": "Lost", "modified": "2025-01-03 10:00:00", "complainant": "P-2", "_seen": "x"},
]
ASPECTS = [
	{"name": "a1", "parent": "C-1", "parenttype": "Complaint", "idx": 1, "subject_area": "Waiting"},
	{"name": "a2", "parent": "C-2", "parenttype": "Complaint", "idx": 1, "subject_area": "Property"},
]


def mock_pull():
	responses.get(f"{TRUST}/api/method/frappe.auth.get_logged_user", json={"message": "leader"})

	def answer(request):
		rows = ASPECTS if request.params["doctype"] == "Complaint Aspect" else COMPLAINTS
		if request.params["doctype"] == "Complaint Aspect":
			assert request.params["parent"] == "Complaint"
			names = json.loads(request.params["filters"])[0][2]
			rows = [r for r in rows if r["parent"] in names]
		return paged(rows)(request)

	responses.add_callback(responses.GET, f"{TRUST}/api/method/{GET_LIST}", callback=answer)


@responses.activate
def test_pull_complaints_to_csv(tmp_path, capsys):
	mock_pull()
	out = tmp_path / "complaints.csv"
	argv = ["pull", "complaints", "--since", "2025-01-01", "--out", str(out), "--page-size", "1"]
	assert cli.main([*argv, "--no-progress"], environ=ENV) == 0
	with open(out, newline="") as f:
		rows = list(csv.DictReader(f))
	assert [r["name"] for r in rows] == ["C-1", "C-2"]
	assert set(rows[0]) == {"name", "summary", "modified"}, "no person links, no Frappe internals"
	with open(tmp_path / "complaints.aspects.csv", newline="") as f:
		assert [r["parent"] for r in csv.DictReader(f)] == ["C-1", "C-2"]
	first = next(c for c in responses.calls if "doctype=Complaint&" in c.request.url)
	assert json.loads(first.request.params["filters"]) == [["modified", ">=", "2025-01-01 00:00:00"]]
	assert first.request.params["order_by"] == "modified asc, name asc"
	assert "Next time, pull changes since: 2025-01-03 10:00:00" in capsys.readouterr().out


@responses.activate
def test_pull_complaints_to_json_lines_and_json(tmp_path):
	mock_pull()
	for name in ("c.jsonl", "c.json"):
		out = tmp_path / name
		assert (
			cli.main(
				["pull", "complaints", "--since", "2025-01-01", "--out", str(out), "--no-progress"],
				environ=ENV,
			)
			== 0
		)
		text = out.read_text()
		records = json.loads(text) if name == "c.json" else [json.loads(line) for line in text.splitlines()]
		assert [r["aspects"][0]["subject_area"] for r in records] == ["Waiting", "Property"]
		assert "parenttype" not in records[0]["aspects"][0]


@responses.activate
def test_failed_pull_leaves_no_file(tmp_path, capsys):
	responses.get(f"{TRUST}/api/method/frappe.auth.get_logged_user", json={"message": "u"})
	responses.get(f"{TRUST}/api/method/{GET_LIST}", status=403, json={"exc_type": "PermissionError"})
	out = tmp_path / "c.csv"
	assert (
		cli.main(
			["pull", "complaints", "--since", "2025-01-01", "--out", str(out), "--no-progress"], environ=ENV
		)
		== 1
	)
	assert not out.exists() and not (tmp_path / "c.csv.part").exists()
	assert "PermissionError" in capsys.readouterr().out


@responses.activate
def test_pull_usage_errors_exit_2_before_any_request(tmp_path, capsys):
	assert cli.main(["pull", "complaints", "--since", "last week", "--out", "x.csv"], environ=ENV) == 2
	assert cli.main(["pull", "complaints", "--since", "2025-01-01", "--out", "x.xlsx"], environ=ENV) == 2
	assert (
		cli.main(["pull", "complaints", "--since", "2025-01-01", "--out", "/no/such/x.csv"], environ=ENV) == 2
	)
	assert len(responses.calls) == 0
	assert "is not a date" in capsys.readouterr().err
