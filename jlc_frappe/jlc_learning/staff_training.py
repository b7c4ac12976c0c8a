"""The training modules and objective templates a new site starts with (jlc_learning/data), seeded by install.py
after_install and by the patch v0_3.seed_staff_training: each only where a record of that name is not there yet,
so a site's own edits stay and running it twice changes nothing."""

import json
import os

import frappe

DATA = ("jlc_learning", "data")


def _data(name: str) -> dict:
	with open(os.path.join(frappe.get_app_path("jlc_frappe", *DATA), name)) as f:
		return json.load(f)


def seed_staff_training() -> None:
	seed_training_modules()
	seed_role_objectives()


def seed_training_modules() -> None:
	roles = set(frappe.get_all("Role", pluck="name"))
	for module in _data("training_modules.json")["modules"]:
		if frappe.db.exists("JLC Training Module", module["module_name"]):
			continue
		needed = [{"role": role} for role in module["roles"] if role in roles]
		frappe.get_doc({"doctype": "JLC Training Module", "active": 1, **module, "roles": needed}).insert(
			ignore_permissions=True
		)


def seed_role_objectives() -> None:
	for objective in _data("role_objectives.json")["objectives"]:
		keys = {"level": objective["level"], "title": objective["title"]}
		if not frappe.db.exists("JLC Role Objective", keys):
			frappe.get_doc({"doctype": "JLC Role Objective", "active": 1, **objective}).insert(
				ignore_permissions=True
			)
