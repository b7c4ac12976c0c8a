"""What the public pages (make a complaint, complaint status) share: rate limits, and acting as the system.

Guests never get a permission on Complaint or JLC Person. What a public page writes, it writes as Administrator
for the length of that one write (`as_system`), after checking everything the guest sent: so the records, their
people and their files are owned by a desk user, never by "Guest" (every anonymous visitor is Guest, so a file
owned by Guest would be every visitor's file).
"""

from contextlib import contextmanager

import frappe
from frappe import _

HOUR = 60 * 60


class Limit:
	"""At most `count` uses of `kind` by one `who` (an IP address, an email address, a reference) per hour."""

	def __init__(self, kind: str, count: int, seconds: int = HOUR):
		self.kind, self.count, self.seconds = kind, count, seconds

	def key(self, who: str) -> str:
		return frappe.cache.make_key(f"jlc:public-limit:{self.kind}:{(who or '-').strip().lower()}")

	def spend(self, who: str) -> bool:
		"""Count one use; False when this use is over the limit (as frappe.rate_limiter counts)."""
		key = self.key(who)
		frappe.cache.set(key, 0, ex=self.seconds, nx=True)  # the window starts with the first use
		return frappe.cache.incr(key) <= self.count

	def reset(self, who: str) -> None:
		frappe.cache.delete(self.key(who))


def refuse_over_limit() -> None:
	frappe.throw(
		_(
			"You have tried this several times in the last hour. Wait an hour and try again, or contact "
			"the complaints team another way."
		),
		frappe.RateLimitExceededError,
		title=_("Too many tries"),
	)


def request_ip() -> str:
	return getattr(frappe.local, "request_ip", None) or "127.0.0.1"


@contextmanager
def as_system():
	"""Run the block as Administrator, then give the request back to whoever it was (Guest), as it was."""
	local = frappe.local
	user, sid, data, form_dict = frappe.session.user, local.session.sid, local.session.data, local.form_dict
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)
		local.session.sid, local.session.data, local.form_dict = sid, data, form_dict


def forget_messages() -> None:
	"""Nothing the desk would have told its user (alerts from controllers) goes back to a guest."""
	frappe.local.message_log = []
