"""The daily reminders job: what falls due today (one query per kind), less what was already sent (one query per
kind), to those who may read the record; recorded in JLC Reminder Sent, then sent (deliver.py).

Recording and sending happen in the job's one transaction: if the job fails, nothing is recorded and nothing
is queued, and the next run sends it all; if it succeeds, a rerun finds every reminder recorded and sends
nothing. The table's unique key stops two runs at once sending the same reminder twice.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

from jlc_frappe import permissions
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings
from jlc_frappe.reminders import deliver
from jlc_frappe.reminders.due import SOURCES, Audience, Source, notice_text, records_in_window
from jlc_frappe.reminders.settings import kind_settings
from jlc_frappe.rules.reminders import Reminder, not_yet_sent

SENT = "JLC Reminder Sent"


def send_due_reminders(on_date=None) -> list[Reminder]:
	"""Daily job (hooks.py scheduler_events, after the deadline statuses are refreshed); returns what it sent."""
	today = getdate(on_date or nowdate())
	cal, settings, audience, readers = jlc_settings.get_calendar(), kind_settings(), Audience(), Readers()
	planned: list[tuple[Reminder, deliver.Notice]] = []
	for kind, source in SOURCES.items():
		rows = records_in_window(source, settings[kind], today, cal)
		if rows:
			planned += _fresh_reminders(kind, source, rows, audience, readers)
	_record([reminder for reminder, _notice in planned])
	if not deliver.send([notice for _reminder, notice in planned]):
		frappe.log_error(
			title=_("JLC reminders were not emailed"),
			message=_("No outgoing email account: {0} reminders are in the app only.").format(len(planned)),
		)
	return [reminder for reminder, _notice in planned]


def _fresh_reminders(kind: str, source: Source, rows: list[dict], audience: Audience, readers: "Readers"):
	candidates, texts = [], {}
	for row in rows:
		texts[row.name] = notice_text(source, row)
		for recipient in dict.fromkeys(source.recipients(row, audience)):
			candidates.append(Reminder(source.doctype, row.name, kind, getdate(row.deadline), recipient))
	fresh = not_yet_sent(candidates, _sent_keys(source.doctype, kind, list(texts)))
	readable = readers.readable(source.doctype, fresh)
	return [
		(reminder, deliver.Notice(reminder.recipient, reminder.doctype, reminder.name, *texts[reminder.name]))
		for reminder in fresh
		if reminder.name in readable.get(reminder.recipient, ())
	]


def _sent_keys(doctype: str, kind: str, names: list[str]) -> set[tuple]:
	sent = frappe.qb.DocType(SENT)
	keys = set()
	for start in range(0, len(names), 1000):
		rows = (
			frappe.qb.from_(sent)
			.select(sent.reference_doctype, sent.reference_name, sent.kind, sent.deadline, sent.recipient)
			.where(
				(sent.reference_doctype == doctype)
				& (sent.kind == kind)
				& sent.reference_name.isin(names[start : start + 1000])
			)
		).run()
		keys |= {(dt, name, k, getdate(deadline), recipient) for dt, name, k, deadline, recipient in rows}
	return keys


def _record(reminders: list[Reminder]) -> None:
	if not reminders:
		return
	now, user = now_datetime(), frappe.session.user
	fields = ["name", "creation", "modified", "owner", "modified_by"]
	fields += ["reference_doctype", "reference_name", "kind", "deadline", "recipient", "sent_on"]
	values = [
		(frappe.generate_hash(length=12), now, now, user, user, *reminder.key, now) for reminder in reminders
	]
	# no ignore_duplicates: a clash (another run at the same time) fails this run, which then sends nothing
	frappe.db.bulk_insert(SENT, fields, values)


class Readers:
	"""Which records each enabled user may read (permissions.readable_names: the doctype's permission and the
	app's row rules): one query per recipient for all the records of a kind, never one per record."""

	def __init__(self):
		self._enabled: dict[str, bool] = {}

	def readable(self, doctype: str, reminders: list[Reminder]) -> dict[str, set[str]]:
		names_by_user: dict[str, list[str]] = {}
		for reminder in reminders:
			names_by_user.setdefault(reminder.recipient, []).append(reminder.name)
		self._learn_enabled(list(names_by_user))
		return {
			user: permissions.readable_names(doctype, names, user)
			for user, names in names_by_user.items()
			if self._enabled[user] and user not in ("Administrator", "Guest")
		}

	def _learn_enabled(self, users: list[str]) -> None:
		unknown = [user for user in users if user not in self._enabled]
		if unknown:
			enabled = set(frappe.get_all("User", {"name": ("in", unknown), "enabled": 1}, pluck="name"))
			self._enabled.update({user: user in enabled for user in unknown})
