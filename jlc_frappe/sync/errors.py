"""Typed errors for what a JLC site answers, from the HTTP status and Frappe's `exc_type`.

Frappe answers an error with a JSON body: `exc_type` (the exception's class name) and `_server_messages`, a JSON
string holding a list of JSON strings, each a message dict (decoded twice here). A rate limiter or a proxy may
answer plain text or HTML instead; the status decides then. No error ever carries the request's headers, so the
API secret cannot reach a message.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


class SyncError(Exception):
	"""Something the sync could not do. `status` and `exc_type` are the server's, when it answered;
	`retryable` errors are sent again (for calls safe to repeat), after `retry_after` seconds if the site said."""

	retryable = False
	retry_after: float | None = None

	def __init__(self, message: str, status: int | None = None, exc_type: str | None = None):
		super().__init__(message)
		self.message, self.status, self.exc_type = message, status, exc_type

	def __str__(self) -> str:
		return self.message


class UsageError(SyncError):
	"""The command was given something it cannot use (a missing URL or key, a bad mapping file): exit code 2."""


class ConnectionFailed(SyncError):
	"""The site could not be reached, or did not answer in time."""

	retryable = True


class AuthenticationFailed(SyncError):
	"""401: the API key or secret is wrong, or the user is disabled."""


class PermissionDenied(SyncError):
	"""403: the key's user may not do this."""


class NotFound(SyncError):
	"""404: no such record, doctype or method on the site."""


class Conflict(SyncError):
	"""409: the record exists already (DuplicateEntryError) or changed meanwhile."""


class ValidationFailed(SyncError):
	"""417: the site refused the values (ValidationError and its kinds)."""


class RateLimited(SyncError):
	"""429: too many requests; `retry_after` is the wait the site asked for, in seconds."""

	retryable = True


class ServerError(SyncError):
	"""5xx: the site failed; 502, 503 and 504 (a proxy, a restart, a timeout) are worth retrying."""


RETRY_STATUSES = frozenset({429, 502, 503, 504})
_BY_STATUS = {
	401: AuthenticationFailed,
	403: PermissionDenied,
	404: NotFound,
	409: Conflict,
	417: ValidationFailed,
	429: RateLimited,
}
# Frappe's exception classes (exc_type) that say more than their status.
_BY_EXC_TYPE = {
	"AuthenticationError": AuthenticationFailed,
	"SessionExpired": AuthenticationFailed,
	"PermissionError": PermissionDenied,
	"DoesNotExistError": NotFound,
	"PageDoesNotExistError": NotFound,
	"DuplicateEntryError": Conflict,
	"TimestampMismatchError": Conflict,
	"ValidationError": ValidationFailed,
	"MandatoryError": ValidationFailed,
	"LinkValidationError": ValidationFailed,
	"InvalidStatusError": ValidationFailed,
	"DataError": ValidationFailed,
	"UniqueValidationError": ValidationFailed,
	"CharacterLengthExceededError": ValidationFailed,
	"TooManyRequestsError": RateLimited,
}
_TAGS = re.compile(r"<[^>]+>")
_DEFAULT_MESSAGES = {
	401: "The site did not accept the API key and secret.",
	403: "The API key's user is not permitted to do this.",
	404: "Not found on the site.",
	409: "The record exists already or changed meanwhile.",
	417: "The site refused the values sent.",
	429: "The site is rate limiting requests.",
}


def server_messages(body: dict) -> list[str]:
	"""The messages in a Frappe answer's `_server_messages` (a JSON list of JSON strings), as plain text."""
	raw = body.get("_server_messages")
	if not raw:
		return []
	try:
		items = json.loads(raw) if isinstance(raw, str) else raw
	except ValueError:
		return [_plain(raw)]
	messages = []
	for item in items if isinstance(items, list) else [items]:
		try:
			decoded = json.loads(item) if isinstance(item, str) else item
		except ValueError:
			decoded = item
		text = decoded.get("message") if isinstance(decoded, dict) else decoded
		if text:
			messages.append(_plain(str(text)))
	return messages


def _plain(text: str) -> str:
	return " ".join(_TAGS.sub(" ", text).split())


def retry_after_seconds(value: str | None) -> float | None:
	"""A Retry-After header: seconds, or an HTTP date (then the wait until it)."""
	if not value:
		return None
	value = value.strip()
	try:
		return max(0.0, float(value))
	except ValueError:
		pass
	try:
		when = parsedate_to_datetime(value)
	except (TypeError, ValueError):
		return None
	if when.tzinfo is None:
		when = when.replace(tzinfo=timezone.utc)
	return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def from_response(response) -> SyncError:
	"""The typed error for a `requests` response that is not a success."""
	status = response.status_code
	try:
		body = response.json()
	except ValueError:
		body = None
	body = body if isinstance(body, dict) else {}
	exc_type = body.get("exc_type")
	messages = server_messages(body)
	if not messages and isinstance(body.get("message"), str) and status >= 400:
		messages = [_plain(body["message"])]
	if not messages and not body and response.text and len(response.text) < 300:
		messages = [_plain(response.text)]  # a proxy's or rate limiter's plain answer
	cls = _BY_EXC_TYPE.get(exc_type) or _BY_STATUS.get(status)
	if cls is None:
		cls = ServerError if status >= 500 else SyncError
	message = " ".join(messages) or _DEFAULT_MESSAGES.get(status) or f"The site answered HTTP {status}."
	if exc_type and exc_type not in message:
		message = f"{message} ({exc_type})"
	error = cls(message, status=status, exc_type=exc_type)
	error.retry_after = retry_after_seconds(response.headers.get("Retry-After"))
	error.retryable = status in RETRY_STATUSES
	return error
