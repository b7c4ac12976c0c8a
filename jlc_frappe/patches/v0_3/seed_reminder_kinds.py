"""Sites installed before reminders: JLC Settings lists every kind of reminder with its defaults."""

from jlc_frappe.reminders.settings import seed_reminder_kinds


def execute():
	seed_reminder_kinds()
