"""The demo's people: the trust's users, and made-up members of the public (never the same name twice)."""

import random

import frappe
from frappe.utils import add_days
from frappe.utils.password import update_password

from jlc_frappe.demo.data import DOMAIN, PASSWORD, USERS, Case
from jlc_frappe.tests.fixtures import nhs_number

FEMALE = (
	"Margaret Susan Karen Julie Sarah Emma Rachel Claire Joanne Linda Patricia Hannah Sophie Amy Rebecca "
	"Jean Dorothy Eileen Nicola Lauren Zainab Mei Bethan Siobhan Ayesha Joan Pauline Gillian Tracey"
).split()
MALE = (
	"David John Michael Paul Peter Andrew James Stephen Robert Gary Neil Ian Kevin Daniel Arthur Kenneth "
	"Raj Tariq Callum Owen Gareth Dennis Brian Colin Harry Mohammed Sean Keith Graham"
).split()
SURNAMES = (
	"Hughes Patel Walker Thompson Roberts Khan Wright Edwards Green Hall Wood Harris Jackson Turner Hill "
	"Moore Ward Morris Cooper Bailey Bell Murphy Price Ali Begum Kelly Lewis Shaw Chapman Mason Lloyd "
	"Barker Fletcher Pearson Holmes Griffiths Nolan Brennan Kaur Okoye Novak Davies Jenkins Atkinson"
).split()
STREETS = "Mill Lane|Station Road|Church Street|Queens Avenue|Park View|Elm Grove|Victoria Road|The Crescent"
TOWNS = (("Millbrook", "MB"), ("Ashford Vale", "AV"), ("Northfield", "NF"), ("Kingsmere", "KM"))
# the complainant's relation to the patient: whether the complainant is a woman
RELATIONS = {"wife": True, "husband": False, "daughter": True, "son": False, "mother": True, "father": False}


def user_email(key: str) -> str:
	first, last = USERS[key][:2]
	return f"{first}.{last}@{DOMAIN}".lower()


def make_users() -> None:
	for key, (first, last, role, job) in USERS.items():
		email = user_email(key)
		if frappe.db.exists("User", email):
			continue
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"bio": job,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
		update_password(email, PASSWORD)


_NAMES_USED: set[tuple[str, str]] = set()


def forget_names() -> None:
	"""A new demo run may use every name again."""
	_NAMES_USED.clear()


def make_person(rng: random.Random, female: bool, surname: str | None = None) -> dict:
	"""A made-up member of the public: never the same name twice, contact details in reserved ranges."""
	while True:
		first = rng.choice(FEMALE if female else MALE)
		last = surname or rng.choice(SURNAMES)
		if (first, last) not in _NAMES_USED:
			_NAMES_USED.add((first, last))
			break
	town, area = rng.choice(TOWNS)
	letters = "ABDEFGHJLNPQRSTUWXYZ"
	postcode = f"{area}{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
	return {
		"first": first,
		"last": last,
		"name": f"{first} {last}",
		"title": ("Mrs" if rng.random() < 0.6 else "Ms") if female else "Mr",
		"email": f"{first}.{last}@example.com".lower(),
		"phone": f"07700 900{rng.randint(0, 999):03d}",  # Ofcom's range for drama
		"address": f"{rng.randint(2, 140)} {rng.choice(STREETS.split('|'))}, {town} {postcode}",
	}


def complaint_people(case: Case, rng: random.Random) -> None:
	"""The complainant and the patient (with an NHS number and a date of birth for their age)."""
	birth = add_days(
		case.received, -(case.age * 365 + (rng.randint(20, 330) if case.age else rng.randint(5, 12)))
	)
	if case.who == "self":
		case.complainant = make_person(rng, rng.random() < 0.55)
		patient = dict(case.complainant)
	else:
		case.complainant = make_person(rng, RELATIONS[case.who])
		patient_female = {"wife": False, "husband": True}.get(case.who, rng.random() < 0.5)
		patient = make_person(rng, patient_female, surname=case.complainant["last"])
	case.patient = {**patient, "nhs_number": nhs_number(), "date_of_birth": birth, "deceased": int(case.died)}


def patient_values(patient: dict) -> dict:
	return {
		"patient_name": patient["name"],
		"nhs_number": patient["nhs_number"],
		"date_of_birth": patient["date_of_birth"],
		"patient_deceased": patient["deceased"],
	}
