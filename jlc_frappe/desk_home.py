"""Where each JLC role starts its day: the workspace its users land on (User.default_workspace).

Frappe shows a workspace only to users who read something in its module, so each audience has one in a module
it reads: the complaints team (JLC), those with a queue of their own (My Work), patient safety and claims
(Patient Safety), the board and the complaints panel (Board), and front-line staff (Front Line)."""

import frappe

from jlc_frappe.permissions import (
	CLAIMS_LEAD,
	COMPLAINTS_HANDLER,
	COMPLAINTS_MANAGER,
	JLC_STAFF,
	PANEL_MEMBER,
	PATIENT_SAFETY_LEAD,
	RESPONSIBLE_PERSON,
	SENIOR_LEADER,
)

# Workspace: the roles whose home it is, first match wins.
HOMES = (
	("JLC", {COMPLAINTS_MANAGER}),
	("My Work", {COMPLAINTS_HANDLER, RESPONSIBLE_PERSON}),
	("Patient Safety", {PATIENT_SAFETY_LEAD, CLAIMS_LEAD}),
	("Board", {SENIOR_LEADER, PANEL_MEMBER}),
	("Front Line", {JLC_STAFF}),
)


def home_for(roles: set[str]) -> str | None:
	return next((workspace for workspace, wanted in HOMES if roles & wanted), None)


def set_home(user, method=None) -> None:
	"""doc_events User validate: a user with a JLC role lands on its workspace, unless they chose another one."""
	ours = {workspace for workspace, _roles in HOMES}
	if user.default_workspace and user.default_workspace not in ours:
		return
	home = home_for({row.role for row in user.roles})
	if home and frappe.db.exists("Workspace", home):
		user.default_workspace = home
	elif user.default_workspace in ours:
		user.default_workspace = None


def set_homes() -> None:
	"""Existing users of JLC roles without a home of their own, or with one of ours (install and patches)."""
	users = frappe.get_all(
		"Has Role",
		{"parenttype": "User", "role": ("in", list(set().union(*(r for _w, r in HOMES))))},
		pluck="parent",
		distinct=True,
	)
	ours = {workspace for workspace, _roles in HOMES}
	for name in users:
		if frappe.db.get_value("User", name, "default_workspace") not in (None, "", *ours):
			continue
		roles = set(frappe.get_roles(name))
		if home := home_for(roles):
			frappe.db.set_value("User", name, "default_workspace", home, update_modified=False)
