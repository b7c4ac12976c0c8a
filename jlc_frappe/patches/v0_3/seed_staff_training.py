"""Existing sites get the training modules and objective templates new sites get on install, and with ERPNext the
Employee link on training records and objectives."""

import frappe

from jlc_frappe.install import after_app_install
from jlc_frappe.jlc_learning.staff_training import seed_staff_training


def execute():
	seed_staff_training()
	if "erpnext" in frappe.get_installed_apps():
		after_app_install("erpnext")
