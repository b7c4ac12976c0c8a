"""The complaint headline: where it stands against its deadline and what is next, for each state and status."""

from datetime import date

import pytest

from jlc_frappe.rules.calendar import WorkingCalendar
from jlc_frappe.rules.headline import (
	BLUE,
	CANDOUR_NEXT_STEP,
	GREEN,
	GREY,
	LEARNING_ACTION_NEXT_STEP,
	NEXT_STEP,
	ORANGE,
	RED,
	complaint_headline,
	record_headline,
)

CAL = WorkingCalendar()
TODAY = date(2026, 11, 26)  # a Thursday
NONE = (None, None)


def headline(state, acknowledgement=NONE, response=NONE, today=TODAY):
	return complaint_headline(
		state, acknowledgement, response, today, 5, CAL, lambda d: d.strftime("%d-%m-%Y")
	)


def test_the_example_of_the_issue():
	text, colour = headline("Awaiting Sign-off", response=(date(2026, 11, 18), None))
	assert (
		text
		== "Response overdue by 6 working days (due 18-11-2026): awaiting sign-off by the Responsible Person"
	)
	assert colour == RED


@pytest.mark.parametrize(
	"due, expected, colour",
	[
		(date(2026, 11, 25), "Response overdue by 1 working day (due 25-11-2026)", RED),
		(date(2026, 11, 26), "Response due today (26-11-2026)", ORANGE),
		(date(2026, 11, 27), "Response due in 1 working day (27-11-2026)", ORANGE),
		(date(2026, 11, 28), "Response due in 1 working day (28-11-2026)", ORANGE),  # a Saturday
		(date(2026, 12, 2), "Response due in 4 working days (02-12-2026)", ORANGE),
		(date(2027, 1, 15), "Response due in 33 working days (15-01-2027)", GREEN),  # Christmas and New Year
	],
)
def test_response_deadline_pending(due, expected, colour):
	text, got = headline("Under Investigation", response=(due, None))
	assert text == f"{expected}: under investigation: submit the draft response for sign-off"
	assert got == colour


def test_due_on_a_closed_day_with_no_working_day_before_it():
	text, colour = headline(
		"Under Investigation", response=(date(2026, 11, 29), None), today=date(2026, 11, 28)
	)
	assert text.startswith("Response due on 29-11-2026: ")
	assert colour == ORANGE


def test_acknowledgement_is_the_deadline_while_received():
	text, colour = headline(
		"Received", acknowledgement=(date(2026, 11, 23), None), response=(date(2027, 1, 15), None)
	)
	assert text.startswith("Acknowledgement overdue by 3 working days (due 23-11-2026): acknowledge it")
	assert colour == RED


@pytest.mark.parametrize(
	"done_on, expected, colour",
	[
		(date(2026, 11, 20), "Response sent on time (20-11-2026)", GREEN),
		(date(2026, 11, 25), "Response sent 2 working days late (due 23-11-2026)", RED),
	],
)
def test_response_sent(done_on, expected, colour):
	text, got = headline("Response Sent", response=(date(2026, 11, 23), done_on))
	assert text == f"{expected}: response sent: close it with the outcomes"
	assert got == colour


@pytest.mark.parametrize("state", sorted(NEXT_STEP))
def test_every_state_has_a_headline(state):
	text, colour = headline(
		state, acknowledgement=(date(2026, 11, 30), None), response=(date(2027, 1, 15), None)
	)
	assert str(NEXT_STEP[state]) in text
	assert colour in (RED, ORANGE, GREEN, BLUE, GREY)


def test_finished_and_undated():
	assert headline("Closed", response=(date(2026, 1, 1), None)) == ("Complaint closed", GREY)
	assert headline("Acknowledged") == ("Next: resolve it early, or investigate", BLUE)


def test_headline_translates_as_template_and_arguments():
	text, _ = headline("Awaiting Sign-off", response=(date(2026, 11, 18), None))
	assert text.template == "{0}: {1}"
	assert text.args[0].template == "{0} overdue by {1} working days (due {2})"
	assert text.args[0].args[0].template == "Response"


def record(kind, state, deadline=NONE, today=TODAY):
	return record_headline(kind, state, deadline, today, 5, CAL, lambda d: d.strftime("%d-%m-%Y"))


def test_learning_action_headline():
	text, colour = record("action", "In Progress", (date(2026, 11, 24), None))
	assert (
		text
		== "Action overdue by 2 working days (due 24-11-2026): in progress: complete it with the evidence"
	)
	assert colour == RED
	text, colour = record("action", "Completed", (date(2026, 11, 24), date(2026, 11, 20)))
	assert (text, colour) == ("Completed on time (20-11-2026): completed: verify its impact", GREEN)
	assert record("action", "Cancelled", (date(2026, 11, 24), None)) == ("Learning action cancelled", GREY)


def test_candour_headline():
	text, colour = record("candour", "Notifiable", (date(2026, 11, 27), None))
	assert (
		text
		== "Notification in person due in 1 working day (27-11-2026): notify the relevant person in person"
	)
	assert colour == ORANGE
	assert record("candour", "Not Notifiable")[1] == GREY
	assert record("candour", "Assessment") == ("Next: assess whether the duty of candour applies", BLUE)


@pytest.mark.parametrize(
	"kind, steps", [("action", LEARNING_ACTION_NEXT_STEP), ("candour", CANDOUR_NEXT_STEP)]
)
def test_every_state_of_actions_and_notifications_has_a_headline(kind, steps):
	for state in steps:
		text, colour = record(kind, state, (date(2026, 12, 30), None))
		assert str(steps[state]) in text
		assert colour in (RED, ORANGE, GREEN, BLUE, GREY)
