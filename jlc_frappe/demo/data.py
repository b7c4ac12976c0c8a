"""The demo's tables: the trust's users and its complaints, each with how far it has got.

The tables of what followed are beside the code that makes it: incidents in `safety`, learning actions and the
complaints panel in `learning`.
"""

from dataclasses import dataclass, field
from datetime import date

DOMAIN = "demo.nhs.example"
PASSWORD = "Demo-pass-123!"

# --- the trust's people -------------------------------------------------------------------------------------

USERS = {
	# key: (first name, last name, role, job). The System Manager comes first: Frappe makes the first System
	# User of a site that has no System Manager one.
	"sam": ("Sam", "Adeyemi", "System Manager", "IT systems administrator"),
	"priya": ("Priya", "Sharma", "Complaints Handler", "Patient experience officer"),
	"tom": ("Tom", "Whitfield", "Complaints Handler", "Patient experience officer"),
	"helen": ("Helen", "Okafor", "Complaints Manager", "Head of patient experience"),
	"richard": ("Richard", "Hale", "Responsible Person", "Chief executive"),
	"fiona": ("Fiona", "MacLeod", "Senior Leader", "Chief nurse"),
	"david": ("David", "Evans", "Complaints Panel Member", "Lay member of the complaints panel"),
	"aisha": ("Aisha", "Rahman", "Patient Safety Lead", "Patient safety specialist"),
	"mark": ("Mark", "Jennings", "Claims Lead", "Claims and litigation manager"),
	"gemma": ("Gemma", "Clarke", "JLC Staff", "Outpatients receptionist"),
	"liam": ("Liam", "Doyle", "JLC Staff", "Charge nurse, ward 7"),
}
SIGNATORY, MANAGER = "richard", "helen"


OUTCOMES_SOUGHT = (
	"An apology and an explanation of what went wrong.",
	"To make sure this does not happen to anyone else.",
	"A meeting with the ward manager to talk it through.",
	"An explanation, and to know what the trust will change.",
	"An apology from the staff involved.",
)


# --- complaints ---------------------------------------------------------------------------------------------


@dataclass
class Case:
	"""One complaint and how far it has got (days: calendar days before today; moves: working days)."""

	state: str
	days: int  # received this many days ago
	severity: str
	handler: str | None  # user key; None: not yet assigned
	summary: str
	aspects: str  # KO41a "subject/service[/staff group]:outcome" (U, P or N), space separated
	description: str
	key: str | None = None  # for the records that refer to it
	by: str | None = None  # who logged it (default: the handler, else the complaints manager)
	via: str = "Letter"
	who: str = "self"  # the complainant: the patient, or their relation (RELATIONS)
	age: int = 50  # the patient's age when the complaint was made
	died: bool = False
	capacity: bool = False  # an adult patient who lacks capacity
	best_interests: bool = True
	consent: str = "Obtained"  # the patient's consent, when a relation complains at their request
	harm: bool = False  # possible significant harm: opens a duty of candour assessment
	event: int | None = None  # the events were this many days before receipt (default: a few weeks)
	waive: bool = False  # received after the 12-month limit, which is waived
	multi: str | None = None  # the other organisations of a joint complaint
	staff: tuple[str, str] | None = None  # (user key, role in the events) of a member of staff named
	ack: int = 2  # acknowledged this many working days after receipt
	late: int = -4  # response sent this many working days after it was due (negative: before)
	early: bool = False  # closed on the early resolution route
	escalate: bool = False  # resolved early, then escalated to an investigation
	returned: str | None = None  # who returned the draft response for changes
	extend: bool = False  # response date extended by agreement with the complainant
	reopen: bool = False  # closed, then reopened by the complaints manager
	withdraw_at: str = "Acknowledged"  # the state a withdrawn complaint was withdrawn from
	reason: str = ""  # why it was withdrawn
	learn: str = ""  # learning summary when closed
	# worked out when planned
	received: date | None = None
	name: str | None = None
	complainant: dict = field(default_factory=dict)
	patient: dict = field(default_factory=dict)
	last: date | None = None  # the day of its latest move


c = Case
# fmt: off
COMPLAINTS = [
	# state, received (days ago), severity, handler, summary, KO41a aspects, what the complainant told us
	c("Closed", 236, "High", "helen", "Swab left in after caesarean section",
	  "SA04/SV07/SG01:U SA06/SV07/SG02:P",
	  "A swab was left inside me after my emergency caesarean. I had weeks of pain and an infection before a "
	  "scan found it.",
	  key="swab", via="Solicitor", age=31,
	  learn="Swab counts at wound closure are now signed by two staff; the case was reviewed at the theatre "
	  "safety huddle and shared with the maternity governance group."),
	c("Closed", 222, "Moderate", "priya", "Discharged without a care package",
	  "SA02/SV06/SG02:U SA10/SV04/SG05:P",
	  "My father was sent home from ward 9 on a Friday evening with no carers arranged and fell over the "
	  "weekend.",
	  key="discharge", who="daughter", age=86,
	  learn="Discharges to a care package now wait for the provider to confirm the start date."),
	c("Closed", 214, "Low", "tom", "Parking charge while attending chemotherapy", "SA09/SV03/SG06:U",
	  "I was fined for overstaying in the multi-storey car park while my chemotherapy ran late.",
	  via="Email", age=63, early=True,
	  learn="Charge cancelled; the day unit now gives chemotherapy patients a free parking permit."),
	c("Closed", 205, "Moderate", "tom", "Hip operation cancelled on the day twice",
	  "SA03/SV11/SG07:U SA06/SV11/SG05:P",
	  "My hip replacement was cancelled on the day of surgery twice, after I had fasted and arranged care "
	  "for my wife.",
	  key="hipcancel", age=72, late=8,
	  learn="Every on-the-day cancellation is now reviewed by the theatre manager and rebooked within 28 "
	  "days."),
	c("Closed", 196, "High", "helen", "Mother's end of life care on ward 12",
	  "SA08/SV06/SG02:P SA14/SV06/SG02:U",
	  "We were not told Mum was dying until her last few hours, and she was moved to a side room without us.",
	  key="eolc", who="son", age=89, died=True, returned="richard",
	  learn="Families are told as soon as a patient is recognised as dying; discussed at the complaints "
	  "panel."),
	c("Closed", 187, "Low", "priya", "Lost hearing aid on ward 7", "SA12/SV06/SG02:U",
	  "My mother's hearing aid went missing on ward 7 and she could not follow what the doctors told her.",
	  key="hearing", by="liam", via="In Person", who="daughter", age=91, early=True,
	  learn="The hearing aid was replaced; ward 7 now records hearing aids, glasses and dentures on "
	  "admission."),
	c("Closed", 175, "Moderate", "tom", "Pain relief not given after knee surgery", "SA13/SV11/SG02:P",
	  "I waited over four hours for pain relief on my first night after knee surgery despite pressing the "
	  "call bell.",
	  age=64, ack=5,
	  learn="Pain scores after joint replacement are now part of the hourly rounding checklist."),
	c("Closed", 163, "Moderate", "priya", "Rude receptionist at outpatients", "SA19/SV09/SG05:P",
	  "The receptionist at the outpatients desk spoke to me abruptly, in front of other patients, about "
	  "being late.",
	  key="receptionist", via="Email", age=58, staff=("gemma", "Receptionist at the outpatients desk"),
	  learn="The reception team had a customer care refresher; the receptionist was supported throughout."),
	c("Closed", 151, "Low", "tom", "Wrong name on discharge letter", "SA18/SV06/SG05:U",
	  "The second page of my discharge letter had another patient's name and details on it.",
	  via="Phone", age=47, early=True,
	  learn="Reported to the information governance team; letters are now checked page by page before "
	  "posting."),
	c("Closed", 140, "Moderate", "priya", "Long wait for mental health crisis assessment",
	  "SA20/SV08/SG03:P SA06/SV08/SG03:N",
	  "I waited eleven hours in the emergency department for the crisis team and nobody told me why.",
	  key="crisis", via="Web Form", age=24,
	  learn="The crisis team now calls back within four hours and tells the department when it will arrive."),
	c("Closed", 128, "High", "helen", "Baby's jaundice missed before discharge",
	  "SA04/SV10/SG02:U SA06/SV07/SG02:P",
	  "Our newborn son was sent home yellow and sleepy; two days later he was readmitted for phototherapy.",
	  key="jaundice", who="mother", age=0,
	  learn="A jaundice check is now recorded before every newborn goes home."),
	c("Closed", 112, "Moderate", "tom", "Not told about medication side effects", "SA13/SV09/SG01:N",
	  "Nobody told me the new blood pressure tablets could make me dizzy, and I fell at home.",
	  key="sideeffects", age=45,
	  learn="The clinic letter showed the side effects were explained; the team will still point patients to "
	  "the pharmacy leaflet."),
	c("Closed", 98, "Low", "priya", "Cold food and no help to eat", "SA12/SV06/SG06:U",
	  "Dad's meals were left out of his reach and taken away cold and untouched.",
	  key="meals", who="daughter", age=88,
	  learn="Red trays and protected mealtimes are being brought back on the care of the elderly wards."),
	c("Closed", 86, "Moderate", "tom", "Transport missed dialysis appointments", "SA17/SV02/SG04:P",
	  "Patient transport did not come three times, so my husband missed dialysis.",
	  key="transport", who="wife", age=69,
	  learn="Renal transport bookings are to be checked with the provider the day before."),
	c("Closed", 74, "Low", "priya", "Dirty toilets in the emergency department", "SA09/SV01/SG06:U",
	  "The toilets in the emergency department had no soap or paper and had not been cleaned all evening.",
	  key="toilets", by="gemma", via="In Person", age=35, early=True,
	  learn="The toilets are now checked every two hours, with a sign-off sheet on the door."),

	c("Response Sent", 58, "Moderate", "priya", "Husband moved wards at night without telling us",
	  "SA06/SV06/SG02:P",
	  "My husband was moved to another ward at 2am and we only found out when we visited the next day.",
	  who="wife", age=79),
	c("Response Sent", 36, "Low", "tom", "Appointment letter arrived after the appointment",
	  "SA03/SV09/SG05:U",
	  "The letter for my eye clinic appointment arrived two days late and I was recorded as not attending.",
	  via="Email", age=70),
	c("Response Sent", 112, "High", "helen", "Reduced baby movements not taken seriously",
	  "SA04/SV07/SG02:P SA06/SV07/SG01:P",
	  "I phoned triage twice about reduced movements and was told to wait; my daughter was born by emergency "
	  "section.",
	  age=29, extend=True),
	c("Response Sent", 60, "Moderate", "priya", "Follow-up after an abnormal smear delayed",
	  "SA03/SV09/SG05:U SA06/SV09/SG01:P",
	  "I was told I would be seen within six weeks after an abnormal smear result; it took four months.",
	  age=36),

	c("Signed Off", 52, "Moderate", "tom", "Stoma supplies not arranged on discharge", "SA02/SV04/SG02:U",
	  "I went home after bowel surgery with two days of stoma bags and no referral to the district nurses.",
	  age=67),
	c("Signed Off", 74, "Moderate", "priya", "Two-year wait for son's autism assessment", "SA20/SV10/SG03:P",
	  "My son has waited two years for an autism assessment and his school cannot get him support without "
	  "it.",
	  who="mother", age=9),
	c("Signed Off", 40, "Low", "tom", "Private information discussed in a shared bay", "SA14/SV06/SG01:U",
	  "Doctors discussed my mother's diagnosis loudly in a four-bed bay where everyone could hear.",
	  who="daughter", age=73, consent="Pending"),

	c("Awaiting Sign-off", 65, "High", "helen", "Mother fell on ward 7 and broke her hip",
	  "SA12/SV06/SG02:U SA06/SV06/SG02:P",
	  "Mum was assessed as at risk of falls but was left alone in a bay and fell on her way to the toilet.",
	  key="fall", who="daughter", age=84),
	c("Awaiting Sign-off", 52, "Moderate", "priya", "Broken wrist missed in the emergency department",
	  "SA04/SV01/SG01:U",
	  "I was told my wrist was sprained; a week later the fracture clinic found it was broken.",
	  age=41),
	c("Awaiting Sign-off", 33, "Low", "tom", "Interpreter not booked for appointment", "SA06/SV09/SG05:U",
	  "No Polish interpreter was booked, so my mother's appointment went ahead with me translating.",
	  who="daughter", age=66),
	c("Awaiting Sign-off", 80, "Moderate", "tom", "Nurse dismissive when I was in pain", "SA19/SV06/SG02:P",
	  "A nurse on ward 7 told me I was exaggerating my pain and walked away.",
	  key="dismissive", age=52, staff=("liam", "Nurse in charge of the bay")),
	c("Awaiting Sign-off", 30, "Low", "priya", "Car park barrier stuck, appointment missed",
	  "SA09/SV09/SG06:N",
	  "The car park barrier was stuck for forty minutes and I missed my physiotherapy appointment.",
	  via="Web Form", age=38),

	c("Under Investigation", 38, "High", "helen", "Delay in cancer diagnosis",
	  "SA04/SV03/SG01 SA03/SV05/SG05",
	  "My urgent referral for suspected bowel cancer was not booked for seven weeks, and the cancer had "
	  "spread by the time I was seen.",
	  key="cancer", age=58, harm=True),
	c("Under Investigation", 120, "Moderate", "tom", "Cataract surgery cancelled four times",
	  "SA03/SV11/SG07",
	  "My cataract operation has been cancelled four times and I can no longer drive.",
	  via="MP", age=77),
	c("Under Investigation", 60, "Low", "priya", "No hot water in maternity bathrooms", "SA09/SV07/SG06",
	  "There was no hot water in the maternity ward bathrooms for the three days I was there.",
	  via="Web Form", age=33),
	c("Under Investigation", 55, "Moderate", "tom", "Pressure sore developed on ward 4", "SA12/SV06/SG02",
	  "Dad developed a deep pressure sore on his heel on ward 4 and nobody told us.",
	  who="son", age=90, capacity=True),
	c("Under Investigation", 50, "Moderate", "priya", "Physiotherapy stopped without explanation",
	  "SA04/SV04/SG03",
	  "My community physiotherapy stopped after two sessions and nobody has called me back.",
	  age=61),
	c("Under Investigation", 20, "High", "helen", "Restraint used on my daughter on the adolescent unit",
	  "SA15/SV08/SG02 SA14/SV08/SG02",
	  "My daughter was held face down by staff on the adolescent unit and came home bruised and frightened.",
	  key="restraint", who="mother", age=17),
	c("Under Investigation", 30, "Moderate", "tom", "Blood test result never followed up", "SA04/SV09/SG01",
	  "An abnormal blood test from over a year ago was never acted on; my GP found it when I became unwell.",
	  age=55, event=400, waive=True),
	c("Under Investigation", 62, "Moderate", "priya", "Community nurse visits missed", "SA04/SV04/SG02:P",
	  "District nurses missed five visits to change my wife's leg dressings.",
	  who="husband", age=76, returned="richard"),
	c("Under Investigation", 70, "High", "helen", "Antibiotic allergy ignored",
	  "SA13/SV06/SG01:U SA18/SV06/SG05:P",
	  "I was given penicillin despite my allergy band and my notes, and had a reaction on the ward.",
	  age=47, returned="helen"),
	c("Under Investigation", 25, "Low", "tom", "Could not get through to the booking line", "SA03/SV09/SG05",
	  "I rang the outpatient booking line 23 times over two days and nobody answered.",
	  by="gemma", via="Phone", age=59, escalate=True),
	c("Under Investigation", 90, "High", "priya", "Complications after gallbladder surgery",
	  "SA04/SV11/SG01 SA06/SV11/SG01",
	  "I was readmitted twice with a bile leak after keyhole gallbladder surgery and nobody explained what "
	  "went wrong.",
	  extend=True),
	c("Under Investigation", 200, "Moderate", "helen", "Husband's fall and head injury not reported to us",
	  "SA06/SV06/SG02:P SA04/SV06/SG02:N",
	  "My husband hit his head in a fall on the ward and we were not told until two days later.",
	  who="wife", age=81, reopen=True,
	  learn="Ward staff reminded to tell families the same day about any fall."),

	c("Acknowledged", 12, "Moderate", "priya", "Rude porter in the emergency department", "SA19/SV01/SG06",
	  "A porter swore at me while taking me to x-ray on a trolley.",
	  age=34),
	c("Acknowledged", 8, "Low", "tom", "Wedding ring lost in theatre", "SA12/SV11/SG02",
	  "My wedding ring was taken off before my operation and nobody can find it.",
	  by="liam", via="In Person", age=62),
	c("Acknowledged", 15, "Moderate", "tom", "Partner not allowed to stay on the maternity ward",
	  "SA14/SV07/SG02",
	  "My partner was sent home at 10pm while I was in pain after my section, against the trust's own "
	  "policy.",
	  via="Web Form", age=30),
	c("Acknowledged", 18, "Extreme", "helen", "Father died after sepsis was missed in A&E",
	  "SA04/SV01/SG01 SA06/SV01/SG01",
	  "Dad was left in a corridor for six hours with a high temperature; he died of sepsis two days later.",
	  key="sepsis", who="son", age=78, died=True),
	c("Acknowledged", 10, "Moderate", "priya", "Wheelchair user could not get into the clinic",
	  "SA09/SV09/SG06",
	  "The accessible entrance to the hand clinic was locked and I had to be lifted up the steps.",
	  age=44, ack=5),
	c("Acknowledged", 6, "Low", "tom", "Conflicting advice about feeding my baby", "SA06/SV07/SG02",
	  "Every midwife gave me different advice about feeding and I left hospital in tears.",
	  age=27),

	c("Resolved Early", 20, "Low", "tom", "Clinic ran two hours late with no explanation", "SA20/SV09/SG05:U",
	  "The fracture clinic ran two hours late and nobody told us why or how long we would wait.",
	  by="gemma", via="In Person", age=71),
	c("Resolved Early", 14, "Low", "priya", "Glasses lost after a ward move", "SA12/SV06/SG02:U",
	  "Mum's glasses did not come with her when she was moved from ward 7 to ward 5.",
	  by="liam", via="In Person", who="daughter", age=85),
	c("Resolved Early", 9, "Low", "tom", "Confusing appointment letter", "SA06/SV09/SG05:P",
	  "My appointment letter gave two different times and the wrong building.",
	  via="Email", age=52),
	c("Resolved Early", 5, "Low", "priya", "Bedside television card not refunded", "SA09/SV06/SG06:U",
	  "I was discharged with eight days left on my bedside television card and cannot get a refund.",
	  via="Phone", age=68),
	c("Resolved Early", 3, "Low", "tom", "Signs to the eye clinic confusing", "SA09/SV09/SG06:N",
	  "The signs from the main entrance to the eye clinic sent me round in circles and I was late.",
	  by="gemma", via="In Person", age=80),

	c("Received", 0, "Moderate", None, "Waited nine hours on a trolley in A&E", "",
	  "My mother waited nine hours on a trolley in the emergency department and was not offered a drink.",
	  by="helen", via="Email", who="daughter", age=83),
	c("Received", 1, "Low", None, "Comments about my weight at the diabetes clinic", "",
	  "A member of staff made remarks about my weight in the waiting room at the diabetes clinic.",
	  by="gemma", via="In Person", age=49),
	c("Received", 2, "Moderate", None, "Call bell not answered on ward 7", "",
	  "Dad pressed his call bell for forty minutes overnight and wet the bed before anyone came.",
	  by="liam", via="Phone", who="son", age=87),
	c("Received", 7, "Moderate", "tom", "Daughter's plaster cast too tight", "",
	  "My daughter's arm plaster was too tight and her fingers went blue; we were sent away twice.",
	  who="father", age=6, best_interests=False),
	c("Received", 10, "Low", "priya", "Hospital letters sent to an old address", "",
	  "All my appointment letters still go to the address I left two years ago, even though I told the "
	  "clinic.",
	  age=39),
	c("Received", 5, "Moderate", "helen", "Complications from surgery the year before last", "",
	  "I have had problems with my hernia repair since the operation and want to know what went wrong.",
	  age=66, event=470),

	c("Withdrawn", 160, "Moderate", "tom", "Charged as an overseas visitor", "SA18/SV01/SG05",
	  "I was sent a bill for my emergency treatment as an overseas visitor although I have lived here for "
	  "years.",
	  age=42,
	  reason="The overseas visitors team saw the complainant's residence documents and cancelled the bill; "
	  "the complainant asked us to close the complaint."),
	c("Withdrawn", 110, "Low", "priya", "Noise on the ward at night", "",
	  "Staff talked loudly at the nurses' station all night and I could not sleep.",
	  age=57, withdraw_at="Received",
	  reason="The complainant spoke to the ward sister, was satisfied and asked us not to take it further."),
	c("Withdrawn", 45, "Moderate", "tom", "Ambulance handover delay outside A&E", "SA20/SV01/SG07",
	  "My wife waited three hours in an ambulance outside the emergency department.",
	  who="husband", age=74, multi="North Shires Ambulance Service NHS Trust",
	  withdraw_at="Under Investigation",
	  reason="The complainant chose to pursue the complaint with the ambulance trust, which leads the "
	  "response."),
	c("Withdrawn", 16, "Low", "priya", "Clinic letter not sent to my GP", "",
	  "My GP says the clinic never sent a letter about my new medication.",
	  age=64,
	  reason="The letter had reached the GP practice; the complainant was happy and asked us to close it."),
]
# fmt: on
del c
