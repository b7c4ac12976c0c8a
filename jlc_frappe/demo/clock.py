"""The demo's clock: every record is made by its user on its own working day (freezegun moves the clock)."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import frappe
from frappe.utils import add_days, get_system_timezone, getdate, today

from jlc_frappe.demo.people import user_email
from jlc_frappe.jlc_setup.doctype.jlc_settings import jlc_settings


class Timeline:
	"""Events run in date order, each as its user on its own working day (freezegun moves the clock)."""

	def __init__(self):
		self.events = []

	def at(self, day, user: str, fn, *args) -> None:
		self.events.append((getdate(day), len(self.events), user, fn, args))

	def run(self) -> None:
		from freezegun import freeze_time

		zone = ZoneInfo(get_system_timezone())
		real_now = datetime.now(zone)
		per_day: dict[date, int] = {}
		last = None
		with freeze_time(real_now, tick=True) as clock:
			for day, _seq, user, fn, args in sorted(self.events, key=lambda event: event[:2]):
				per_day[day] = per_day.get(day, 0) + 1
				when = datetime.combine(day, time(8, 30), zone) + timedelta(minutes=3 * per_day[day])
				if day >= real_now.date():  # today: not after the real time
					when = max(
						datetime.combine(day, time(0), zone), min(when, real_now - timedelta(minutes=30))
					)
				clock.move_to(max(when, last + timedelta(seconds=1)) if last else when)
				frappe.set_user(user_email(user) if user != "Administrator" else user)
				try:
					fn(*args)
				except Exception:
					what = [
						getattr(arg, "summary", arg)
						for arg in args
						if not isinstance(arg, dict | random.Random)
					]
					print(f"Demo data: failed on {day} as {user}: {fn.__name__} {what}")
					raise
				last = datetime.now(zone)
		frappe.set_user("Administrator")


def working_day(on: date, back: int = 0) -> date:
	"""`on`, or the working day before it, then `back` working days earlier."""
	cal = jlc_settings.get_calendar()
	while not cal.is_working_day(on):
		on = add_days(on, -1)
	return cal.add_working_days(on, -back) if back else on


def after(start: date, working_days: int) -> date:
	"""`working_days` after `start`, but never after today."""
	return min(jlc_settings.get_calendar().add_working_days(start, working_days), getdate(today()))
