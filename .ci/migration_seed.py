"""Seed a site running the previous JLC schema (before the identity store), for the migration check.

Run by .ci/run with the bench's python from the sites folder: python migration_seed.py SITE"""

import sys

import frappe

frappe.init(sys.argv[1], sites_path=".")
frappe.connect()
frappe.set_user("Administrator")
frappe.flags.in_test = True
today = frappe.utils.today()
users = {}
for key, role in (("staff", "JLC Staff"), ("leader", "Senior Leader")):
	email = f"migration.{key}@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": key, "send_welcome_email": 0, "roles": [{"role": role}]}
		).insert(ignore_permissions=True)
	users[key] = email
complaint = frappe.get_doc(
	{
		"doctype": "Complaint",
		"summary": "Migration complaint",
		"received_on": frappe.utils.add_days(today, -1),
		"received_via": "Letter",
		"description": "Before the identity store",
		"complainant_name": "Mig Complainant",
		"complainant_email": "mig.complainant@example.com",
		"patient_name": "Mig Patient",
		"nhs_number": "9434765919",
		"date_of_birth": "1950-02-01",
	}
).insert()
complaint.nhs_number = "4010232137"
complaint.save(ignore_version=False)
incident = frappe.get_doc(
	{
		"doctype": "Patient Safety Incident",
		"external_reference": "MIG-INC-1",
		"reported_on": today,
		"occurred_on": today,
		"description": "Fall",
		"physical_harm": "Low",
		"patient_name": "Mig Patient",
		"nhs_number": "4010232137",
	}
).insert()
frappe.get_doc(
	{
		"doctype": "Claim",
		"external_reference": "MIG-CLM-1",
		"scheme": "CNST",
		"claim_type": "Clinical negligence",
		"notified_on": today,
		"claimant_name": "Mig Claimant",
		"damages_paid": 1234,
	}
).insert()
support = frappe.get_doc(
	{
		"doctype": "Staff Support Record",
		"staff_member": users["staff"],
		"complaint": complaint.name,
		"staff_feedback": "Mig feedback",
	}
).insert()
frappe.get_doc(
	{
		"doctype": "Complaints Panel Meeting",
		"meeting_date": today,
		"chair": users["leader"],
		"period_from": today,
		"period_to": today,
		"confidential_items": "Mig confidential",
		"cases": [{"complaint": complaint.name, "why_selected": "Theme"}],
	}
).insert()
from frappe.desk.doctype.tag.tag import add_tag

add_tag("migration", "Complaint", complaint.name)
frappe.db.commit()
print("seeded", complaint.name, incident.name, support.name)
