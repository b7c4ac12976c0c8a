"""Tier B: `jlc-sync` end to end, against a real web server on 127.0.0.1 started by the test (leak_harness.Server).

The client runs in this process, as a user of the machine would run it (`cli.main`), and talks HTTP to the server,
which serves the site in its own process: what it writes is committed, so every record made here is committed
too and removed at the end.

share-learning needs a hub. Between two sites of the bench, name the second one (with jlc_frappe installed) in
the environment variable JLC_SYNC_HUB_SITE or the site config key `jlc_sync_hub_site`; its key is made with
`bench --site HUB execute jlc_frappe.tests.test_sync_end_to_end.hub_key`, and the same server serves both sites
(X-Frappe-Site-Name). Without a second site the test site acts as its own hub, and the test says so.
"""

import contextlib
import io
import json
import os
import subprocess
import tempfile

import frappe
import requests
from frappe.utils import add_days, get_bench_path, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.rules.nhs_number import format_nhs_number
from jlc_frappe.sync import cli
from jlc_frappe.tests.fixtures import (
	add_aspect,
	api_token,
	email,
	ensure_user,
	ensure_users,
	make_complaint,
	make_learning_action,
	nhs_number,
)
from jlc_frappe.tests.leak_harness import Server

PSI = "Patient Safety Incident"
HEADER = (
	"external_reference,reported_on,occurred_on,category,physical_harm,description,patient_name,nhs_number"
)


def hub_key() -> str:
	"""On the hub site (bench execute): a Complaints Manager's API key and secret, committed."""
	token = api_token(ensure_user("jlc.sync.hub@example.com", "Hub", ["Complaints Manager"]))
	frappe.db.commit()
	return token


def hub_cleanup(organisation: str) -> int:
	"""On the hub site (bench execute): remove what the test shared under `organisation`."""
	names = frappe.get_all("Shared Learning", {"source_organisation": organisation}, pluck="name")
	for name in names:
		frappe.delete_doc(
			"Shared Learning", name, force=True, ignore_permissions=True, delete_permanently=True
		)
	frappe.db.commit()
	return len(names)


def _bench_execute(site: str, method: str, **kwargs):
	command = ["bench", "--site", site, "execute", method]
	if kwargs:
		command += ["--kwargs", json.dumps(kwargs)]
	done = subprocess.run(
		command, cwd=get_bench_path(), capture_output=True, text=True, timeout=300, check=True
	)
	return json.loads(done.stdout.strip().splitlines()[-1])


class TestSyncEndToEnd(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_users()
		cls.tokens = {
			key: api_token(email(key)) for key in ("safety", "staff", "manager", "leader", "claims")
		}
		frappe.db.commit()
		cls.run_id = frappe.generate_hash(length=8)
		cls.site = frappe.local.site
		cls.hub_site = cls._hub_site()
		cls.hub_token = (
			_bench_execute(cls.hub_site, f"{__name__}.hub_key") if cls.hub_site != cls.site else None
		)
		cls.server = Server()
		cls.server.start()
		cls.tmp = tempfile.TemporaryDirectory()
		cls.cleanup = []

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for doctype, filters in cls.cleanup:
			for name in frappe.get_all(doctype, filters, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		if cls.hub_token:
			_bench_execute(cls.hub_site, f"{__name__}.hub_cleanup", organisation=cls.organisation())
		frappe.db.commit()
		cls.tmp.cleanup()
		super().tearDownClass()

	@classmethod
	def _hub_site(cls) -> str:
		hub = os.environ.get("JLC_SYNC_HUB_SITE") or frappe.conf.get("jlc_sync_hub_site")
		sites = os.path.join(get_bench_path(), "sites")
		if hub and hub != frappe.local.site and os.path.exists(os.path.join(sites, hub, "site_config.json")):
			return hub
		print(
			f"\nshare-learning: no second site named (JLC_SYNC_HUB_SITE): {frappe.local.site} acts as its own hub"
		)
		return frappe.local.site

	@classmethod
	def organisation(cls) -> str:
		return f"E2E Trust {cls.run_id}"

	# --- running the command -------------------------------------------------------------------------------

	def env(self, key: str) -> dict:
		api_key, secret = self.tokens[key].split(":")
		return {
			"JLC_URL": self.server.base,
			"JLC_SITE_NAME": self.site,
			"JLC_API_KEY": api_key,
			"JLC_API_SECRET": secret,
		}

	def jlc_sync(self, key: str, *argv: str, env: dict | None = None) -> tuple[int, str]:
		out, err = io.StringIO(), io.StringIO()
		with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
			code = cli.main([*argv, "--no-progress"], environ={**self.env(key), **(env or {})})
		text = out.getvalue() + err.getvalue()
		self.assertNotIn(self.tokens[key].split(":")[1], text, "the secret is never printed")
		return code, text

	def write(self, name: str, *lines: str) -> str:
		path = os.path.join(self.tmp.name, name)
		with open(path, "w", encoding="utf-8") as f:
			f.write("\n".join([HEADER, *lines]) + "\n")
		return path

	def fresh(self):
		"""See what the server committed (a new snapshot; this test writes nothing it has not committed)."""
		frappe.db.rollback()

	# --- push ----------------------------------------------------------------------------------------------

	def test_push_rerun_rejects(self):
		ref = f"E2E-{self.run_id}"
		self.cleanup.append((PSI, {"external_reference": ("like", f"{ref}%")}))
		number, name = nhs_number(), f"Dee {self.run_id}"
		day, before = add_days(today(), -3), add_days(today(), -4)
		rows = [
			f"{ref}-1,{day},{before},Falls,Low,Fall on the ward,{name},{number}",
			f"{ref}-2,{day},{before},Medication,None,Wrong dose,,",
			f"{ref}-3,{day},{before},Falls,Catastrophic,Harm not on the scale,,",
			f"{ref}-4,{before},{day},Falls,Low,Reported before it occurred,,",
		]
		path = self.write("incidents.csv", *rows)
		code, text = self.jlc_sync("safety", "push", "incidents", path)
		self.assertEqual(code, 3, text)
		self.assertIn("4 read, 2 created, 2 rejected", text)
		self.fresh()
		stored = frappe.get_all(
			PSI, {"external_reference": ("like", f"{ref}%")}, ["name", "modified", "patient"], order_by="name"
		)
		self.assertEqual(len(stored), 2)
		person = next(r.patient for r in stored if r.patient)
		self.assertEqual(frappe.db.get_value("JLC Person", person, "full_name"), name)
		versions = {
			r.name: frappe.db.count("Version", {"ref_doctype": PSI, "docname": r.name}) for r in stored
		}
		with open(f"{path}.rejects.csv", encoding="utf-8") as f:
			rejects = f.read()
		self.assertIn("physical_harm: 'Catastrophic'", rejects)
		self.assertIn("refused by the site: An incident cannot be reported before it occurred.", rejects)

		code, text = self.jlc_sync("safety", "push", "incidents", path)
		self.assertEqual(code, 3, text)
		self.assertIn("2 unchanged, 2 rejected", text)
		self.fresh()
		again = frappe.get_all(
			PSI, {"external_reference": ("like", f"{ref}%")}, ["name", "modified", "patient"], order_by="name"
		)
		self.assertEqual(again, stored, "a rerun creates nothing and touches nothing")
		for doc, count in versions.items():
			self.assertEqual(frappe.db.count("Version", {"ref_doctype": PSI, "docname": doc}), count)

		rows[1] = rows[1].replace(",None,", ",Low,")
		code, text = self.jlc_sync("safety", "push", "incidents", self.write("incidents.csv", *rows[:2]))
		self.assertEqual((code, "1 updated, 1 unchanged" in text), (0, True), text)
		self.fresh()
		changed = frappe.db.get_value(
			PSI, {"external_reference": f"{ref}-2"}, ["name", "physical_harm"], as_dict=True
		)
		self.assertEqual(changed.physical_harm, "Low")
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": PSI, "docname": changed.name}),
			versions[changed.name] + 1,
		)

	def test_claims_link_their_incidents(self):
		"""NHS Resolution's claims, with the risk management system's incident references, linked to the incidents
		pushed before them."""
		ref = f"E2E-CL-{self.run_id}"
		self.cleanup += [
			(PSI, {"external_reference": ("like", f"{ref}%")}),
			("Claim", {"external_reference": ref}),
		]
		day, before = add_days(today(), -3), add_days(today(), -4)
		rows = [f"{ref}-{i},{day},{before},Falls,Low,Fall on the ward,," for i in (1, 2)]
		self.assertEqual(
			self.jlc_sync("safety", "push", "incidents", self.write("cl-incidents.csv", *rows))[0], 0
		)
		path = os.path.join(self.tmp.name, "claims.csv")
		with open(path, "w", encoding="utf-8") as f:
			f.write("external_reference,scheme,claim_type,notified_on,incidents\n")
			f.write(f"{ref},CNST,Clinical negligence,{day},{ref}-1;{ref}-2\n")
		code, text = self.jlc_sync("claims", "push", "claims", path)
		self.assertEqual(code, 0, text)
		self.fresh()
		claim = frappe.get_doc("Claim", {"external_reference": ref})
		incidents = frappe.get_all(PSI, {"external_reference": ("like", f"{ref}%")}, pluck="name")
		self.assertEqual(sorted(r.incident for r in claim.incidents), sorted(incidents))
		code, text = self.jlc_sync("claims", "push", "claims", path)
		self.assertIn("1 unchanged", text)

	def test_key_without_permission_is_refused(self):
		path = self.write("refused.csv", f"E2E-{self.run_id}-X,{today()},{today()},Falls,Low,Fall,,")
		code, text = self.jlc_sync("staff", "push", "incidents", path)
		self.assertEqual(code, 1, text)
		self.assertIn("You may not create or change Patient Safety Incident records", text)
		code, text = self.jlc_sync("staff", "push", "incidents", path, env={"JLC_API_SECRET": "wrong"})
		self.assertEqual(code, 1, text)
		self.assertIn("Check the URL, API key and secret", text)

	def test_upsert_is_post_only(self):
		answer = requests.get(
			f"{self.server.base}/api/method/jlc_frappe.api.sync.upsert",
			params={"doctype": PSI, "rows": "[]"},
			headers={"X-Frappe-Site-Name": self.site, "Authorization": f"token {self.tokens['safety']}"},
			timeout=30,
		)
		self.assertNotEqual(answer.status_code, 200)

	# --- share-learning ------------------------------------------------------------------------------------

	def test_share_learning_to_the_hub(self):
		self.cleanup.append(("Learning Action", {"title": ("like", f"%{self.run_id}%")}))
		owner = email("manager")
		shared = make_learning_action(
			owner,
			title=f"Hourly comfort rounds {self.run_id}",
			share_externally=1,
			public_summary="You told us patients waited without water; we added hourly comfort rounds.",
			impact_result="No complaints about water since.",
		)
		leaky = make_learning_action(
			owner, title=f"Leaky {self.run_id}", share_externally=1, public_summary="A clean summary."
		)
		leaky.db_set("public_summary", "We phoned 943 476 5919 back.")  # past the form's check
		make_learning_action(owner, title=f"Private {self.run_id}", public_summary="Not for sharing.")
		frappe.db.commit()

		if self.hub_token:
			hub_key, hub_secret = self.hub_token.split(":")
		else:
			self.cleanup.append(("Shared Learning", {"source_organisation": self.organisation()}))
			hub_key, hub_secret = self.tokens["manager"].split(":")
		hub_env = {"JLC_HUB_API_KEY": hub_key, "JLC_HUB_API_SECRET": hub_secret}
		argv = [
			"share-learning",
			"--to",
			self.server.base,
			"--hub-site-name",
			self.hub_site,
			"--organisation",
			self.organisation(),
			"--rejects",
			os.path.join(self.tmp.name, "share.rejects.csv"),
		]
		code, text = self.jlc_sync("manager", *argv, env=hub_env)
		self.assertEqual(
			code, 3, text
		)  # the leaky action is rejected (other actions of the site may be shared)
		self.assertRegex(text, r"\d+ created")
		self.assertNotIn(hub_secret, text)
		code, text = self.jlc_sync("manager", *argv, env=hub_env)
		self.assertNotIn("created", text, "a rerun creates nothing on the hub")
		self.assertNotIn("updated", text, "a rerun changes nothing on the hub")

		on_hub = requests.get(
			f"{self.server.base}/api/method/frappe.client.get_list",
			params={
				"doctype": "Shared Learning",
				"fields": json.dumps(
					["source_action", "title", "public_summary", "actions_taken", "shared_on"]
				),
				"filters": json.dumps([["source_organisation", "=", self.organisation()]]),
				"order_by": "name asc",
				"limit_page_length": 100,
			},
			headers={"X-Frappe-Site-Name": self.hub_site, "Authorization": f"token {hub_key}:{hub_secret}"},
			timeout=30,
		).json()["message"]
		by_action = {r["source_action"]: r for r in on_hub}
		self.assertNotIn(leaky.name, by_action)
		self.assertEqual(by_action[shared.name]["title"], shared.title)
		self.assertEqual(by_action[shared.name]["public_summary"], shared.public_summary)
		self.assertEqual(by_action[shared.name]["shared_on"], today())
		self.assertFalse([r for r in on_hub if "Private" in r["title"]], "only actions marked for sharing")
		with open(os.path.join(self.tmp.name, "share.rejects.csv"), encoding="utf-8") as f:
			self.assertIn("NHS number", f.read())

	# --- pull ----------------------------------------------------------------------------------------------

	def test_pull_as_senior_leader_without_patient_identifiers(self):
		name, number = f"Eve {self.run_id}", nhs_number()
		doc = make_complaint(patient_name=name, nhs_number=number, complainant_name=f"Fay {self.run_id}")
		add_aspect(doc)
		doc.save()
		frappe.db.commit()
		self.cleanup.append(("Complaint", {"name": doc.name}))
		out = os.path.join(self.tmp.name, "complaints.jsonl")
		code, text = self.jlc_sync(
			"leader", "pull", "complaints", "--since", add_days(today(), -1), "--out", out
		)
		self.assertEqual(code, 0, text)
		with open(out, encoding="utf-8") as f:
			content = f.read()
		records = {r["name"]: r for r in map(json.loads, content.splitlines())}
		self.assertIn(doc.name, records)
		mine = records[doc.name]
		self.assertEqual(mine["summary"], doc.summary)
		self.assertEqual(len(mine["aspects"]), 1)
		for secret in (name, number, format_nhs_number(number), f"Fay {self.run_id}", doc.patient):
			self.assertNotIn(secret, content)
		for field in (
			"patient_name",
			"nhs_number",
			"date_of_birth",
			"complainant_name",
			"patient",
			"complainant",
		):
			self.assertNotIn(field, mine)
