"""Tier A: `jlc-sync push` against a mocked site (`responses`) that upserts like jlc_frappe.api.sync: mapping and
validation, the reject file, checkpoints and resuming, reruns that create nothing twice, exit codes, dry runs,
and the secret never in what the command prints."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

import pytest
import requests
import responses

from jlc_frappe.sync import cli
from jlc_frappe.sync.errors import UsageError
from jlc_frappe.sync.mapping import RowMapper, load_mapping
from jlc_frappe.sync.schema import schema
from jlc_frappe.sync.site import UPSERT

URL = "https://jlc.example.test"
SECRET = "s3cr3t-never-shown"
ENV = {"JLC_URL": URL, "JLC_API_KEY": "key123", "JLC_API_SECRET": SECRET}
HEADER = "external_reference,reported_on,occurred_on,category,physical_harm,description,nhs_number"
VALID_NHS = "943 476 5919"


class FakeSite:
	"""The upsert's contract: match on external_reference, create / update changed fields / leave unchanged,
	reject a row the site refuses (here: category 'refuse'), one result per row."""

	def __init__(self, fail_on_call: int | None = None):
		self.records: dict[str, dict] = {}
		self.calls = 0
		self.fail_on_call = fail_on_call
		responses.add(responses.GET, f"{URL}/api/method/frappe.auth.get_logged_user", json={"message": "u"})
		responses.add_callback(responses.POST, f"{URL}/api/method/{UPSERT}", callback=self.upsert)

	def upsert(self, request):
		self.calls += 1
		if self.calls == self.fail_on_call:
			return 503, {}, "down for maintenance"
		body = json.loads(request.body)
		results = []
		for i, row in enumerate(body["rows"]):
			ref = row["external_reference"]
			if row.get("category") == "refuse":
				results.append({"row": i, "status": "rejected", "message": "Could not find Service area: X"})
			elif ref not in self.records:
				self.records[ref] = dict(row)
				results.append({"row": i, "status": "created", "name": ref})
			elif any(self.records[ref].get(k) != v for k, v in row.items()):
				self.records[ref].update(row)
				results.append({"row": i, "status": "updated", "name": ref})
			else:
				results.append({"row": i, "status": "unchanged", "name": ref})
		return 200, {}, json.dumps({"message": {"counts": {}, "results": results}})


def write(path, *lines: str, header: str = HEADER):
	path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
	return str(path)


def row(ref: str, harm: str = "Low", category: str = "Falls", nhs: str = "") -> str:
	return f"{ref},2025-01-10,2025-01-09,{category},{harm},Fell on the ward,{nhs}"


def run(*argv: str, env: dict | None = None) -> int:
	return cli.main(["push", "incidents", *argv, "--no-progress"], environ={**ENV, **(env or {})})


def rejects(path: str) -> list[dict]:
	with open(f"{path}.rejects.csv", newline="", encoding="utf-8") as f:
		return list(csv.DictReader(f))


# --- mapping and validation ---------------------------------------------------------------------------------


def mapper(header: list[str] | None, mapping_text: str | None = None, tmp_path=None) -> RowMapper:
	path = None
	if mapping_text is not None:
		path = tmp_path / "map.toml"
		path.write_text(mapping_text, encoding="utf-8")
	fields = schema("incidents")
	return RowMapper(load_mapping(str(path) if path else None, fields), fields, header)


def test_default_mapping_is_the_fieldnames():
	m = mapper(HEADER.split(","))
	values, errors = m.map(dict(zip(HEADER.split(","), row("R1", nhs="9434765919").split(","), strict=True)))
	assert errors == []
	assert values == {
		"external_reference": "R1",
		"reported_on": "2025-01-10",
		"occurred_on": "2025-01-09",
		"category": "Falls",
		"physical_harm": "Low",
		"description": "Fell on the ward",
		"nhs_number": VALID_NHS,
	}


def test_validation_reasons():
	m = mapper(None)
	future = (date.today() + timedelta(days=2)).isoformat()
	values, errors = m.map(
		{
			"external_reference": "R1",
			"reported_on": "31/02/2025",
			"occurred_on": future,
			"physical_harm": "Catastrophic",
			"nhs_number": "943 476 5918",
			"patient_deceased": "maybe",
		}
	)
	text = "; ".join(errors)
	assert "reported_on: '31/02/2025' is not a date" in text
	assert "is in the future" in text
	assert "physical_harm: 'Catastrophic' is not one of None, Low, Moderate, Severe, Fatal" in text
	assert "nhs_number: not a valid NHS number" in text
	assert "patient_deceased: 'maybe' is not yes or no" in text
	assert "missing description" in text


def test_unknown_columns_stop_before_anything_is_sent():
	with pytest.raises(UsageError, match="'Handler'"):
		mapper([*HEADER.split(","), "Handler"])


def test_mapping_file_columns_values_dates_defaults_ignore(tmp_path):
	text = """
doctype = "Patient Safety Incident"
date_formats = ["%d/%m/%Y"]
ignore = ["Handler"]
[columns]
external_reference = "Incident ID"
reported_on = "Reported"
occurred_on = "Occurred"
physical_harm = "Harm"
description = "What happened"
[values.physical_harm]
"No harm" = "None"
"Minor" = "Low"
"Death" = "Fatal"
[dates]
occurred_on = ["%d-%b-%Y"]
[defaults]
status = "Under Review"
"""
	header = ["Incident ID", "Reported", "Occurred", "Harm", "What happened", "Handler"]
	m = mapper(header, text, tmp_path)
	values, errors = m.map(
		{
			"Incident ID": "DX-1",
			"Reported": "10/01/2025",
			"Occurred": "09-Jan-2025",
			"Harm": "minor",
			"What happened": "Fall",
			"Handler": "someone",
		}
	)
	assert errors == []
	assert values == {
		"external_reference": "DX-1",
		"reported_on": "2025-01-10",
		"occurred_on": "2025-01-09",
		"physical_harm": "Low",
		"description": "Fall",
		"status": "Under Review",
	}


@pytest.mark.parametrize(
	"text, message",
	[
		('doctype = "Claim"', "is for Claim"),
		('[columns]\nno_such_field = "X"', "does not take: no_such_field"),
		("surprise = 1", "unknown keys: surprise"),
		("[columns\n", "not valid TOML"),
		('date_formats = "%d"', "must be a list"),
		('[values]\nphysical_harm = "x"', "[values.FIELD]"),
	],
)
def test_bad_mapping_files(tmp_path, text, message):
	with pytest.raises(UsageError, match=message.replace("[", r"\[").replace(".", r"\.")):
		mapper(None, text, tmp_path)


def test_mapped_column_missing_from_file(tmp_path):
	with pytest.raises(UsageError, match="no column 'Incident ID'"):
		mapper(HEADER.split(","), '[columns]\nexternal_reference = "Incident ID"', tmp_path)


# --- the command --------------------------------------------------------------------------------------------


@responses.activate
def test_push_reject_file_and_exit_code_3(tmp_path, capsys):
	fake = FakeSite()
	path = write(
		tmp_path / "inc.csv",
		row("R1", nhs=VALID_NHS),
		row("R2", harm="Catastrophic"),
		row("R3", category="refuse"),
		"R4,2025-01-10",
		row("R5"),
	)
	assert run(path) == 3
	assert set(fake.records) == {"R1", "R5"}
	assert fake.records["R1"]["nhs_number"] == VALID_NHS
	rows = rejects(path)
	assert [r["row"] for r in rows] == ["2", "4", "3"]
	assert "physical_harm" in rows[0]["reason"] and rows[0]["external_reference"] == "R2"
	assert "has 2 cells, the header 7" in rows[1]["reason"]
	assert rows[2]["reason"] == "refused by the site: Could not find Service area: X"
	out = capsys.readouterr().out
	assert "5 read, 2 created, 3 rejected" in out
	assert "inc.csv.rejects.csv" in out


@responses.activate
def test_rerun_creates_nothing_twice_and_updates_only_changes(tmp_path, capsys):
	fake = FakeSite()
	path = write(tmp_path / "inc.csv", row("R1"), row("R2"))
	assert run(path) == 0
	assert run(path) == 0
	assert "2 read, 2 unchanged" in capsys.readouterr().out.splitlines()[-1]
	write(tmp_path / "inc.csv", row("R1", harm="Severe"), row("R2"))
	assert run(path) == 0
	assert "2 read, 1 updated, 1 unchanged" in capsys.readouterr().out
	assert len(fake.records) == 2 and fake.records["R1"]["physical_harm"] == "Severe"
	assert not (tmp_path / "inc.csv.rejects.csv").exists()
	assert not (tmp_path / "inc.csv.checkpoint.json").exists(), "a finished push leaves no checkpoint"


@responses.activate
def test_interrupted_push_resumes_from_its_checkpoint(tmp_path, capsys):
	fake = FakeSite(fail_on_call=3)  # the third batch meets a 503 on every retry
	lines = [row(f"R{i}") for i in range(1, 8)]
	lines[1] = row("R2", harm="Bad")
	path = write(tmp_path / "inc.csv", *lines)
	assert run(path, "--batch-size", "2", "--retries", "0") == 1
	out = capsys.readouterr().out
	assert "resume after row 5" in out
	checkpoint = json.loads((tmp_path / "inc.csv.checkpoint.json").read_text())
	assert checkpoint["done"] == 5
	assert checkpoint["counts"]["created"] == 4 and checkpoint["counts"]["rejected"] == 1
	sent_before = fake.calls

	assert run(path, "--batch-size", "2") == 3
	out = capsys.readouterr().out
	assert "Resumed after row 5" in out
	assert "7 read, 6 created, 1 rejected" in out
	assert fake.calls - sent_before == 1, "only the rows after the checkpoint are sent again"
	assert [r["row"] for r in rejects(path)] == ["2"], "the reject file holds each refused row once"
	assert not (tmp_path / "inc.csv.checkpoint.json").exists()


@responses.activate
def test_checkpoint_of_another_file_is_refused(tmp_path, capsys):
	FakeSite()
	path = write(tmp_path / "inc.csv", row("R1"))
	(tmp_path / "inc.csv.checkpoint.json").write_text(json.dumps({"fingerprint": "other", "done": 1}))
	assert run(path) == 2
	assert "--restart" in capsys.readouterr().err
	assert run(path, "--restart") == 0


@responses.activate
def test_dry_run_sends_nothing(tmp_path, capsys):
	fake = FakeSite()
	path = write(tmp_path / "inc.csv", row("R1"), row("R2", harm="Bad"))
	assert cli.main(["push", "incidents", path, "--dry-run", "--no-progress"], environ={}) == 3
	assert fake.calls == 0 and len(responses.calls) == 0
	assert "1 rejected, 1 valid" in capsys.readouterr().out
	assert not (tmp_path / "inc.csv.checkpoint.json").exists()


@responses.activate
def test_json_lines(tmp_path):
	fake = FakeSite()
	path = tmp_path / "inc.jsonl"
	good = dict(zip(HEADER.split(","), row("J1").split(","), strict=True))
	path.write_text(
		"\n".join(
			[json.dumps(good), "not json", json.dumps({**good, "external_reference": "J2", "extra": 1})]
		)
		+ "\n"
	)
	assert run(str(path)) == 3
	assert set(fake.records) == {"J1"}
	reasons = [r["reason"] for r in rejects(str(path))]
	assert reasons[0].startswith("not JSON") and reasons[1] == "no field for 'extra'"


@responses.activate
def test_claims_use_their_own_fields(tmp_path):
	fake = FakeSite()
	path = write(
		tmp_path / "claims.csv",
		"NHSR-1,CNST,Clinical negligence,2025-02-01,Mary Claimant",
		"NHSR-2,Made up,Clinical negligence,2025-02-01,",
		header="external_reference,scheme,claim_type,notified_on,claimant_name",
	)
	assert cli.main(["push", "claims", path, "--no-progress"], environ=ENV) == 3
	assert fake.records["NHSR-1"]["claimant_name"] == "Mary Claimant"
	assert "scheme: 'Made up' is not one of" in rejects(path)[0]["reason"]


@responses.activate
def test_claims_name_their_incidents_by_reference(tmp_path):
	"""An NHS Resolution export's incident references, several in a cell separated by ';', are sent as a list
	(each once); a mapping may name the column but gives no default or value map for it."""
	fake = FakeSite()
	path = write(
		tmp_path / "claims.csv",
		"NHSR-1,CNST,Clinical negligence,2025-02-01,W123; W124;W123",
		"NHSR-2,CNST,Clinical negligence,2025-02-01,",
		header="external_reference,scheme,claim_type,notified_on,Incident reference",
	)
	mapping = tmp_path / "claims.toml"
	mapping.write_text('[columns]\nincidents = "Incident reference"\n', encoding="utf-8")
	argv = ["push", "claims", path, "--mapping", str(mapping), "--no-progress"]
	assert cli.main(argv, environ=ENV) == 0
	assert fake.records["NHSR-1"]["incidents"] == ["W123", "W124"]
	assert "incidents" not in fake.records["NHSR-2"], "an empty cell adds no link"
	claims = schema("claims")
	values, errors = RowMapper(load_mapping(None, claims), claims, None).map(
		{
			"external_reference": "J1",
			"scheme": "CNST",
			"claim_type": "Other",
			"notified_on": "2025-02-01",
			"incidents": ["W1", {"a": 1}],
		}
	)
	assert errors == ["incidents: a list of references"]
	mapping.write_text('[defaults]\nincidents = "W1"\n', encoding="utf-8")
	with pytest.raises(UsageError, match="incidents"):
		load_mapping(str(mapping), claims)


@pytest.mark.parametrize(
	"argv, env, message",
	[
		(["push", "incidents", "missing.csv"], ENV, "Cannot read missing.csv"),
		(["push", "incidents", "FILE"], {}, "JLC_URL"),
		(["push", "incidents", "FILE"], {**ENV, "JLC_URL": "jlc.example.test"}, "must start with http"),
		(["push", "incidents", "FILE", "--mapping", "nope.toml"], ENV, "Cannot read the mapping file"),
	],
)
@responses.activate
def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, argv, env, message):
	FakeSite()
	monkeypatch.chdir(tmp_path)
	write(tmp_path / "FILE", row("R1"))
	assert cli.main([*argv, "--no-progress"], environ=env) == 2
	assert message in capsys.readouterr().err


def test_argparse_usage_error_exits_2(capsys):
	with pytest.raises(SystemExit) as caught:
		cli.main(["push", "complaints", "x.csv"], environ={})
	assert caught.value.code == 2


@responses.activate
def test_permission_refused_exit_1_with_the_site_message(tmp_path, capsys):
	responses.get(f"{URL}/api/method/frappe.auth.get_logged_user", json={"message": "u"})
	message = "You may not create or change Patient Safety Incident records, so nothing was sent."
	responses.post(
		f"{URL}/api/method/{UPSERT}",
		status=403,
		json={
			"exc_type": "PermissionError",
			"_server_messages": json.dumps([json.dumps({"message": message})]),
		},
	)
	path = write(tmp_path / "inc.csv", row("R1"))
	assert run(path) == 1
	assert message in capsys.readouterr().out


@pytest.mark.parametrize(
	"mock",
	[
		lambda: responses.get(f"{URL}/api/method/frappe.auth.get_logged_user", status=401, json={}),
		lambda: responses.get(f"{URL}/api/method/frappe.auth.get_logged_user", status=500, body="boom"),
		lambda: responses.get(
			f"{URL}/api/method/frappe.auth.get_logged_user", body=requests.ConnectionError("refused")
		),
	],
)
@responses.activate
def test_secret_never_in_output(tmp_path, capsys, mock):
	mock()
	path = write(tmp_path / "inc.csv", row("R1"))
	code = cli.main(
		["push", "incidents", path, "--no-progress", "--retries", "0", "--api-secret", SECRET], environ=ENV
	)
	assert code == 1
	captured = capsys.readouterr()
	assert SECRET not in captured.out + captured.err
	for name in ("inc.csv.rejects.csv", "inc.csv.checkpoint.json"):
		file = tmp_path / name
		assert not file.exists() or SECRET not in file.read_text()


@responses.activate
def test_config_file_with_one_table_per_site(tmp_path, capsys):
	FakeSite()
	config = tmp_path / "jlc.toml"
	config.write_text(
		f'default_site = "trust"\n[trust]\nurl = "{URL}"\napi_key = "key123"\napi_secret = "{SECRET}"\n'
		'[icb]\nurl = "https://icb.example.test"\napi_key = "k"\napi_secret = "s"\n'
	)
	config.chmod(0o600)
	path = write(tmp_path / "inc.csv", row("R1"))
	assert cli.main(["push", "incidents", path, "--config", str(config), "--no-progress"], environ={}) == 0
	assert responses.calls[0].request.headers["Authorization"] == f"token key123:{SECRET}"
	captured = capsys.readouterr()
	assert SECRET not in captured.out + captured.err


@responses.activate
def test_extra_cells_are_kept_in_the_reason(tmp_path):
	FakeSite()
	path = write(tmp_path / "inc.csv", row("R1") + ",surplus,cells")
	assert run(path) == 3
	assert rejects(path)[0]["reason"] == 'has 9 cells, the header 7 (extra cells: ["surplus", "cells"])'
