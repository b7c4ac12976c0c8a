"""The kinds of reminder as this site set them (JLC Settings > Reminders), and their rows seeded with defaults."""

import frappe

from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.rules import reminders


def _default_days(kind: reminders.Kind) -> int:
	"""A kind's default lead time; the response reminder starts where lists start calling it "Due soon"."""
	if kind.name == reminders.RESPONSE_DUE_SOON:
		window = jlc_settings.get_settings().due_soon_working_days
		return kind.days_before if window is None else window
	return kind.days_before


def kind_settings() -> dict[str, reminders.KindSetting]:
	rows = [(row.kind, row.enabled, row.days_before) for row in jlc_settings.get_settings().reminder_kinds]
	have = {row[0] for row in rows}
	rows += [(kind.name, True, _default_days(kind)) for kind in reminders.KINDS if kind.name not in have]
	return reminders.kind_settings(rows)


def seed_reminder_kinds() -> None:
	"""after_install and patch v0_3: a row, with its defaults, for every kind JLC Settings does not list yet
	(idempotent: a row the site changed is left as it is)."""
	settings = frappe.get_single("JLC Settings")
	have = {row.kind for row in settings.reminder_kinds}
	missing = [kind for kind in reminders.KINDS if kind.name not in have]
	if not missing:
		return
	for kind in missing:
		settings.append(
			"reminder_kinds",
			{
				"kind": kind.name,
				"enabled": 1,
				"days_before": _default_days(kind),
				"recipients": kind.recipients,
			},
		)
	settings.flags.ignore_permissions = True
	settings.save()
