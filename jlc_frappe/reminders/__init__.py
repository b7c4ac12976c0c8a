"""Reminders and event notices: the daily job (`send_due_reminders`, hooks.py scheduler_events), the complaint
events told as they happen (events.py), and how both reach people (deliver.py: in the app and by email).
Which reminders fall due on a day is a rule: jlc_frappe.rules.reminders."""

from jlc_frappe.reminders.daily import send_due_reminders

__all__ = ["send_due_reminders"]
