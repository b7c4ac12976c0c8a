"""Letters: which letter may be sent now, and the words and dates that fill it (rules/letters.py)."""

from datetime import date

from jlc_frappe.rules import letters
from jlc_frappe.rules.letters import (
	ACKNOWLEDGEMENT,
	CANDOUR,
	EXCLUSION,
	FINAL_RESPONSE,
	HOLDING,
	action_line,
	apology_due,
	candour_context,
	complaint_context,
	complaint_reference_in,
	email_summary,
	exclusion_explanation,
	fitting_letter,
	letter_file_name,
	letter_problems,
	lines,
	long_date,
	outcome_sentence,
	salutation,
)
from jlc_frappe.rules.messages import Message

TRUST = {
	"trust_name": "Anytown Hospitals NHS Foundation Trust",
	"trust_address": "Hospital Road\nAnytown\nAT1 2BC",
	"complaints_contact": "Telephone 0113 496 0000",
	"patient_safety_contact": "Telephone 0113 496 0111",
	"advocacy_service": "Anytown Advocacy",
	"signatory_title": "Chief Executive",
	"phso_name": "Parliamentary and Health Service Ombudsman",
	"phso_helpline": "0345 015 4033",
	"phso_website": "www.ombudsman.org.uk",
	"phso_address": "Millbank Tower\nMillbank\nLondon\nSW1P 4QP",
}


def test_long_date_as_letters_write_it() -> None:
	assert long_date(date(2026, 3, 4)) == "4 March 2026"
	assert long_date(date(2026, 12, 25)) == "25 December 2026"
	assert long_date(None) == ""


def test_lines_of_an_address() -> None:
	assert lines("12 Acacia Avenue\n\n Anytown \nAT3 4DE") == ["12 Acacia Avenue", "Anytown", "AT3 4DE"]
	assert lines("12 Acacia Avenue, Anytown,  AT3 4DE") == ["12 Acacia Avenue", "Anytown", "AT3 4DE"]
	assert lines("") == [] and lines(None) == []


def test_salutation() -> None:
	assert salutation("  Ann   Example ") == "Dear Ann Example"
	assert salutation("") == "Dear Sir or Madam"
	assert isinstance(salutation("Ann"), Message)


def test_outcomes_and_apology() -> None:
	assert outcome_sentence("Upheld") == "We have upheld this part of your complaint."
	assert "partly upheld" in outcome_sentence("Partially Upheld")
	assert "not upheld" in outcome_sentence("Not Upheld")
	assert "not yet reached" in outcome_sentence(None)
	assert apology_due(["Not Upheld", "Partially Upheld"])
	assert apology_due(["Upheld"])
	assert not apology_due(["Not Upheld", None])
	assert not apology_due([])


def test_every_exclusion_reason_is_explained() -> None:
	reasons = (
		"Oral complaint resolved by the next working day",
		"Employee complaint about their employment",
		"Already investigated",
		"Freedom of Information request",
		"Complaint from another responsible body",
	)
	for reason in reasons:
		assert isinstance(exclusion_explanation(reason), Message), reason
	assert exclusion_explanation(None) is None


def test_action_lines() -> None:
	assert action_line("Hourly comfort rounds", "Completed", None, date(2026, 3, 2)) == (
		"Hourly comfort rounds (done, 2 March 2026)."
	)
	assert action_line("Rounds", "Impact Verified", None, None) == "Rounds (done)."
	assert action_line("Rounds", "Agreed", date(2026, 4, 30), None) == "Rounds (to be done by 30 April 2026)."
	assert action_line("Rounds", "Proposed", None, None) == "Rounds (planned)."
	assert action_line("Rounds", "Cancelled", date(2026, 4, 30), None) is None


def test_file_name_and_mailbox_helpers() -> None:
	assert letter_file_name("COMP-2026-00012", ACKNOWLEDGEMENT, date(2026, 3, 4)) == (
		"COMP-2026-00012 Complaint Acknowledgement 2026-03-04.pdf"
	)
	assert complaint_reference_in("RE: Your complaint: our reference comp-2026-00012") == "COMP-2026-00012"
	assert complaint_reference_in("My complaint about COMP-26-1") is None
	assert complaint_reference_in(None) is None
	assert email_summary("Re: FW:  Complaint   about my  mother's care") == "Complaint about my mother's care"
	assert email_summary(None) == ""
	long = email_summary("x" * 300)
	assert len(long) == letters.SUMMARY_LENGTH and long.endswith("...")


# --- which letter may be sent now --------------------------------------------------------------------------


def test_acknowledgement_needs_the_acknowledge_action() -> None:
	assert letter_problems(ACKNOWLEDGEMENT, "Received", ["Acknowledge", "Withdraw"]) == []
	assert letter_problems(ACKNOWLEDGEMENT, "Acknowledged", ["Investigate"])


def test_final_response_only_once_signed_off() -> None:
	assert letter_problems(FINAL_RESPONSE, "Signed Off", ["Send Response", "Withdraw"]) == []
	for state in ("Received", "Under Investigation", "Awaiting Sign-off", "Response Sent"):
		problems = letter_problems(FINAL_RESPONSE, state, ["Withdraw"])
		assert problems and "signed it off" in problems[0], state


def test_holding_letter_needs_a_new_date_while_the_response_is_to_come() -> None:
	assert letter_problems(HOLDING, "Under Investigation", [], due_changes=1) == []
	assert "Change the response date" in letter_problems(HOLDING, "Under Investigation", [], due_changes=0)[0]
	assert letter_problems(HOLDING, "Received", [], due_changes=1)
	assert letter_problems(HOLDING, "Response Sent", [], due_changes=2)


def test_exclusion_needs_its_reason_and_an_open_complaint() -> None:
	assert letter_problems(EXCLUSION, "Received", [], exclusion_reason="Already investigated") == []
	assert letter_problems(EXCLUSION, "Received", [])
	assert letter_problems(EXCLUSION, "Closed", [], exclusion_reason="Already investigated")
	assert letter_problems(EXCLUSION, "Withdrawn", [], exclusion_reason="Already investigated")


def test_candour_letter_follows_the_notification_in_person_and_gives_the_facts() -> None:
	facts = {"facts_account": "A fall on the ward.", "further_enquiries": "An after action review."}
	assert letter_problems(CANDOUR, "Notified In Person", ["Record Written Notification"], **facts) == []
	assert letter_problems(CANDOUR, "Unable To Contact", [], **facts) == []
	assert len(letter_problems(CANDOUR, "Notifiable", ["Record In-person Notification"], **facts)) == 1
	missing = letter_problems(
		CANDOUR, "Notified In Person", ["Record Written Notification"], facts_account=" "
	)
	assert len(missing) == 1 and "account of the facts" in missing[0]


def test_fitting_letter() -> None:
	assert fitting_letter([HOLDING, FINAL_RESPONSE]) == FINAL_RESPONSE
	assert fitting_letter([ACKNOWLEDGEMENT, EXCLUSION]) == EXCLUSION
	assert fitting_letter([ACKNOWLEDGEMENT, EXCLUSION], exclusion_explained=True) == ACKNOWLEDGEMENT
	assert fitting_letter([CANDOUR]) == CANDOUR
	assert fitting_letter([]) is None


# --- what fills each letter --------------------------------------------------------------------------------


def _complaint(**record):
	return {
		"name": "COMP-2026-00012",
		"summary": "Waited nine hours in the emergency department.",
		"received_on": date(2026, 3, 2),
		"response_due": date(2026, 4, 28),
		"complainant_is_patient": 0,
		"consent_status": "Obtained",
		"not_under_regulations_reason": None,
		"signed_off_response": "<p>We read the records.</p>",
		**record,
	}


def test_complaint_context() -> None:
	people = {
		"complainant_name": "Ann Example",
		"complainant_address": "12 Acacia Avenue\nAnytown",
		"patient_name": "Bob Example",
	}
	aspects = [
		{
			"subject": "Waiting times",
			"detail": "Nine hours on a trolley",
			"finding": "Rounds missed.",
			"outcome": "Upheld",
		},
		{"subject": "Communications", "detail": "", "finding": "", "outcome": "Not Upheld"},
	]
	actions = [
		{
			"title": "Hourly comfort rounds",
			"state": "Agreed",
			"due_date": date(2026, 6, 1),
			"completed_on": None,
		},
		{"title": "Dropped", "state": "Cancelled", "due_date": None, "completed_on": None},
	]
	changes = [
		{
			"old_date": date(2026, 4, 1),
			"new_date": date(2026, 4, 14),
			"agreed_with_complainant_on": None,
			"reason": "x",
		},
		{
			"old_date": date(2026, 4, 14),
			"new_date": date(2026, 4, 28),
			"agreed_with_complainant_on": date(2026, 4, 10),
			"reason": "We are waiting for an expert opinion.",
		},
	]
	signatory = {"sender_name": "Hana Handler", "signed_off_by_name": "Rita Responsible"}
	context = complaint_context(
		_complaint(), people, aspects, actions, changes, TRUST, signatory, date(2026, 4, 28)
	)
	assert context["salutation"] == "Dear Ann Example"
	assert context["recipient_address"] == ["12 Acacia Avenue", "Anytown"]
	assert context["reference"] == "COMP-2026-00012" and context["today"] == "28 April 2026"
	assert (
		context["summary"] == "Waited nine hours in the emergency department"
	)  # the letter adds its full stop
	assert context["received_on"] == "2 March 2026" and context["response_due"] == "28 April 2026"
	assert context["patient_name"] == "Bob Example"  # the complainant writes for someone else
	assert (context["old_due"], context["new_due"], context["agreed_on"]) == (
		"14 April 2026",
		"28 April 2026",
		"10 April 2026",
	)
	assert context["change_reason"] == "We are waiting for an expert opinion."
	assert [a["heading"] for a in context["aspects"]] == ["Nine hours on a trolley", "Communications"]
	assert context["aspects"][0]["finding"] == "Rounds missed."
	assert context["apology"] is True
	assert context["actions"] == ["Hourly comfort rounds (to be done by 1 June 2026)."]
	assert context["phso_address"] == ["Millbank Tower", "Millbank", "London", "SW1P 4QP"]
	assert context["signatory_name"] == "Rita Responsible" and context["signatory_title"] == "Chief Executive"
	assert context["sender_name"] == "Hana Handler"
	assert (
		context["contact"] == "Telephone 0113 496 0000" and context["advocacy_service"] == "Anytown Advocacy"
	)
	assert context["exclusion_explanation"] == "" and context["consent_needed"] is False
	assert context["patient_died"] is False
	bereaved = complaint_context(
		_complaint(representative_basis="Patient Died"),
		people,
		[],
		[],
		[],
		TRUST,
		signatory,
		date(2026, 4, 28),
	)
	assert bereaved["patient_died"] is True


def test_complaint_context_for_the_patient_themselves_and_an_excluded_complaint() -> None:
	record = _complaint(complainant_is_patient=1, not_under_regulations_reason="Already investigated")
	context = complaint_context(
		record, {"complainant_name": "Ann Example"}, [], [], [], {}, {}, date(2026, 3, 4)
	)
	assert context["patient_name"] == ""
	assert "already been investigated" in context["exclusion_explanation"]
	assert context["new_due"] == "" and context["actions"] == [] and context["apology"] is False
	assert context["recipient_address"] == [] and context["trust_name"] == ""


def test_candour_context_goes_to_the_relevant_person_when_someone_acts_for_the_patient() -> None:
	record = {
		"name": "DOC-2026-00003",
		"notified_in_person_on": date(2026, 3, 3),
		"facts_account": "A fall on the ward.",
		"further_enquiries": "An after action review.",
		"support_offered": "A named contact.",
	}
	signatory = {"sender_name": "Sam Safety", "notified_by_name": "Dr Ward"}
	people = {
		"patient_name": "Bob Example",
		"patient_address": "Ward 3",
		"relevant_person_name": "Ann Example",
		"relevant_person_address": "12 Acacia Avenue, Anytown",
	}
	context = candour_context(record, people, TRUST, signatory, date(2026, 3, 4))
	assert context["salutation"] == "Dear Ann Example" and context["patient_name"] == "Bob Example"
	assert context["recipient_address"] == ["12 Acacia Avenue", "Anytown"]
	assert context["notified_in_person_on"] == "3 March 2026" and context["notified_by_name"] == "Dr Ward"
	assert (
		context["facts_account"] == "A fall on the ward." and context["contact"] == "Telephone 0113 496 0111"
	)
	alone = candour_context(
		record,
		{"patient_name": "Bob Example", "patient_address": "Ward 3"},
		TRUST,
		signatory,
		date(2026, 3, 4),
	)
	assert alone["salutation"] == "Dear Bob Example" and alone["patient_name"] == ""
	assert alone["recipient_address"] == ["Ward 3"]
