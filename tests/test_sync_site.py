"""Tier A: jlc-sync's HTTP client against a mocked site (`responses`): each status and exc_type mapped to its
error, retries with backoff and Retry-After for safe calls only, lists read to the end, the secret never shown."""

from __future__ import annotations

import json

import pytest
import requests
import responses
from responses import matchers

from jlc_frappe.sync import errors
from jlc_frappe.sync.config import SiteConfig
from jlc_frappe.sync.site import GET_LIST, UPSERT, Site

URL = "https://jlc.example.test"
SECRET = "s3cr3t-never-shown"


def site(**kwargs) -> tuple[Site, list[float]]:
	waits: list[float] = []
	config = SiteConfig(url=URL + "/", api_key="key123", api_secret=SECRET, site_name="trust.localhost")
	return Site(config, sleep=waits.append, **kwargs), waits


def method_url(path: str) -> str:
	return f"{URL}/api/method/{path}"


def frappe_error(exc_type: str, *messages: str) -> dict:
	"""A Frappe error body: _server_messages is a JSON list of JSON strings."""
	return {
		"exc_type": exc_type,
		"_server_messages": json.dumps([json.dumps({"message": m, "indicator": "red"}) for m in messages]),
	}


@responses.activate
def test_headers_sent():
	responses.get(
		method_url("frappe.auth.get_logged_user"),
		json={"message": "safety@example.com"},
		match=[
			matchers.header_matcher(
				{
					"Authorization": f"token key123:{SECRET}",
					"Accept": "application/json",
					"X-Frappe-Site-Name": "trust.localhost",
				}
			)
		],
	)
	s, _waits = site()
	assert s.whoami() == "safety@example.com"
	assert s.timeout == (10, 300)


@pytest.mark.parametrize(
	"status, exc_type, expected",
	[
		(401, "AuthenticationError", errors.AuthenticationFailed),
		(403, "PermissionError", errors.PermissionDenied),
		(404, "DoesNotExistError", errors.NotFound),
		(409, "DuplicateEntryError", errors.Conflict),
		(417, "ValidationError", errors.ValidationFailed),
		(417, "MandatoryError", errors.ValidationFailed),
		(417, "LinkValidationError", errors.ValidationFailed),
		(429, "TooManyRequestsError", errors.RateLimited),
		(500, "Exception", errors.ServerError),
		(508, "QueryDeadlockError", errors.ServerError),
		(401, None, errors.AuthenticationFailed),
		(403, None, errors.PermissionDenied),
		(404, None, errors.NotFound),
		(417, None, errors.ValidationFailed),
		(502, None, errors.ServerError),
		(400, None, errors.SyncError),
	],
)
@responses.activate
def test_status_and_exc_type_map_to_typed_errors(status, exc_type, expected):
	body = frappe_error(exc_type, "Row 1: <b>Service area</b> Nope not found") if exc_type else {}
	responses.get(method_url("x.y"), json=body, status=status)
	s, _waits = site(retries=0)
	with pytest.raises(expected) as caught:
		s.call("x.y")
	assert type(caught.value) is expected
	assert caught.value.status == status
	assert caught.value.exc_type == exc_type
	if exc_type:
		assert "Row 1: Service area Nope not found" in str(caught.value), (
			"messages decoded twice, HTML stripped"
		)


def test_exc_type_wins_over_status():
	response = requests.models.Response()
	response.status_code = 417
	response._content = json.dumps(frappe_error("PermissionError", "Not permitted")).encode()
	assert isinstance(errors.from_response(response), errors.PermissionDenied)


def test_server_messages_decoding():
	body = frappe_error("ValidationError", "First", "<p>Second</p>")
	assert errors.server_messages(body) == ["First", "Second"]
	assert errors.server_messages({"_server_messages": json.dumps(["plain"])}) == ["plain"]
	assert errors.server_messages({}) == []


@responses.activate
def test_plain_text_rate_limit_answer():
	responses.get(method_url("x.y"), body="Too Many Requests", status=429, headers={"Retry-After": "7"})
	s, _waits = site(retries=0)
	with pytest.raises(errors.RateLimited) as caught:
		s.call("x.y")
	assert caught.value.retry_after == 7
	assert "Too Many Requests" in str(caught.value)


@pytest.mark.parametrize("status", [429, 502, 503, 504])
@responses.activate
def test_safe_call_retried_after_retry_after(status):
	responses.get(method_url("x.y"), status=status, headers={"Retry-After": "3"}, body="busy")
	responses.get(method_url("x.y"), json={"message": "ok"})
	s, waits = site()
	assert s.call("x.y") == "ok"
	assert waits == [3.0], "waits as long as Retry-After asks"
	assert len(responses.calls) == 2


@responses.activate
def test_retry_after_as_http_date_and_capped():
	responses.get(
		method_url("x.y"), status=503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}, body=""
	)
	responses.get(method_url("x.y"), json={"message": "ok"})
	s, waits = site(max_wait=60)
	assert s.call("x.y") == "ok"
	assert waits == [60], "a far date waits no longer than max_wait"


@responses.activate
def test_backoff_grows_without_retry_after_then_gives_up():
	responses.get(method_url("x.y"), status=502, body="bad gateway")
	s, waits = site(retries=3, backoff=1.0)
	with pytest.raises(errors.ServerError) as caught:
		s.call("x.y")
	assert caught.value.status == 502
	assert len(responses.calls) == 4
	assert len(waits) == 3
	assert 1 <= waits[0] <= 1.25 and 2 <= waits[1] <= 2.5 and 4 <= waits[2] <= 5


@responses.activate
def test_upsert_is_retried_but_an_unsafe_post_is_not():
	responses.post(method_url(UPSERT), status=503, body="")
	responses.post(method_url(UPSERT), json={"message": {"counts": {}, "results": []}})
	s, waits = site()
	assert s.upsert("Claim", []) == {"counts": {}, "results": []}
	assert len(waits) == 1
	responses.post(method_url("x.write"), status=503, body="")
	with pytest.raises(errors.ServerError):
		s.call("x.write", http="POST")
	assert len(waits) == 1, "a POST that is not idempotent is never sent twice"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 417, 500])
@responses.activate
def test_other_statuses_not_retried(status):
	responses.get(method_url("x.y"), status=status, json={})
	s, waits = site()
	with pytest.raises(errors.SyncError):
		s.call("x.y")
	assert waits == [] and len(responses.calls) == 1


@responses.activate
def test_lost_connection_retried_for_safe_calls():
	responses.get(method_url("x.y"), body=requests.ConnectionError("reset"))
	responses.get(method_url("x.y"), json={"message": 1})
	s, waits = site()
	assert s.call("x.y") == 1
	assert len(waits) == 1
	responses.get(method_url("x.z"), body=requests.Timeout("slow"))
	with pytest.raises(errors.ConnectionFailed) as caught:
		site(retries=0)[0].call("x.z")
	assert "no answer in time" in str(caught.value)


@responses.activate
def test_non_json_success_is_an_error():
	responses.get(method_url("x.y"), body="<html>login</html>", status=200)
	s, _waits = site()
	with pytest.raises(errors.SyncError, match="without JSON"):
		s.call("x.y")


@responses.activate
def test_get_list_reads_every_page_with_page_size_and_total_order():
	rows = [{"name": f"C-{i:03}"} for i in range(7)]
	seen = []

	def page(request):
		params = request.params
		seen.append(params)
		start, size = int(params["limit_start"]), int(params["limit_page_length"])
		return 200, {}, json.dumps({"message": rows[start : start + size]})

	responses.add_callback(responses.GET, method_url(GET_LIST), callback=page)
	s, _waits = site()
	got = list(
		s.get_list("Complaint", ["name"], "modified asc, name asc", [["modified", ">=", "2025-01-01"]], 3)
	)
	assert got == rows
	assert [p["limit_start"] for p in seen] == ["0", "3", "6"]
	assert {p["limit_page_length"] for p in seen} == {"3"}
	assert {p["order_by"] for p in seen} == {"modified asc, name asc"}
	assert json.loads(seen[0]["filters"]) == [["modified", ">=", "2025-01-01"]]


@responses.activate
def test_get_list_exact_multiple_ends_on_an_empty_page():
	pages = iter([[{"name": "a"}, {"name": "b"}], []])
	responses.add_callback(
		responses.GET,
		method_url(GET_LIST),
		callback=lambda r: (200, {}, json.dumps({"message": next(pages)})),
	)
	assert [r["name"] for r in site()[0].get_list("X", ["name"], "name asc", page_size=2)] == ["a", "b"]


def test_get_list_refuses_an_order_that_is_not_total():
	with pytest.raises(ValueError):
		next(site()[0].get_list("X", ["name"], "modified desc"))


def test_secret_not_in_repr_or_str():
	s, _waits = site()
	for text in (repr(s), str(s.config), repr(s.config)):
		assert SECRET not in text
