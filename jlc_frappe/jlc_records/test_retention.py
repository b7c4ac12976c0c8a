# Copyright (c) 2026, JLC developers. License: MIT.
"""Retention, end to end: the dry-run report, the disposal (what it clears, removes and keeps, and that the
figures of past years do not move), legal hold, people kept while another record names them, the disposal log,
closure dates and the legal hold button."""

import os
from unittest.mock import patch

import frappe
from frappe.desk.doctype.tag.tag import add_tag
from frappe.share import add_docshare as share
from frappe.utils import getdate, today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.governance import board
from jlc_frappe.governance.annual import annual_report
from jlc_frappe.governance.ko41a import build_return
from jlc_frappe.jlc_records import retention
from jlc_frappe.jlc_records.record_keeping import set_legal_hold
from jlc_frappe.jlc_records.report.retention_due.retention_due import execute as retention_due
from jlc_frappe.rules import retention as rules
from jlc_frappe.tests.fixtures import (
	complaint_in_state,
	ensure_users,
	make_complaint,
	make_incident,
	nhs_number,
)

YEAR = "2013-14"  # no other test uses it
CLOSED = "2013-06-03 10:00:00.123456"
COMPLAINANT = {
	"complainant_name": "Hephzibah Quennell",
	"complainant_email": "hephzibah.quennell@example.com",
}
PATIENT_NAME = "Ottoline Varga"
HELD_COMPLAINANT = {"complainant_name": "Barnaby Stroud", "complainant_email": "barnaby.stroud@example.com"}
DESCRIPTION = "Ms Quennell's mother, Ottoline Varga, fell twice on ward 9 and nobody told the family."


def figures() -> dict:
	"""Every count of the year: the KO41a return, the board's counts and the annual report."""
	return {
		"ko41a": build_return(YEAR),
		"board": board.counts("2013-04-01", "2014-03-31"),
		"annual": annual_report(YEAR),
	}


def version(doctype: str, name: str, field: str, old: str) -> None:
	"""A change in the record's history (tests save no versions of their own)."""
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": doctype,
			"docname": name,
			"data": frappe.as_json({"changed": [[field, old, "(changed)"]]}),
		}
	).insert(ignore_permissions=True)


def about(doctype: str, field: str, record_doctype: str, names) -> int:
	type_field = {"File": "attached_to_doctype", "Version": "ref_doctype", "ToDo": "reference_type"}.get(
		doctype, "reference_doctype"
	)
	if doctype == "DocShare":
		type_field = "share_doctype"
	if doctype == "Tag Link":
		type_field = "document_type"
	return frappe.db.count(doctype, {type_field: record_doctype, field: ("in", list(names))})


RECORD_FIELD = {
	"File": "attached_to_name",
	"Comment": "reference_name",
	"Communication": "reference_name",
	"Version": "docname",
	"ToDo": "reference_name",
	"DocShare": "share_name",
	"Tag Link": "document_name",
}


class TestRetention(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = ensure_users()
		cls.patient_nhs = nhs_number()
		with cls.freeze_time(None, CLOSED):
			cls.due = complaint_in_state(
				"Closed",
				summary="Falls on ward 9 not told to the family",
				description=DESCRIPTION,
				complainant_is_patient=0,
				representative_basis="Asked To Act",
				consent_status="Obtained",
				patient_name=PATIENT_NAME,
				nhs_number=cls.patient_nhs,
				date_of_birth="1931-02-14",
				**COMPLAINANT,
			)
			cls.held = complaint_in_state("Closed", summary="Held for a claim", **HELD_COMPLAINANT)
			cls.open = make_complaint(summary="Never closed", complainant_name="Isadora Pennick")
			cls.referral = frappe.get_doc(
				{
					"doctype": "Ombudsman Referral",
					"complaint": cls.due.name,
					"referred_on": "2013-06-03",
					"stage": "Assessment",
					"phso_reference": "PHSO-QUENNELL-1",
					"notes": "Ms Quennell asked the Ombudsman to look at her mother's falls.",
				}
			).insert()
		with cls.freeze_time(None, "2024-05-01 10:00:00.123456"):
			cls.recent = complaint_in_state("Closed", summary="Same complainant, recent", **COMPLAINANT)
		cls.people = {
			"complainant": cls.due.complainant,
			"patient": cls.due.patient,
			"held": cls.held.complainant,
		}
		cls.files = {}
		for doc in (cls.due, cls.held):
			cls.files[doc.name] = cls._decorate(doc)
		for doctype, name in (("JLC Person", cls.due.patient), ("Ombudsman Referral", cls.referral.name)):
			version(doctype, name, "full_name" if doctype == "JLC Person" else "notes", PATIENT_NAME)
		cls.stored = frappe.get_doc("Complaint", cls.due.name)
		set_legal_hold("Complaint", cls.held.name, 1, "Clinical negligence claim pending")
		cls.report_due = retention_due({"as_of": today(), "show": "Held"})
		cls.report_2020 = retention_due({"as_of": "2020-01-01", "show": "Held"})
		cls.before = figures()
		cls.done = retention.dispose_due()
		cls.after = figures()

	@classmethod
	def _decorate(cls, doc) -> list:
		"""Everything a record gathers: an attachment, a letter with its PDF, a comment, an assignment, a share
		and a tag (its workflow moves left versions)."""
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{doc.name}-scan.txt",
				"attached_to_doctype": "Complaint",
				"attached_to_name": doc.name,
				"is_private": 1,
				"content": f"Scanned letter about {doc.name}",
			}
		).insert(ignore_permissions=True)
		letter = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": f"Your complaint {doc.name}",
				"content": "Dear Ms Quennell, we are sorry.",
				"recipients": COMPLAINANT["complainant_email"],
				"reference_doctype": "Complaint",
				"reference_name": doc.name,
			}
		).insert(ignore_permissions=True)
		pdf = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{letter.name}.pdf",
				"attached_to_doctype": "Communication",
				"attached_to_name": letter.name,
				"is_private": 1,
				"content": f"%PDF-1.4 letter about {doc.name}".encode(),
			}
		).insert(ignore_permissions=True)
		doc.add_comment("Comment", "Ms Quennell phoned again today.")
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": cls.users["manager"],
				"reference_type": "Complaint",
				"reference_name": doc.name,
				"description": "Call Ms Quennell back",
			}
		).insert(ignore_permissions=True)
		share("Complaint", doc.name, cls.users["leader"], read=1, flags={"ignore_share_permission": True})
		add_tag("retentiontest", "Complaint", doc.name)
		version("Complaint", doc.name, "description", DESCRIPTION)
		cls.letters = getattr(cls, "letters", {}) | {doc.name: letter.name}
		return [file, pdf]

	# the dry run --------------------------------------------------------------------------------------------------

	def test_report_lists_what_is_due_and_what_is_held_and_why(self):
		rows = {row["record"]: row for row in self.report_due[1]}
		self.assertEqual(rows[self.due.name]["status"], "Due")
		self.assertEqual(getdate(rows[self.due.name]["due_on"]), getdate("2023-06-03"))
		self.assertIn("10 years", rows[self.due.name]["reason"])
		self.assertEqual(rows[self.held.name]["status"], "On legal hold")
		self.assertNotIn(self.recent.name, rows)
		self.assertNotIn(self.open.name, rows)
		self.assertIn("Description", self.report_due[2])  # what each policy clears
		# on an earlier date nothing of these had passed its period
		self.assertFalse({self.due.name, self.held.name} & {row["record"] for row in self.report_2020[1]})

	def test_report_is_for_complaints_managers_and_system_managers(self):
		report = frappe.get_doc("Report", "Retention Due")
		self.assertEqual({r.role for r in report.roles}, {"Complaints Manager", "System Manager"})

	# the disposal ---------------------------------------------------------------------------------------------------

	def test_counts_of_past_years_are_unchanged(self):
		self.assertGreaterEqual(self.before["ko41a"]["summary"]["new"], 3)
		self.assertGreaterEqual(self.before["board"]["closed"]["total"], 2)
		self.assertEqual(self.before["ko41a"], self.after["ko41a"])
		self.assertEqual(self.before["board"], self.after["board"])
		self.assertEqual(self.before["annual"], self.after["annual"])

	def test_people_contacts_and_narratives_are_cleared_and_codes_kept(self):
		doc = frappe.get_doc("Complaint", self.due.name)
		self.assertEqual(self.done.get("Complaint", 0) >= 1, True)
		self.assertEqual(str(doc.anonymised_on), today())
		self.assertFalse(doc.complainant or doc.patient)
		self.assertEqual((doc.summary, doc.description), ("Anonymised", "Anonymised"))
		self.assertFalse(doc.draft_response or doc.learning_summary or doc.signed_off_response)
		for field in (
			"received_on",
			"closed_on",
			"outcome",
			"route",
			"workflow_state",
			"age_band",
			"handler",
		):
			self.assertEqual(doc.get(field), self.stored.get(field), field)
		self.assertEqual(
			[(a.subject_area, a.service_area, a.outcome) for a in doc.aspects],
			[(a.subject_area, a.service_area, a.outcome) for a in self.due.aspects],
		)
		self.assertFalse(any(a.detail or a.finding for a in doc.aspects))
		stored = frappe.db.get_value(
			"Complaint", doc.name, ["_comments", "_assign", "_user_tags"], as_dict=True
		)
		self.assertFalse(any(stored.values()))

	def test_records_that_go_with_it_are_cleared(self):
		referral = frappe.get_doc("Ombudsman Referral", self.referral.name)
		self.assertFalse(referral.notes or referral.phso_reference)
		self.assertEqual((str(referral.referred_on), referral.stage), ("2013-06-03", "Assessment"))

	def test_files_letters_comments_versions_and_the_rest_are_removed(self):
		letter = self.letters[self.due.name]
		for doctype, field in RECORD_FIELD.items():
			self.assertEqual(about(doctype, field, "Complaint", [self.due.name]), 0, doctype)
		self.assertFalse(frappe.db.exists("Communication", letter))
		self.assertFalse(frappe.db.exists("File", {"attached_to_name": letter}))
		for file in self.files[self.due.name]:
			self.assertFalse(os.path.exists(file.get_full_path()), file.file_name)
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "Ombudsman Referral", "docname": self.referral.name})
		)

	def test_people_go_unless_a_record_still_kept_names_them(self):
		self.assertFalse(frappe.db.exists("JLC Person", self.people["patient"]))
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "JLC Person", "docname": self.people["patient"]})
		)
		# the complainant complained again in 2024: that complaint is kept, and so is she
		self.assertTrue(frappe.db.exists("JLC Person", self.people["complainant"]))
		self.assertEqual(
			frappe.db.get_value("Complaint", self.recent.name, "complainant"), self.people["complainant"]
		)

	def test_a_record_on_legal_hold_is_untouched(self):
		doc = frappe.get_doc("Complaint", self.held.name)
		self.assertFalse(doc.anonymised_on)
		self.assertEqual((doc.summary, doc.complainant), (self.held.summary, self.people["held"]))
		self.assertTrue(frappe.db.exists("JLC Person", self.people["held"]))
		for doctype, field in RECORD_FIELD.items():
			self.assertGreater(about(doctype, field, "Complaint", [self.held.name]), 0, doctype)
		for file in self.files[self.held.name]:
			self.assertTrue(os.path.exists(file.get_full_path()), file.file_name)

	def test_open_and_recent_records_are_untouched(self):
		for doc in (self.open, self.recent):
			self.assertFalse(frappe.db.get_value("Complaint", doc.name, "anonymised_on"), doc.name)
			self.assertEqual(frappe.db.get_value("Complaint", doc.name, "summary"), doc.summary)

	def test_the_disposal_log_says_what_was_done_without_personal_data(self):
		log = frappe.get_doc(
			"JLC Disposal Log", {"reference_doctype": "Complaint", "reference_name": self.due.name}
		)
		policy = frappe.db.get_value(retention.POLICY, {"document_type": "Complaint", "enabled": 1})
		self.assertEqual(
			(log.action, log.policy, log.period_years, log.trigger_field),
			("Anonymised", policy, 10, "closed_on"),
		)
		self.assertEqual((str(log.trigger_date), str(log.due_on)), ("2013-06-03", "2023-06-03"))
		self.assertEqual((log.files_removed, log.communications_removed, log.people_removed), (2, 1, 1))
		self.assertGreaterEqual(log.comments_removed, 1)
		self.assertGreaterEqual(log.versions_removed, 1)
		self.assertGreaterEqual(log.other_removed, 3)  # the assignment, the share and the tag
		self.assertIn("description", log.fields_cleared)
		self.assertIn(f"Ombudsman Referral {self.referral.name}", log.related_records)
		text = " ".join(str(v) for v in log.as_dict().values())
		for secret in (PATIENT_NAME, self.patient_nhs, "Quennell", COMPLAINANT["complainant_email"]):
			self.assertNotIn(secret, text)
		self.assertFalse(frappe.db.exists("JLC Disposal Log", {"reference_name": self.held.name}))

	def test_nothing_is_anonymised_twice(self):
		retention.dispose_due()
		self.assertEqual(frappe.db.count("JLC Disposal Log", {"reference_name": self.due.name}), 1)

	def test_an_anonymised_record_cannot_be_changed(self):
		doc = frappe.get_doc("Complaint", self.due.name)
		doc.severity = "Low"
		self.assertRaises(frappe.ValidationError, doc.save)
		self.assertRaises(frappe.ValidationError, set_legal_hold, "Complaint", self.due.name, 1, "Too late")

	# policies -------------------------------------------------------------------------------------------------------

	def test_a_policy_change_or_a_disabled_policy_changes_what_is_due(self):
		with self.freeze_time("2015-03-02 10:00:00.123456"):
			doc = complaint_in_state("Closed", summary="Closed in 2015")
		policy = frappe.get_doc(retention.POLICY, {"document_type": "Complaint", "enabled": 1})
		due = lambda: doc.name in retention.past_period(policy, today()).run(pluck=True)  # noqa: E731
		self.assertTrue(due())  # 10 years after 2 March 2015
		policy.period_years = 20
		policy.save()
		self.assertFalse(due())
		policy.period_years = 10
		policy.enabled = 0
		policy.save()
		self.assertNotIn("Complaint", retention.dispose_due())
		self.assertFalse(frappe.db.get_value("Complaint", doc.name, "anonymised_on"))
		policy.enabled = 1
		policy.save()

	def test_a_policy_needs_a_date_field_and_one_enabled_per_record_type(self):
		new = {"doctype": retention.POLICY, "document_type": "Complaint", "period_years": 5}
		self.assertRaises(frappe.ValidationError, frappe.get_doc({**new, "trigger_field": "summary"}).insert)
		self.assertRaises(
			frappe.ValidationError, frappe.get_doc({**new, "trigger_field": "closed_on"}).insert
		)
		frappe.get_doc({**new, "trigger_field": "closed_on", "enabled": 0}).insert()
		learning = {**new, "document_type": "Learning Action", "trigger_field": "due_date", "enabled": 0}
		self.assertRaises(frappe.ValidationError, frappe.get_doc(learning).insert)

	# closure dates and the legal hold ----------------------------------------------------------------------------

	def test_incidents_carry_their_closure_date(self):
		incident = make_incident()
		self.assertFalse(incident.closed_on)
		incident.status = "Closed"
		incident.save()
		self.assertEqual(str(incident.closed_on), today())
		frappe.db.set_value("Patient Safety Incident", incident.name, "closed_on", "2025-01-06")
		incident.reload()
		incident.description = "Added later"
		incident.save()
		self.assertEqual(str(incident.closed_on), "2025-01-06")  # a later change does not move it
		incident.status = "Under Review"
		incident.save()
		self.assertFalse(incident.closed_on)

	def test_legal_hold_needs_a_reason_and_write_permission_and_is_recorded(self):
		with self.freeze_time(CLOSED):
			doc = complaint_in_state("Closed", summary="To be held")
		self.assertRaises(frappe.ValidationError, set_legal_hold, "Complaint", doc.name, 1, " ")
		frappe.set_user(self.users["staff"])
		try:
			self.assertRaises(frappe.PermissionError, set_legal_hold, "Complaint", doc.name, 1, "An inquiry")
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.users["manager"])
		try:
			set_legal_hold("Complaint", doc.name, 1, "The Thirlwall inquiry")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "legal_hold"), 1)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_name": doc.name, "content": ("like", "%Legal hold placed: The Thirlwall%")},
			)
		)
		self.assertTrue(frappe.db.exists("Version", {"docname": doc.name, "data": ("like", "%legal_hold%")}))
		policy = next(p for p in retention.policies() if p.document_type == "Complaint")
		self.assertNotIn(doc.name, retention.past_period(policy, today()).run(pluck=True))
		# the hold is kept when the record is saved: only the button changes it
		set_legal_hold("Complaint", doc.name, 0, "The inquiry has reported")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "legal_hold"), 0)

	# install and the weekly job ---------------------------------------------------------------------------------

	def test_policies_are_seeded_once_per_record_type(self):
		retention.seed_retention_policies()
		retention.seed_retention_policies()
		types = frappe.get_all(retention.POLICY, filters={"enabled": 1}, pluck="document_type")
		self.assertEqual(sorted(types), sorted(rules.RETAINED_DOCTYPES))

	def test_the_weekly_job_runs_the_disposal_on_the_long_queue(self):
		with patch("frappe.enqueue") as enqueue:
			retention.enqueue_weekly_disposal()
		args, kwargs = enqueue.call_args
		self.assertEqual(args[0], "jlc_frappe.jlc_records.retention.run_disposal")
		self.assertEqual((kwargs["queue"], kwargs["deduplicate"]), ("long", True))
		self.assertIn(
			"jlc_frappe.jlc_records.retention.enqueue_weekly_disposal",
			frappe.get_hooks("scheduler_events")["weekly"],
		)
