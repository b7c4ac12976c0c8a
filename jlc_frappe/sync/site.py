"""One JLC site over Frappe's REST API: one `requests.Session`, the API key, timeouts, retries and paged reads.

- Every request sends `Authorization: token KEY:SECRET` and `Accept: application/json`, with a connect and a
  read timeout: a site that stops answering fails the command instead of hanging it.
- Connections that could not be made are retried by urllib3 (nothing was sent, so any call may be). Answers
  429, 502, 503 and 504, and connections lost after sending, are retried here, with exponential backoff or the
  wait the site's `Retry-After` asks for, only for calls that are safe to repeat: reads, and the upsert, which
  is idempotent by design. (Retrying here rather than in urllib3 keeps the rule per call and testable.)
- A failure raises the typed error of `errors.from_response`, with the site's message decoded.
- `get_list` reads a list to its end, page by page, with an explicit page size and a total order.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from jlc_frappe.sync import version
from jlc_frappe.sync.config import SiteConfig
from jlc_frappe.sync.errors import ConnectionFailed, SyncError, from_response

UPSERT = "jlc_frappe.api.sync.upsert"
GET_LIST = "frappe.client.get_list"


class Site:
	def __init__(
		self,
		config: SiteConfig,
		timeout: tuple[float, float] = (10, 300),
		retries: int = 5,
		backoff: float = 1.0,
		max_wait: float = 120,
		sleep=time.sleep,
	):
		self.config, self.timeout, self.retries = config, timeout, retries
		self.backoff, self.max_wait, self.sleep = backoff, max_wait, sleep
		self.session = requests.Session()
		self.session.headers.update(
			{
				"Authorization": f"token {config.api_key}:{config.api_secret}",
				"Accept": "application/json",
				"User-Agent": f"jlc-sync/{version()}",
			}
		)
		if config.site_name:
			self.session.headers["X-Frappe-Site-Name"] = config.site_name
		connect_only = Retry(total=None, connect=3, read=0, status=0, other=0, redirect=0, backoff_factor=0.5)
		for scheme in ("http://", "https://"):
			self.session.mount(scheme, HTTPAdapter(max_retries=connect_only))

	def __repr__(self) -> str:
		return f"Site({self.config})"

	def close(self) -> None:
		self.session.close()

	# --- requests ---------------------------------------------------------------------------------------------

	def request(self, method: str, path: str, safe: bool, **kwargs):
		"""The JSON answer to one call; retried as the module says when `safe`."""
		url = f"{self.config.url}/{path.lstrip('/')}"
		for attempt in range(self.retries + 1):
			try:
				response = self.session.request(method, url, timeout=self.timeout, **kwargs)
			except requests.RequestException as e:
				error = ConnectionFailed(f"Could not reach {self.config.url}: {_reason(e)}")
			else:
				if response.ok:
					return _json(response)
				error = from_response(response)
			if not (safe and error.retryable) or attempt == self.retries:
				raise error
			self.sleep(self._wait(error, attempt))
		raise AssertionError("unreachable")

	def _wait(self, error: SyncError, attempt: int) -> float:
		if error.retry_after is not None:
			return min(error.retry_after, self.max_wait)
		return min(self.backoff * 2**attempt * (1 + random.random() / 4), self.max_wait)

	def call(self, path: str, /, http: str = "GET", safe: bool | None = None, **params):
		"""A whitelisted method's `message` (`path` its dotted path). GET sends `params` in the query, POST as a
		JSON body; a GET is safe to repeat, a POST only when `safe` says so."""
		safe = http == "GET" if safe is None else safe
		if http == "GET":
			answer = self.request("GET", f"api/method/{path}", safe, params=_query(params))
		else:
			answer = self.request(http, f"api/method/{path}", safe, json=params)
		return answer.get("message") if isinstance(answer, dict) else answer

	def whoami(self) -> str:
		"""The key's user: a first call that tells at once whether the URL and key are right."""
		return self.call("frappe.auth.get_logged_user")

	def get_list(
		self,
		doctype: str,
		fields: list[str],
		order_by: str,
		filters=None,
		page_size: int = 500,
		parent: str | None = None,
	) -> Iterator[dict]:
		"""Every row of `doctype` the key may read, page by page to the end. `order_by` must be total (end with a
		unique field such as `name`), or a row could be skipped or read twice between pages."""
		if "name" not in order_by:
			raise ValueError("get_list needs a total order: end order_by with name")
		start = 0
		while True:
			params = {
				"doctype": doctype,
				"fields": fields,
				"filters": filters or [],
				"order_by": order_by,
				"limit_start": start,
				"limit_page_length": page_size,
			}
			if parent:
				params["parent"] = parent
			page = self.call(GET_LIST, **params) or []
			yield from page
			if len(page) < page_size:
				return
			start += page_size

	def upsert(self, doctype: str, rows: list[dict]) -> dict:
		"""jlc_frappe.api.sync.upsert: idempotent, so retried like a read."""
		return self.call(UPSERT, http="POST", safe=True, doctype=doctype, rows=rows)


def _query(params: dict) -> dict:
	return {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}


def _json(response):
	try:
		return response.json()
	except ValueError:
		raise SyncError(
			f"The site answered HTTP {response.status_code} without JSON: is the URL a JLC site?",
			status=response.status_code,
		) from None


def _reason(e: requests.RequestException) -> str:
	"""Why a connection failed, in a few words (never the request, whose headers hold the key)."""
	if isinstance(e, requests.Timeout):
		return "no answer in time"
	if isinstance(e, requests.ConnectionError):
		return "connection refused or lost"
	return type(e).__name__
