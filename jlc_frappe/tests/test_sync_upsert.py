"""Tier B: jlc_frappe.api.sync.upsert, called in the test's own transaction as the users who would call it.

Creates, updates only what changed, leaves identical records untouched (no new Version, same `modified`),
rejects a bad row with its reason and goes on, checks permission per row and per call, compares people's
details with the person they are written to, and never lets a caller without identity rights learn whether
the details they sent are the ones held.
"""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, nowdate, today

from jlc_frappe import permissions
from jlc_frappe.api.series_names import SeriesNames
from jlc_frappe.api.sync import MAX_ROWS, upsert
from jlc_frappe.compat import JLCTestCase
from jlc_frappe.rules.nhs_number import format_nhs_number
from jlc_frappe.tests.fixtures import email, ensure_user, ensure_users, make_complaint, nhs_number

PSI = "Patient Safety Incident"


def incident(ref: str, **values) -> dict:
	return {
		"external_reference": ref,
		"reported_on": add_days(today(), -2),
		"occurred_on": add_days(today(), -3),
		"description": "Fall on the ward",
		"physical_harm": "Low",
		**values,
	}


def versions(doctype: str, name: str) -> int:
	return frappe.db.count("Version", {"ref_doctype": doctype, "docname": name})


def claim(ref: str, **values) -> dict:
	return {
		"external_reference": ref,
		"scheme": "CNST",
		"claim_type": "Clinical negligence",
		"notified_on": today(),
		**values,
	}


def series(prefix: str) -> int:
	return frappe.db.get_value("Series", prefix, "current", order_by=None) or 0


class TestSyncUpsert(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_users()

	def setUp(self):
		frappe.set_user(email("safety"))
		self.ref = f"UPS-{frappe.generate_hash(length=8)}"
		frappe.clear_messages()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_create_update_unchanged(self):
		self.addCleanup(setattr, frappe.flags, "in_test", frappe.flags.in_test)
		frappe.flags.in_test = False  # Frappe writes no Version in tests: write them as the site does
		first = upsert(PSI, [incident(self.ref + "-1"), incident(self.ref + "-2")])
		self.assertEqual(first["counts"], {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0})
		name = first["results"][0]["name"]
		modified, before = frappe.db.get_value(PSI, name, "modified"), versions(PSI, name)

		again = upsert(PSI, [incident(self.ref + "-1"), incident(self.ref + "-2")])
		self.assertEqual(again["counts"]["unchanged"], 2)
		self.assertEqual(frappe.db.get_value(PSI, name, "modified"), modified)
		self.assertEqual(versions(PSI, name), before, "an identical row writes no Version")

		changed = upsert(PSI, [incident(self.ref + "-1", physical_harm="Moderate", location="Ward 3")])
		self.assertEqual(changed["results"][0]["status"], "updated")
		self.assertEqual(sorted(changed["results"][0]["changed"]), ["location", "physical_harm"])
		self.assertEqual(frappe.db.get_value(PSI, name, "physical_harm"), "Moderate")
		self.assertEqual(versions(PSI, name), before + 1)
		self.assertEqual(frappe.db.count(PSI, {"external_reference": ("like", self.ref + "%")}), 2)

	def test_bad_rows_rejected_with_reason_others_written(self):
		answer = upsert(
			PSI,
			[
				incident(self.ref + "-ok"),
				incident(self.ref + "-late", occurred_on=today(), reported_on=add_days(today(), -5)),
				incident(self.ref + "-area", service_area="No such area"),
				{"external_reference": self.ref + "-x", "not_a_field": 1},
				incident(self.ref + "-name", name="FORCED"),
				"not a record",
				{"description": "no key"},
			],
		)
		statuses = [r["status"] for r in answer["results"]]
		self.assertEqual(statuses, ["created"] + ["rejected"] * 6)
		messages = [r.get("message") for r in answer["results"][1:]]
		self.assertIn("cannot be reported before it occurred", messages[0])
		self.assertIn("No such area", messages[1])
		self.assertIn("not_a_field", messages[2])
		self.assertIn("name", messages[3])
		self.assertIn("External reference", messages[5])
		self.assertEqual(frappe.db.count(PSI, {"external_reference": ("like", self.ref + "%")}), 1)
		self.assertFalse(frappe.message_log, "rejected rows' messages are in their results, not repeated")

	def test_names_follow_the_series_without_gaps(self):
		"""One call names its records from the series as Frappe would, one after another; a rejected row's
		number is given back, and the series ends at the last name given."""
		prefix = "PSI-" + nowdate()[:4] + "-"
		before = series(prefix)
		answer = upsert(
			PSI,
			[
				incident(self.ref + "-1"),
				incident(self.ref + "-2", occurred_on=today(), reported_on=add_days(today(), -5)),
				incident(self.ref + "-3"),
				incident(self.ref + "-4", service_area="No such area"),
			],
		)
		names = [r.get("name") for r in answer["results"]]
		self.assertEqual(names, [f"{prefix}{before + 1:05d}", None, f"{prefix}{before + 2:05d}", None])
		self.assertEqual(series(prefix), before + 2)
		by_frappe = frappe.get_doc({"doctype": PSI, **incident(self.ref + "-5")}).insert()
		self.assertEqual(
			by_frappe.name, f"{prefix}{before + 3:05d}", "Frappe goes on from where the call ended"
		)

	def test_a_series_new_this_call_is_stored(self):
		"""The first record of a new year (no row in tabSeries yet) starts its series at 1."""
		prefix = f"JLC-TEST-{frappe.generate_hash(length=6)}-"
		names = SeriesNames(PSI)
		names.mark()
		self.assertEqual([names._next(prefix, 3), names._next(prefix, 3)], ["001", "002"])
		names.give_back()  # the row was rolled back
		names.mark()
		self.assertEqual(names._next(prefix, 3), "001")
		names.store()
		self.assertEqual(series(prefix), 1)

	def test_same_key_twice_in_one_call(self):
		answer = upsert(PSI, [incident(self.ref), incident(self.ref, physical_harm="Severe")])
		self.assertEqual([r["status"] for r in answer["results"]], ["created", "updated"])
		self.assertEqual(answer["results"][0]["name"], answer["results"][1]["name"])

	def test_key_matches_without_case_or_spacing(self):
		upsert(PSI, [incident(self.ref)])
		answer = upsert(PSI, [incident(f"  {self.ref.lower()} ")])
		self.assertEqual(answer["results"][0]["status"], "unchanged")
		self.assertTrue(frappe.db.exists(PSI, {"external_reference": self.ref}), "the stored key is kept")

	def test_people_compared_with_the_person(self):
		number = nhs_number()
		name = f"Ann {frappe.generate_hash(length=6)}"
		row = incident(self.ref, patient_name=name, nhs_number=number, date_of_birth="1950-02-03")
		created = upsert(PSI, [row])["results"][0]
		person = frappe.db.get_value(PSI, created["name"], "patient")
		self.assertEqual(frappe.db.get_value("JLC Person", person, "nhs_number"), format_nhs_number(number))

		same = dict(row, nhs_number=format_nhs_number(number), patient_name=f" {name} ")
		self.assertEqual(upsert(PSI, [same])["results"][0]["status"], "unchanged")

		renamed = upsert(PSI, [dict(row, patient_name=name + "e")])["results"][0]
		self.assertEqual((renamed["status"], renamed["changed"]), ("updated", ["patient_name"]))
		self.assertEqual(frappe.db.get_value("JLC Person", person, "full_name"), name + "e")
		self.assertNotIn(name, frappe.as_json(renamed), "the answer names fields, never values")

	def test_caller_without_identity_rights_learns_nothing(self):
		number, name = nhs_number(), f"Bo {frappe.generate_hash(length=6)}"
		upsert(PSI, [incident(self.ref, patient_name=name, nhs_number=number)])
		right = incident(self.ref, patient_name=name, nhs_number=number)
		wrong = incident(self.ref, patient_name="Someone Else", nhs_number=nhs_number())
		with (
			patch.object(permissions, "reads_identity", return_value=False),
			patch.object(permissions, "identity_condition", return_value=permissions.NO_ROWS),
		):
			answers = [upsert(PSI, [row])["results"][0] for row in (right, wrong)]
			new = upsert(PSI, [incident(self.ref + "-new", nhs_number=number)])["results"][0]
		self.assertEqual([a["status"] for a in answers], ["rejected", "rejected"])
		self.assertEqual(answers[0]["message"], answers[1]["message"], "a right and a wrong guess look alike")
		self.assertIn("leave out", answers[0]["message"])
		self.assertEqual(new["status"], "rejected")
		self.assertNotIn(name, frappe.as_json(answers))

	def test_call_refused_without_create_or_write(self):
		frappe.set_user(email("leader"))
		with self.assertRaises(frappe.PermissionError):
			upsert(PSI, [incident(self.ref)])
		frappe.set_user(email("claims"))  # reads incidents, may not write them
		with self.assertRaises(frappe.PermissionError):
			upsert(PSI, [incident(self.ref)])

	def test_only_synced_doctypes_and_a_bounded_batch(self):
		with self.assertRaises(frappe.ValidationError):
			upsert("Complaint", [])
		with self.assertRaises(frappe.ValidationError):
			upsert(PSI, [incident(f"{self.ref}-{i}") for i in range(MAX_ROWS + 1)])

	def test_claims_with_claimant(self):
		frappe.set_user(email("claims"))
		row = claim(self.ref, claimant_name=f"Cy {frappe.generate_hash(length=6)}")
		self.assertEqual(upsert("Claim", [row])["results"][0]["status"], "created")
		self.assertEqual(upsert("Claim", [row])["results"][0]["status"], "unchanged")

	def test_shared_learning_on_organisation_and_action(self):
		frappe.set_user(email("manager"))
		org = f"Trust {frappe.generate_hash(length=6)}"
		row = {
			"source_organisation": org,
			"source_action": "LA-1",
			"title": "Checks",
			"public_summary": "Hourly.",
		}
		created = upsert("Shared Learning", [row, dict(row, source_action="LA-2")])
		self.assertEqual(created["counts"]["created"], 2)
		self.assertEqual(
			frappe.db.get_value("Shared Learning", created["results"][0]["name"], "shared_on"),
			frappe.utils.getdate(today()),
		)
		self.assertEqual(upsert("Shared Learning", [row])["results"][0]["status"], "unchanged")
		leaky = upsert("Shared Learning", [dict(row, public_summary="Call 943 476 5919.")])["results"][0]
		self.assertEqual(leaky["status"], "rejected")
		self.assertIn("NHS number", leaky["message"])
		frappe.set_user("Administrator")
		other = ensure_user(
			f"hub.{frappe.generate_hash(length=6)}@example.com", "Other", ["Complaints Manager"]
		)
		frappe.set_user(other)  # another organisation's key on the hub
		taken = upsert("Shared Learning", [dict(row, title="Rewritten")])["results"][0]
		self.assertEqual(taken["status"], "rejected")
		self.assertIn("Only the account that shared", taken["message"])

	def test_anonymised_record_is_not_changed(self):
		if not frappe.get_meta(PSI).has_field("anonymised_on"):
			self.skipTest("records management (anonymised_on) is not on this site yet")
		name = upsert(PSI, [incident(self.ref)])["results"][0]["name"]
		frappe.db.set_value(PSI, name, "anonymised_on", today())
		answer = upsert(PSI, [incident(self.ref, patient_name="Re Identified", physical_harm="Severe")])
		self.assertEqual(answer["results"][0]["status"], "rejected")
		self.assertIn("anonymised", answer["results"][0]["message"])

	def test_claim_links_incidents_and_complaints_by_reference(self):
		"""A claim names its incidents by external reference or name and its complaints by name; a rerun adds
		nothing, a new reference adds its link, a link made by hand stays, and a reference to a record the caller
		may not read is refused like one to no record."""
		made = upsert(PSI, [incident(f"{self.ref}-{x}") for x in "abcd"])
		a, b, c, d = (r["name"] for r in made["results"])
		complaint = make_complaint().name
		frappe.set_user(email("claims"))
		row = claim(self.ref, incidents=[(self.ref + "-A").lower(), b], complaints=[complaint])
		self.assertFalse(frappe.has_permission("Complaint", "read", doc=complaint))
		refused = upsert("Claim", [row])["results"][0]
		self.assertEqual(refused["status"], "rejected")
		self.assertEqual(
			refused["message"].replace(complaint, "X"),
			upsert("Claim", [dict(row, complaints=["COMP-NONE"])])["results"][0]["message"].replace(
				"COMP-NONE", "X"
			),
			"a complaint the caller may not read is refused in the words used for no complaint",
		)
		row.pop("complaints")
		created = upsert("Claim", [row])["results"][0]
		self.assertEqual(created["status"], "created")
		name = created["name"]
		linked = lambda: sorted(r.incident for r in frappe.get_doc("Claim", name).incidents)  # noqa: E731
		self.assertEqual(linked(), sorted([a, b]))
		self.assertEqual(upsert("Claim", [row])["results"][0]["status"], "unchanged")
		by_hand = frappe.get_doc("Claim", name)
		by_hand.append("incidents", {"incident": d})
		by_hand.save()

		added = upsert("Claim", [dict(row, incidents=[b, self.ref + "-c"])])["results"][0]
		self.assertEqual((added["status"], added["changed"]), ("updated", ["incidents"]))
		self.assertEqual(linked(), sorted([a, b, c, d]), "a push adds links and removes none")

		for bad in ([{"ref": a}], ["x" * 141], [" "], f"{a};{b}"):
			refused = upsert("Claim", [dict(row, incidents=bad)])["results"][0]
			self.assertEqual(
				(refused["status"], "a list of references" in refused["message"]), ("rejected", True)
			)
		unknown = upsert("Claim", [dict(row, incidents=["NO-SUCH-INCIDENT"])])["results"][0]
		self.assertEqual(unknown["status"], "rejected")
		self.assertIn("NO-SUCH-INCIDENT", unknown["message"])
		self.assertEqual(linked(), sorted([a, b, c, d]))

		frappe.set_user("Administrator")  # reads the complaint
		other = dict(row, external_reference=self.ref + "-2", complaints=[complaint.lower()])
		created = upsert("Claim", [other])["results"][0]
		self.assertEqual(created["status"], "created")
		complaints = [r.complaint for r in frappe.get_doc("Claim", created["name"]).complaints]
		self.assertEqual(complaints, [complaint])

	def test_a_trusts_notification_fires_for_a_pushed_incident(self):
		"""Records are created through Document.insert, so what the trust configured on the site (here a
		Notification on each new incident) happens for a pushed one as for one made on the form."""
		frappe.set_user("Administrator")
		notification = frappe.get_doc(
			{
				"doctype": "Notification",
				"name": f"New incident {self.ref}",
				"subject": "New incident {{ doc.name }}",
				"document_type": PSI,
				"event": "New",
				"channel": "System Notification",
				"recipients": [{"receiver_by_role": "Patient Safety Lead"}],
			}
		).insert()
		self.addCleanup(frappe.delete_doc, "Notification", notification.name, force=True)
		frappe.set_user(email("safety"))
		name = upsert(PSI, [incident(self.ref)])["results"][0]["name"]
		told = frappe.get_all(
			"Notification Log", {"document_name": name, "for_user": email("safety")}, pluck="subject"
		)
		self.assertEqual(told, [f"New incident {name}"])
