"""The demo trust's training: most staff have done the modules their roles need, some are due, one has lapsed.

Made through the doctype (JLC Training Record works out the expiry from the module's refresh period), dated in
the past so that the Training Compliance report and the workspace card show a realistic mix."""

import random

import frappe
from frappe.utils import add_days, getdate, today

from jlc_frappe.demo.data import USERS
from jlc_frappe.demo.people import user_email

# of those who must complete a module: done (recently), done long ago (may have lapsed), not yet done
DONE, LONG_AGO = 0.7, 0.15


def make_training_records(rng: random.Random) -> int:
	modules = frappe.get_all("JLC Training Module", filters={"active": 1}, fields=["name", "refresh_months"])
	roles_of = {
		m.name: set(frappe.get_all("JLC Training Module Role", {"parent": m.name}, pluck="role"))
		for m in modules
	}
	made = 0
	for key, (_first, _last, role, _job) in USERS.items():
		email = user_email(key)
		for module in modules:
			if role not in roles_of[module.name] or frappe.db.exists(
				"JLC Training Record", {"staff_member": email, "module": module.name}
			):
				continue
			draw = rng.random()
			if draw >= DONE + LONG_AGO:
				continue  # not done yet: due or overdue
			months = (module.refresh_months or 36) + 6 if draw >= DONE else rng.randint(1, 20)
			completed = add_days(getdate(today()), -30 * months)
			frappe.get_doc(
				{
					"doctype": "JLC Training Record",
					"staff_member": email,
					"module": module.name,
					"completed_on": completed,
					"evidence": "Completed the e-learning module and its assessment.",
				}
			).insert(ignore_permissions=True)
			made += 1
	return made
