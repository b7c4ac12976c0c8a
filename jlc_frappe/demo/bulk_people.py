"""People for the demo at scale: the trust's users (made through the User controller: a few dozen), and
members of the public in the identity store (JLC Person rows, written in bulk) with valid NHS numbers from the
test range (999 ...), never one already on the site."""

from datetime import date, timedelta

import frappe

from jlc_frappe.demo.bulk import DOMAIN, PREFIX, Writer, stamp
from jlc_frappe.demo.people import FEMALE, MALE, STREETS, SURNAMES, TOWNS
from jlc_frappe.rules.nhs_number import format_nhs_number, is_valid_nhs_number

# role: how many users (handlers and staff grow with the number of complaints)
ROLE_USERS = {
	"Complaints Manager": 2,
	"Responsible Person": 1,
	"Senior Leader": 3,
	"Complaints Panel Member": 4,
	"Patient Safety Lead": 3,
	"Claims Lead": 2,
}
JOBS = {
	"Complaints Handler": "Patient experience officer",
	"Complaints Manager": "Head of patient experience",
	"Responsible Person": "Chief executive",
	"Senior Leader": "Executive director",
	"Complaints Panel Member": "Complaints panel member",
	"Patient Safety Lead": "Patient safety specialist",
	"Claims Lead": "Claims and litigation manager",
	"JLC Staff": "Ward and clinic staff",
}


def make_users(rng, complaints: int) -> dict[str, list[dict]]:
	"""{role: [{"email", "full_name"}]}: a user of every role, handlers and staff enough for `complaints`."""
	counts = {  # at most 55: Frappe refuses more than 60 new users a minute (throttle_user_limit)
		"Complaints Handler": min(25, max(4, complaints // 4000)),
		**ROLE_USERS,
		"JLC Staff": min(15, max(6, complaints // 6000)),
	}
	users, n = {}, 0
	for role, count in counts.items():
		users[role] = []
		for _i in range(count):
			n += 1
			first, last = rng.choice(FEMALE + MALE), rng.choice(SURNAMES)
			email = f"{first}.{last}.{n}@{DOMAIN}".lower()
			if not frappe.db.exists("User", email):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": email,
						"first_name": first,
						"last_name": last,
						"bio": JOBS[role],
						"send_welcome_email": 0,
						"roles": [{"role": role}],
					}
				).insert(ignore_permissions=True)
			users[role].append({"email": email, "full_name": f"{first} {last}"})
	return users


class People:
	"""Members of the public, written to JLC Person as they are made; NHS numbers unique on the site."""

	def __init__(self, writer: Writer, rng):
		self.writer, self.rng, self.n = writer, rng, 0
		self.used = set(
			frappe.get_all("JLC Person", filters={"nhs_number": ("like", "999%")}, pluck="nhs_number")
		)

	def nhs_number(self) -> str:
		while True:
			number = f"999{self.rng.randint(0, 999999):06d}"
			number += str(
				(11 - sum(int(d) * w for d, w in zip(number, range(10, 1, -1), strict=True)) % 11) % 11
			)
			formatted = format_nhs_number(number)
			if len(number) == 10 and is_valid_nhs_number(number) and formatted not in self.used:
				self.used.add(formatted)
				return formatted

	def person(self, on: date, age: int | None = None, female: bool | None = None, surname=None, **extra):
		"""A new person on `on` (when first recorded); a patient (with `age`) has an NHS number and a birth date."""
		rng = self.rng
		self.n += 1
		female = rng.random() < 0.55 if female is None else female
		first, last = rng.choice(FEMALE if female else MALE), surname or rng.choice(SURNAMES)
		town, area = rng.choice(TOWNS)
		values = {
			"doctype": "JLC Person",
			"name": f"{PREFIX}P-{self.n:07d}",
			"full_name": f"{first} {last}",
			"email": f"{first}.{last}.{self.n}@example.com".lower(),
			"phone": f"07700 900{rng.randint(0, 999):03d}",  # Ofcom's range for drama
			"address": f"{rng.randint(2, 140)} {rng.choice(STREETS.split('|'))}, {town} {area}{rng.randint(1, 9)}",
			"creation": stamp(on, rng),
			**extra,
		}
		if age is not None:
			values["nhs_number"] = self.nhs_number()
			values["date_of_birth"] = on - timedelta(days=age * 365 + rng.randint(1, 360))
		self.writer.add("JLC Person", values)
		return values


def patient_age(rng) -> int:
	"""Ages of NHS patients who complain or are named: older people more often."""
	band = rng.random()
	if band < 0.12:
		return rng.randint(0, 17)
	if band < 0.62:
		return rng.randint(18, 64)
	if band < 0.80:
		return rng.randint(65, 74)
	if band < 0.94:
		return rng.randint(75, 84)
	return rng.randint(85, 99)
