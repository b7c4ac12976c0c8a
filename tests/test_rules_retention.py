"""Retention (domain.md section 8): when a record is due for anonymisation, and what anonymising clears."""

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jlc_frappe.rules import retention as r

APP_DIR = Path(__file__).resolve().parent.parent / "jlc_frappe"


def _meta(doctype: str) -> dict:
	slug = doctype.lower().replace(" ", "_")
	return json.loads(next(APP_DIR.glob(f"*/doctype/{slug}/{slug}.json")).read_text())


# --- due dates -------------------------------------------------------------------------------------------------


def test_a_complaint_closed_is_due_ten_years_after_its_closure() -> None:
	closed = date(2015, 6, 30)
	assert r.due_on(closed, 10) == date(2025, 6, 30)
	assert r.standing(closed, 10, date(2025, 6, 29)).status == r.RETAINED
	assert r.standing(closed, 10, date(2025, 6, 30)).status == r.DUE
	assert r.standing(closed, 10, date(2030, 1, 1)).status == r.DUE


def test_leap_day_closures() -> None:
	assert r.due_on(date(2016, 2, 29), 10) == date(2026, 2, 28)
	assert r.due_on(date(2016, 2, 29), 8) == date(2024, 2, 29)
	assert r.latest_due_trigger(date(2026, 2, 28), 10) == date(2016, 2, 29)
	assert r.latest_due_trigger(date(2024, 2, 29), 8) == date(2016, 2, 29)


@given(
	st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
	st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
	st.integers(min_value=1, max_value=30),
)
def test_the_query_cut_off_agrees_with_the_due_date(trigger: date, on_date: date, years: int) -> None:
	"""A query keeps records whose trigger is on or before latest_due_trigger: exactly those due."""
	assert (trigger <= r.latest_due_trigger(on_date, years)) == (r.due_on(trigger, years) <= on_date)


def test_legal_hold_stops_a_due_record_only() -> None:
	closed = date(2010, 1, 4)
	held = r.standing(closed, 10, date(2026, 1, 1), legal_hold=True)
	assert held.status == r.HELD and held.due == date(2020, 1, 4)
	assert "legal hold" in held.reason
	# a hold on a record still in its period changes nothing: it is retained anyway
	assert r.standing(closed, 20, date(2026, 1, 1), legal_hold=True).status == r.RETAINED


def test_open_records_and_records_without_a_trigger_date_are_never_due() -> None:
	assert r.standing(date(2000, 1, 1), 10, date(2026, 1, 1), finished=False).status == r.OPEN
	found = r.standing(None, 10, date(2026, 1, 1), trigger_label="Closed on")
	assert found.status == r.NO_TRIGGER and "Closed on" in found.reason and found.due is None
	assert r.standing(date(2000, 1, 1), 10, date(2026, 1, 1), anonymised=True).status == r.ANONYMISED


def test_a_policy_change_moves_the_due_date() -> None:
	closed, today = date(2017, 5, 1), date(2026, 1, 1)
	assert r.standing(closed, 10, today).status == r.RETAINED
	assert r.standing(closed, 8, today).status == r.DUE  # the trust shortens its period
	assert r.standing(closed, 8, today).due == date(2025, 5, 1)
	assert r.standing(closed, 20, today).due == date(2037, 5, 1)  # or lengthens it


def test_dates_are_shown_as_the_reader_reads_them() -> None:
	found = r.standing(date(2010, 1, 4), 10, date(2026, 1, 1), fmt=lambda d: d.strftime("%d/%m/%Y"))
	assert "04/01/2020" in found.reason


def test_closure_date_kept_set_and_cleared() -> None:
	today = date(2026, 3, 2)
	assert r.closed_on(True, None, today) == today
	assert r.closed_on(True, date(2025, 1, 1), today) == date(2025, 1, 1)
	assert r.closed_on(False, date(2025, 1, 1), today) is None  # reopened


def test_finished_states() -> None:
	assert r.is_finished(r.COMPLAINT, {"workflow_state": "Closed"})
	assert r.is_finished(r.COMPLAINT, {"workflow_state": "Withdrawn"})
	assert not r.is_finished(r.COMPLAINT, {"workflow_state": "Response Sent"})
	assert not r.is_finished(r.CLAIM, {"status": "Litigation"})
	assert r.is_finished(r.STAFF_SUPPORT, {})  # no state: over by its trigger date


def test_policy_problems() -> None:
	dates = {"closed_on": "Closed on", "received_on": "Received on"}
	assert r.trigger_problems(r.COMPLAINT, "closed_on", dates, 10) == []
	assert r.trigger_problems(r.COMPLAINT, "summary", dates, 10)
	assert r.trigger_problems(r.COMPLAINT, "closed_on", dates, 0)
	assert r.trigger_problems("Learning Action", "closed_on", dates, 10)


def test_every_finished_state_is_a_state_of_its_workflow_or_status() -> None:
	for doctype, (fieldname, states) in r.FINISHED.items():
		fields = {f["fieldname"]: f for f in _meta(doctype)["fields"]}
		if fieldname == "workflow_state":
			workflows = [json.loads(p.read_text()) for p in APP_DIR.glob("*/workflow/*.json")]
			known = {s["state"] for w in workflows if w["document_type"] == doctype for s in w["states"]}
		else:
			known = set(fields[fieldname]["options"].split("\n"))
		assert set(states) <= known, (doctype, set(states) - known)


# --- what anonymising clears -------------------------------------------------------------------------------------


def _plan(doctype: str) -> r.Plan:
	return r.plan(doctype, _meta(doctype)["fields"])


# What the KO41a return, the annual report and the board's figures read of a complaint and its aspects.
COUNTED = {
	r.COMPLAINT: {
		"received_on",
		"closed_on",
		"withdrawn_on",
		"outcome",
		"age_band",
		"complainant_is_patient",
		"not_under_regulations_reason",
		"reopened_count",
		"route",
		"acknowledgement_status",
		"response_sent_on",
		"response_due",
		"workflow_state",
		"handler",
		"severity",
	},
	"Complaint Aspect": {"subject_area", "service_area", "staff_group", "outcome"},
}


def test_a_complaint_keeps_what_is_counted_and_loses_who_and_what_was_said() -> None:
	found = _plan(r.COMPLAINT)
	assert COUNTED[r.COMPLAINT] <= set(found.kept)
	assert set(found.people) == {"complainant", "patient"}
	narratives = {
		"description",
		"outcome_sought",
		"draft_response",
		"signed_off_response",
		"learning_summary",
	}
	assert narratives <= set(found.cleared + found.replaced)
	assert {"summary", "description"} <= set(found.replaced)  # required: replaced, not emptied
	assert not set(found.changed()) & {"complainant_name", "nhs_number", "patient_name"}  # virtual: no column
	assert not set(found.changed()) & set(r.RETENTION_FIELDS)


def test_aspects_keep_their_codes_and_lose_their_narratives() -> None:
	found = _plan("Complaint Aspect")
	assert COUNTED["Complaint Aspect"] <= set(found.kept)
	assert set(found.cleared) == {"detail", "finding"}


def test_records_about_staff_lose_the_member_of_staff() -> None:
	for doctype in (r.STAFF_SUPPORT, r.FAIR_TREATMENT):
		found = _plan(doctype)
		assert {"staff_member", "staff_member_name"} <= set(found.cleared), doctype


def test_each_policy_clears_people_contacts_and_narratives() -> None:
	for doctype in (r.INCIDENT, r.CLAIM, r.CANDOUR):
		found = _plan(doctype)
		assert "patient" in found.people, doctype
		assert "description" in found.replaced + found.cleared or doctype == r.CANDOUR, doctype
		assert (
			"external_reference" in found.replaced or doctype == r.CANDOUR
		)  # a key to the patient elsewhere
	assert "relevant_person" in _plan(r.CANDOUR).people
	assert {"facts_account", "further_enquiries", "assessment_rationale"} <= set(_plan(r.CANDOUR).cleared)
	assert "category" in _plan(r.INCIDENT).kept  # triangulation maps incident categories to themes
	assert "outcome" in _plan("Candour Contact Attempt").replaced  # required narrative
	assert "update" in _plan("Staff Support Update").replaced


def test_a_text_field_nobody_named_is_cleared() -> None:
	fields = [
		{"fieldname": "new_note", "fieldtype": "Small Text"},
		{"fieldname": "new_code", "fieldtype": "Select", "options": "A\nB"},
		{"fieldname": "who", "fieldtype": "Link", "options": "JLC Person"},
		{"fieldname": "patient_name", "fieldtype": "Data", "is_virtual": 1},
		{"fieldname": "rows", "fieldtype": "Table", "options": "Complaint Aspect"},
	]
	found = r.plan(r.COMPLAINT, fields)
	assert (found.people, found.cleared, found.kept) == (["who"], ["new_note"], ["new_code"])


def test_every_retained_doctype_carries_the_retention_fields() -> None:
	for doctype in r.RETAINED_DOCTYPES:
		fields = {f["fieldname"]: f for f in _meta(doctype)["fields"]}
		assert fields.get(r.LEGAL_HOLD, {}).get("fieldtype") == "Check", doctype
		assert fields.get(r.ANONYMISED_ON, {}).get("fieldtype") == "Date", doctype
		assert fields[r.ANONYMISED_ON].get("read_only") and fields[r.LEGAL_HOLD].get("read_only"), doctype
	for doctype in r.CLOSURE_DATED:
		closed = {f["fieldname"]: f for f in _meta(doctype)["fields"]}.get("closed_on", {})
		assert closed.get("fieldtype") == "Date" and closed.get("read_only"), doctype


def test_due_is_a_day_after_retained() -> None:
	closed = date(2014, 8, 31)
	last_retained = r.due_on(closed, 10) - timedelta(days=1)
	assert r.standing(closed, 10, last_retained).status == r.RETAINED
