"""Users, complaints and REST calls for the Tier B tests (real Frappe, no mocks)."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

USERS = {
	"manager": ["Complaints Manager"],
	"handler": ["Complaints Handler"],
	"handler2": ["Complaints Handler"],
	"rp": ["Responsible Person"],
	"rp_handler": ["Responsible Person", "Complaints Handler"],
	"leader": ["Senior Leader"],
	"leader2": ["Senior Leader"],
	"staff": ["JLC Staff"],
	"staff2": ["JLC Staff"],
	"panel": ["Complaints Panel Member"],
	"safety": ["Patient Safety Lead"],
	"claims": ["Claims Lead"],
	"sysmgr": ["System Manager"],
}


def nhs_number() -> str:
	"""A random valid NHS number (mod 11 check digit), so tests never meet a person another test left."""
	import random

	while True:
		digits = [random.randint(0, 9) for _ in range(9)]
		check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
		if check != 10:
			return "".join(map(str, digits)) + str(check % 11)


def email(key: str) -> str:
	return f"jlc.test.{key}@example.com"


def ensure_users() -> dict[str, str]:
	"""The test users, created once per site with exactly their roles."""
	for key, roles in USERS.items():
		ensure_user(email(key), key.title(), roles)
	return {key: email(key) for key in USERS}


def ensure_user(user: str, first_name: str, roles: list[str]) -> str:
	"""The desk user `user`, made with `roles` (and no welcome email) unless the site has them already."""
	if not frappe.db.exists("User", user):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": user,
				"first_name": first_name,
				"send_welcome_email": 0,
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	return user


def complaint_values(**values) -> dict:
	return {
		"doctype": "Complaint",
		"summary": "Waited nine hours in the emergency department",
		"received_on": add_days(today(), -1),
		"received_via": "Letter",
		"description": "My father waited nine hours on a trolley and was not given water.",
		"complainant_name": "Ann Example",
		"complainant_email": "ann.example@example.com",
		"acknowledgement_method": "Written",
		"draft_response": "Dear Ms Example, thank you for telling us about your father's care.",
		**values,
	}


def make_complaint(as_user: str = "Administrator", **values):
	previous = frappe.session.user
	frappe.set_user(as_user)
	try:
		return frappe.get_doc(complaint_values(**values)).insert()
	finally:
		frappe.set_user(previous)


def add_aspect(doc, outcome: str | None = "Upheld"):
	subject = frappe.get_all("Complaint Subject Area", filters={"active": 1}, pluck="name", limit=1)[0]
	service = frappe.get_all("Complaint Service Area", filters={"active": 1}, pluck="name", limit=1)[0]
	doc.append("aspects", {"subject_area": subject, "service_area": service, "outcome": outcome})


# Actions (as Administrator) that bring a new complaint to each state; the test of a move starts from there.
PATH_TO = {
	"Received": [],
	"Acknowledged": ["Acknowledge"],
	"Resolved Early": ["Resolve Early"],
	"Under Investigation": ["Acknowledge", "Investigate"],
	"Awaiting Sign-off": ["Acknowledge", "Investigate", "Submit for Sign-off"],
	"Signed Off": ["Acknowledge", "Investigate", "Submit for Sign-off", "Sign Off"],
	"Response Sent": ["Acknowledge", "Investigate", "Submit for Sign-off", "Sign Off", "Send Response"],
	"Closed": ["Acknowledge", "Investigate", "Submit for Sign-off", "Sign Off", "Send Response", "Close"],
}


def complaint_in_state(state: str, **values):
	"""A complaint with aspects and outcomes, moved by Administrator to `state`."""
	doc = make_complaint(**values)
	add_aspect(doc)
	doc.ombudsman_rights_given = 1
	doc.save()
	for action in PATH_TO[state]:
		doc = apply_workflow(doc, action)
	return frappe.get_doc("Complaint", doc.name)


def api_token(user: str) -> str:
	"""A fresh API key and secret for `user`, as the Authorization token value."""
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"{doc.api_key}:{secret}"


def rest(method: str, path: str, token: str, data: dict | None = None, params: dict | None = None):
	"""A real request through Frappe's WSGI app on its own connection (so the data must be committed)."""
	from frappe.tests.test_api import make_request
	from frappe.utils import get_test_client

	client = get_test_client()
	kwargs = {"headers": {"Authorization": f"token {token}", "Accept": "application/json"}}
	if data is not None:
		kwargs["json"] = data
	if params is not None:
		kwargs["query_string"] = {
			k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()
		}
	return make_request(target=getattr(client, method.lower()), args=(path,), kwargs=kwargs)


def make_learning_action(owner: str, sources=(), as_user: str = "Administrator", **values):
	"""A learning action owned by `owner`, answering `sources` ([(doctype, name)])."""
	with_user = frappe.session.user
	frappe.set_user(as_user)
	try:
		return frappe.get_doc(
			{
				"doctype": "Learning Action",
				"title": "Offer water to patients waiting on trolleys",
				"description": "Hourly comfort rounds in the emergency department.",
				"action_owner": owner,
				"due_date": add_days(today(), 30),
				"sources": [{"source_doctype": d, "source_name": n} for d, n in sources],
				**values,
			}
		).insert()
	finally:
		frappe.set_user(with_user)


def act(doc, action: str, as_user: str = "Administrator"):
	"""Apply a workflow action as `as_user` to the stored document; returns the saved document."""
	with_user = frappe.session.user
	frappe.set_user(as_user)
	try:
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user(with_user)


def make_incident(reference: str | None = None, **values):
	return frappe.get_doc(
		{
			"doctype": "Patient Safety Incident",
			"external_reference": reference or f"LRMS-{frappe.generate_hash(length=8)}",
			"reported_on": add_days(today(), -2),
			"occurred_on": add_days(today(), -3),
			"description": "Fall on the ward; hip fracture confirmed on X-ray.",
			"physical_harm": "Low",
			**values,
		}
	).insert()


def delete_committed(*docs) -> None:
	"""Remove documents a REST test had to commit, and commit the removal."""
	for doc in docs:
		frappe.delete_doc(doc.doctype, doc.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def outgoing_email_account(name: str = "JLC Test Outgoing") -> None:
	"""An outgoing email account for tests that queue emails (Email Queue), made only where the site has none;
	the tests mute emails, so nothing is sent and Frappe neither connects nor commits to record a send."""
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "jlc-test-outgoing@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.example.invalid",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
	frappe.local.outgoing_email_account = {}  # Frappe caches the account it found for the process
