"""After `bench migrate` from the previous schema: identities and confidential facts moved, nothing left behind.

Run by .ci/run with the bench's python from the sites folder: python migration_check.py SITE"""

import sys

import frappe

frappe.init(sys.argv[1], sites_path=".")
frappe.connect()
problems = []


def expect(condition, what):
	if not condition:
		problems.append(what)


complaint = frappe.get_doc("Complaint", {"summary": "Migration complaint"})
patient = frappe.db.get_value("JLC Person", complaint.patient, ["full_name", "nhs_number", "date_of_birth"], as_dict=True)
expect(patient and patient.full_name == "Mig Patient" and patient.nhs_number == "401 023 2137", f"patient {patient}")
expect(str(patient.date_of_birth) == "1950-02-01", "date of birth moved")
complainant = frappe.db.get_value("JLC Person", complaint.complainant, ["full_name", "email"], as_dict=True)
expect(complainant and complainant.email == "mig.complainant@example.com", f"complainant {complainant}")
incident = frappe.get_doc("Patient Safety Incident", {"external_reference": "MIG-INC-1"})
expect(incident.patient == complaint.patient, "the same NHS number is the same person")
claim = frappe.get_doc("Claim", {"external_reference": "MIG-CLM-1"})
expect(frappe.db.get_value("JLC Person", claim.claimant, "full_name") == "Mig Claimant", "claimant moved")
expect(frappe.db.get_value("Claim Finance", claim.name, "damages_paid") == 1234, "claim finances moved")
support = frappe.get_doc("Staff Support Record", {"complaint": complaint.name})
feedback = frappe.db.get_value("Staff Support Feedback", support.name, ["feedback", "staff_member", "owner"], as_dict=True)
expect(feedback and feedback.feedback == "Mig feedback" and feedback.owner == support.staff_member, f"feedback {feedback}")
meeting = frappe.get_all("Complaints Panel Meeting", pluck="name")[0]
expect(
	frappe.db.get_value("Panel Meeting Confidential Items", meeting, "confidential_items") == "Mig confidential",
	"panel confidential items moved",
)
dropped = {
	"Complaint": {"patient_name", "nhs_number", "date_of_birth", "complainant_name", "complainant_email"},
	"Patient Safety Incident": {"patient_name", "nhs_number"},
	"Claim": {"claimant_name", "damages_paid"},
	"Staff Support Record": {"staff_feedback"},
	"Complaints Panel Meeting": {"confidential_items"},
	"Panel Meeting Case": {"summary"},
}
for doctype, columns in dropped.items():
	left = columns & set(frappe.db.get_table_columns(doctype))
	expect(not left, f"{doctype} still has columns {sorted(left)}")
expect(not frappe.db.table_exists("Complainant"), "the Complainant table is gone")
expect(not frappe.db.exists("DocType", "Complainant"), "the Complainant doctype is gone")
versions = frappe.get_all("Version", {"ref_doctype": "Complaint", "docname": complaint.name}, pluck="data")
expect(versions and not [v for v in versions if "401 023 2137" in v or "943 476 5919" in v], "versions scrubbed")
title = frappe.db.get_value("Tag Link", {"document_type": "Complaint", "document_name": complaint.name}, "title")
expect(not title, f"tag titles of JLC records blanked: {title!r}")
# lists coloured and sorted by deadline (patches/v0_2/deadlines_in_lists.py)
expect(complaint.next_deadline, "the next deadline is filled in")
expect(frappe.db.get_value("Workflow", {"document_type": "Complaint"}, "override_status") == 1, "list indicators")
expect(frappe.db.exists("List View Settings", "Complaint"), "list columns set")
if problems:
	print("migration problems:\n- " + "\n- ".join(problems))
	sys.exit(1)
print("migration: identities and confidential facts moved, old columns dropped, deadlines in lists")
