"""Who may see which JLC records.

Each doctype with row rules has one rule: a function giving, for a user, the SQL condition on its table
(None when the user is unrestricted). The list hook (`query_conditions`) returns it; the document hook
(`has_permission`) asks the database whether the stored document meets the same condition; reports add it
to their queries with `apply_rules`. Child tables follow their parent's rule. One rule, every use.
"""

import json

import frappe
from frappe import _
from pypika.terms import LiteralValue

from jlc_frappe.doc_changes import is_jlc_doctype

COMPLAINTS_MANAGER = "Complaints Manager"
COMPLAINTS_HANDLER = "Complaints Handler"
RESPONSIBLE_PERSON = "Responsible Person"
SENIOR_LEADER = "Senior Leader"
PANEL_MEMBER = "Complaints Panel Member"
PATIENT_SAFETY_LEAD = "Patient Safety Lead"
CLAIMS_LEAD = "Claims Lead"
JLC_STAFF = "JLC Staff"
SYSTEM_MANAGER = "System Manager"

# Roles that read every complaint, except those naming them as staff involved.
_READ_ALL_COMPLAINTS = {RESPONSIBLE_PERSON, SENIOR_LEADER, SYSTEM_MANAGER}
# Roles that may change a complaint's content (others only move it through their workflow actions).
CONTENT_EDITOR_ROLES = {COMPLAINTS_MANAGER, COMPLAINTS_HANDLER}
# Learning is shared across the organisation; JLC Staff see only the actions they own.
_READ_ALL_LEARNING = {
	COMPLAINTS_MANAGER,
	COMPLAINTS_HANDLER,
	RESPONSIBLE_PERSON,
	SENIOR_LEADER,
	PANEL_MEMBER,
	PATIENT_SAFETY_LEAD,
	CLAIMS_LEAD,
	SYSTEM_MANAGER,
}
_READ_ALL_MEETINGS = {COMPLAINTS_MANAGER, RESPONSIBLE_PERSON, SENIOR_LEADER, SYSTEM_MANAGER}


def _roles(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def sql_quote(value: str) -> str:
	return frappe.db.escape(value, percent=False)


def _like_literal(text: str) -> str:
	"""Escape LIKE wildcards so a user id matches only itself."""
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _shared_with(doctype: str, who: str) -> str:
	return (
		f"`tab{doctype}`.`name` in (select `share_name` from `tabDocShare` where `share_doctype`={sql_quote(doctype)}"
		f" and `read`=1 and (`user`={who} or `everyone`=1))"
	)


def _unrestricted(user: str, roles: set[str], *full_roles: str) -> bool:
	return user == "Administrator" or bool(roles & set(full_roles))


def complaint_condition(user: str) -> str | None:
	roles = _roles(user)
	if _unrestricted(user, roles, COMPLAINTS_MANAGER):
		return None
	table, who = "`tabComplaint`", sql_quote(user)
	if roles & _READ_ALL_COMPLAINTS:
		grants = ["1=1"]
	else:
		grants = [_shared_with("Complaint", who)]
		if COMPLAINTS_HANDLER in roles:
			assigned = sql_quote("%" + _like_literal(json.dumps(user)) + "%")
			grants += [f"{table}.`handler`={who}", f"{table}.`_assign` like {assigned}"]
		if JLC_STAFF in roles:
			grants.append(f"{table}.`owner`={who}")
		if PANEL_MEMBER in roles:
			grants.append(
				f"{table}.`name` in (select `complaint` from `tabPanel Meeting Case` where `parent` in"
				f" ({_meetings_attended(who)}))"
			)
	not_involved = (
		f"{table}.`name` not in (select `parent` from `tabComplaint Staff Involved`"
		f" where `parenttype`='Complaint' and `user`={who})"
	)
	return f"(({' or '.join(grants)}) and {not_involved})"


def _meetings_attended(who: str) -> str:
	return (
		f"select `name` from `tabComplaints Panel Meeting` where `chair`={who} union"
		f" select `parent` from `tabPanel Meeting Attendee` where `user`={who}"
	)


def learning_action_condition(user: str) -> str | None:
	roles = _roles(user)
	if _unrestricted(user, roles, *_READ_ALL_LEARNING):
		return None
	who = sql_quote(user)
	return f"(`tabLearning Action`.`action_owner`={who} or {_shared_with('Learning Action', who)})"


def panel_meeting_condition(user: str) -> str | None:
	roles = _roles(user)
	if _unrestricted(user, roles, *_READ_ALL_MEETINGS):
		return None
	return f"`tabComplaints Panel Meeting`.`name` in ({_meetings_attended(sql_quote(user))})"


def ombudsman_referral_condition(user: str) -> str | None:
	"""A referral is read by those who may read its complaint."""
	complaint = complaint_condition(user)
	if complaint is None:
		return None
	return (
		"`tabOmbudsman Referral`.`complaint` in"
		f" (select `tabComplaint`.`name` from `tabComplaint` where {complaint})"
	)


def staff_support_condition(user: str) -> str | None:
	"""Managers and safety leads read all; handlers, those about complaints they may read; staff, their own."""
	roles = _roles(user)
	if _unrestricted(user, roles, COMPLAINTS_MANAGER, SENIOR_LEADER, PATIENT_SAFETY_LEAD, SYSTEM_MANAGER):
		return None
	table, who = "`tabStaff Support Record`", sql_quote(user)
	grants = [f"{table}.`staff_member`={who}", f"{table}.`owner`={who}"]
	if COMPLAINTS_HANDLER in roles:
		grants.append(
			f"{table}.`complaint` in (select `tabComplaint`.`name` from `tabComplaint`"
			f" where {complaint_condition(user)})"
		)
	return f"({' or '.join(grants)})"


# --- identities (JLC Person) ------------------------------------------------------------------------------------
# Who reads the people a record is about, on the records of each doctype they may read. JLC Staff read the people
# on the complaints they logged themselves. Identity fields are virtual (jlc_frappe/identity.py); the person is
# read only through such a record.
IDENTITY_READERS = {
	"Complaint": {COMPLAINTS_MANAGER, COMPLAINTS_HANDLER, RESPONSIBLE_PERSON},
	"Patient Safety Incident": {PATIENT_SAFETY_LEAD},
	"Claim": {CLAIMS_LEAD},
	"Candour Notification": {PATIENT_SAFETY_LEAD, COMPLAINTS_MANAGER},
	# a person's request for their data (jlc_records): its person, export and letters, for Complaints Managers
	"Subject Access Request": {COMPLAINTS_MANAGER},
}
# doctype: link fields naming a JLC Person (mirrors identity.PEOPLE, which imports this module; a subject access
# request links its person without showing their details as fields)
PERSON_LINKS = {
	"Complaint": ("complainant", "patient"),
	"Patient Safety Incident": ("patient",),
	"Claim": ("claimant", "patient"),
	"Candour Notification": ("patient", "relevant_person"),
	"Subject Access Request": ("person",),
}
NO_ROWS = "1=0"


def identity_condition(doctype: str, user: str | None = None) -> str | None:
	"""The rows of `doctype` whose people `user` may read: None for every row they read, else a condition."""
	user = user or frappe.session.user
	roles = _roles(user)
	rule = condition(doctype, user) if doctype in ROW_RULES else None
	if _unrestricted(user, roles, *IDENTITY_READERS[doctype]):
		return rule
	if doctype == "Complaint" and JLC_STAFF in roles:
		return f"(`tabComplaint`.`owner`={sql_quote(user)} and {rule or '1=1'})"
	return NO_ROWS


def reads_identity(doc, user: str | None = None) -> bool:
	"""Whether `user` may read the people of the stored record `doc`."""
	rule = identity_condition(doc.doctype, user)
	if rule == NO_ROWS or doc.get("__islocal") or not doc.get("name"):
		return False
	return rule is None or bool(_stored_rows_meeting(doc.doctype, [doc.name], rule))


def where_identity_readable(query, doctype: str, user: str | None = None):
	"""A frappe.qb query on `doctype` kept to the rows whose people `user` may read; None when there are none."""
	rule = identity_condition(doctype, user)
	if rule == NO_ROWS:
		return None
	return query if rule is None else query.where(_literal(rule))


def person_condition(user: str) -> str | None:
	"""A person is read only through a record about them that the user may read with identity rights."""
	if user == "Administrator":
		return None
	ways = []
	for doctype, links in PERSON_LINKS.items():
		rule = identity_condition(doctype, user)
		if rule == NO_ROWS:
			continue
		for link in links:
			ways.append(
				f"exists (select 1 from `tab{doctype}` where `tab{doctype}`.`{link}`=`tabJLC Person`.`name`"
				f" and {rule or '1=1'})"
			)
	return f"({' or '.join(ways)})" if ways else NO_ROWS


def support_feedback_condition(user: str) -> str | None:
	"""The staff member's feedback: theirs, and read by those who may read the support record."""
	record = staff_support_condition(user)
	if record is None:
		return None
	table, who = "`tabStaff Support Feedback`", sql_quote(user)
	return (
		f"({table}.`staff_member`={who} or {table}.`support_record` in"
		f" (select `tabStaff Support Record`.`name` from `tabStaff Support Record` where {record}))"
	)


def fair_treatment_condition(user: str) -> str | None:
	"""Never read by the member of staff it is about, nor by anyone named as staff involved in its complaint."""
	if user == "Administrator":
		return None
	table, who = "`tabFair Treatment Review`", sql_quote(user)
	return (
		f"(ifnull({table}.`staff_member`, '')<>{who} and ifnull({table}.`complaint`, '') not in"
		f" (select `parent` from `tabComplaint Staff Involved` where `parenttype`='Complaint' and `user`={who}))"
	)


def cqc_request_condition(user: str) -> str | None:
	"""A CQC request's pack lists the complaints received or closed, and the Ombudsman's cases open, in its period:
	never read by anyone (but a Complaints Manager) named as staff involved in one of those complaints."""
	roles = _roles(user)
	if _unrestricted(user, roles, COMPLAINTS_MANAGER):
		return None
	request, who = "`tabCQC Request`", sql_quote(user)
	in_period = f"between {request}.`period_from` and {request}.`period_to`"
	referred = (
		f"select `complaint` from `tabOmbudsman Referral` where `referred_on`<={request}.`period_to`"
		f" and (`decision_on` is null or `decision_on`>={request}.`period_from`)"
	)
	return (
		"not exists (select 1 from `tabComplaint Staff Involved` s join `tabComplaint` c on c.`name`=s.`parent`"
		f" where s.`parenttype`='Complaint' and s.`user`={who} and (c.`received_on` {in_period}"
		f" or c.`closed_on` {in_period} or c.`name` in ({referred})))"
	)


def reminder_sent_condition(user: str) -> str | None:
	"""A reminder sent names a record and its deadline: read by Complaints Managers (who read every record a
	reminder is about), and by others with the doctype (System Managers) only about records they may read."""
	roles = _roles(user)
	if _unrestricted(user, roles, COMPLAINTS_MANAGER):
		return None
	table, ways = "`tabJLC Reminder Sent`", []
	for target in jlc_doctypes():
		if target == "JLC Reminder Sent" or not frappe.has_permission(target, "read", user=user):
			continue
		rule, about = row_rule(target, user), f"{table}.`reference_doctype`={sql_quote(target)}"
		if rule is not None:
			about += f" and {table}.`reference_name` in (select `name` from `tab{target}` where {rule})"
		ways.append(f"({about})")
	return f"({' or '.join(ways)})" if ways else NO_ROWS


def experience_invitation_condition(user: str) -> str | None:
	"""An invitation to give feedback links a complaint to the answers given: read only by those who may read
	the complaint (System Managers have the doctype; the answers themselves name no complaint)."""
	complaint = complaint_condition(user)
	if complaint is None:
		return None
	return (
		"`tabExperience Invitation`.`complaint` in"
		f" (select `tabComplaint`.`name` from `tabComplaint` where {complaint})"
	)


# A member of staff's training and objectives: theirs; read by all only where the service is run and overseen.
_READ_ALL_STAFF_DEVELOPMENT = {COMPLAINTS_MANAGER, SENIOR_LEADER, SYSTEM_MANAGER}


def training_record_condition(user: str) -> str | None:
	"""A member of staff reads their own training records; Complaints Managers and Senior Leaders read all."""
	if _unrestricted(user, _roles(user), *_READ_ALL_STAFF_DEVELOPMENT):
		return None
	return f"`tabJLC Training Record`.`staff_member`={sql_quote(user)}"


def staff_objectives_condition(user: str) -> str | None:
	"""A member of staff reads their own objectives, as does the reviewer they name (or share them with)."""
	if _unrestricted(user, _roles(user), *_READ_ALL_STAFF_DEVELOPMENT):
		return None
	table, who = "`tabJLC Staff Objectives`", sql_quote(user)
	return (
		f"({table}.`staff_member`={who} or {table}.`reviewer`={who}"
		f" or {_shared_with('JLC Staff Objectives', who)})"
	)


ROW_RULES = {
	"JLC Person": person_condition,
	"Staff Support Feedback": support_feedback_condition,
	"Fair Treatment Review": fair_treatment_condition,
	"Complaint": complaint_condition,
	"Learning Action": learning_action_condition,
	"Complaints Panel Meeting": panel_meeting_condition,
	"Ombudsman Referral": ombudsman_referral_condition,
	"Staff Support Record": staff_support_condition,
	"CQC Request": cqc_request_condition,
	"JLC Reminder Sent": reminder_sent_condition,
	"Experience Invitation": experience_invitation_condition,
	"JLC Training Record": training_record_condition,
	"JLC Staff Objectives": staff_objectives_condition,
}
CHILD_TABLES = {
	"Complaint Aspect": "Complaint",
	"Complaint Staff Involved": "Complaint",
	"Complaint Response Due Change": "Complaint",
	"Learning Action Source": "Learning Action",
	"Learning Action Due Change": "Learning Action",
	"Panel Meeting Attendee": "Complaints Panel Meeting",
	"Panel Meeting Case": "Complaints Panel Meeting",
	"Panel Meeting Action Review": "Complaints Panel Meeting",
	"Ombudsman Recommendation": "Ombudsman Referral",
	"Staff Support Update": "Staff Support Record",
	"Fair Treatment Answer": "Fair Treatment Review",
	"Fair Treatment Assessor": "Fair Treatment Review",
	"Experience Invitation Area": "Experience Invitation",
	"JLC Staff Objective": "JLC Staff Objectives",
}


def condition(doctype: str, user: str | None = None) -> str | None:
	"""The WHERE fragment limiting the `doctype` rows `user` may read; None when unrestricted."""
	user = user or frappe.session.user
	if doctype in CHILD_TABLES:
		parent = CHILD_TABLES[doctype]
		rule = ROW_RULES[parent](user)
		if rule is None:
			return None
		return (
			f"`tab{doctype}`.`parenttype`={sql_quote(parent)} and `tab{doctype}`.`parent` in"
			f" (select `tab{parent}`.`name` from `tab{parent}` where {rule})"
		)
	return ROW_RULES[doctype](user)


def row_rule(doctype: str, user: str | None = None) -> str | None:
	"""The JLC row rule limiting `user` on `doctype`; None when they read every row (or it has no rule)."""
	if doctype in ROW_RULES or doctype in CHILD_TABLES:
		return condition(doctype, user or frappe.session.user)
	return None


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every doctype in ROW_RULES and CHILD_TABLES."""
	return condition(doctype, user) or ""


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission hook: the same condition, asked of the stored document."""
	rule = condition(doc.doctype, user)
	if rule is None or doc.get("__islocal") or not doc.get("name"):
		return True
	return bool(_stored_rows_meeting(doc.doctype, [doc.name], rule))


def readable_names(doctype: str, names: list[str], user: str) -> set[str]:
	"""Those of the records `names` that `user` may read: the doctype's permission and the same row rule as
	has_permission, asked of all of them in one query (jobs that tell many people about many records)."""
	if not names or not frappe.has_permission(doctype, "read", user=user):
		return set()
	rule = row_rule(doctype, user)
	return set(names) if rule is None else set(_stored_rows_meeting(doctype, names, rule))


def _stored_rows_meeting(doctype: str, names: list[str], rule: str) -> list[str]:
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).select(table.name).where(table.name.isin(names))
	return query.where(_literal(rule)).run(pluck=True)


def _literal(rule: str) -> LiteralValue:
	# frappe.qb sends parameterised SQL, so a literal % (LIKE patterns) is written %% here
	return LiteralValue(rule.replace("%", "%%"))


def apply_rules(query, doctype: str, user: str | None = None):
	"""Add the row rule of `doctype` to a frappe.qb query selecting from its table (reports, APIs)."""
	rule = condition(doctype, user)
	return query if rule is None else query.where(_literal(rule))


# --- attachments ----------------------------------------------------------------------------------------------
# Files attached to records that hold people's identities are about those people too: read only by those who may
# read the record's identities, or by whoever uploaded them. Frappe's own File rule still applies.

PATIENT_DATA_DOCTYPES = tuple(IDENTITY_READERS)


def attachment_condition(user: str | None = None) -> str | None:
	"""The WHERE fragment on `tabFile` hiding withheld attachments; None when nothing is withheld."""
	user = user or frappe.session.user
	parts, letters = [], []
	for doctype in PATIENT_DATA_DOCTYPES:
		rule = identity_condition(doctype, user)
		if rule is None:
			continue
		readable = (
			""
			if rule == NO_ROWS
			else f" or `tabFile`.`attached_to_name` in (select `tab{doctype}`.`name` from `tab{doctype}` where {rule})"
		)
		parts.append(f"(ifnull(`tabFile`.`attached_to_doctype`, '')<>{sql_quote(doctype)}{readable})")
		# the PDFs of letters and the attachments of emails about such a record (jlc_frappe/letters/)
		unread = (
			""
			if rule == NO_ROWS
			else f" and `reference_name` not in (select `name` from `tab{doctype}` where {rule})"
		)
		letters.append(f"(`reference_doctype`={sql_quote(doctype)}{unread})")
	if letters:
		parts.append(
			"(ifnull(`tabFile`.`attached_to_doctype`, '')<>'Communication' or `tabFile`.`attached_to_name` not in"
			f" (select `name` from `tabCommunication` where {' or '.join(letters)}))"
		)
	if not parts:
		return None
	return f"(`tabFile`.`owner`={sql_quote(user)} or ({' and '.join(parts)}))"


def attachment_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for File."""
	return attachment_condition(user) or ""


def attachment_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission hook for File: deny a withheld attachment, else no opinion (Frappe's own rule decides)."""
	rule = attachment_condition(user)
	if rule is None or doc.get("__islocal") or not doc.get("name"):
		return None
	return None if _stored_rows_meeting("File", [doc.name], rule) else False


def readable_attachments(attachments: list, user: str | None = None) -> list:
	"""A form sidebar's attachment list, without the attachments withheld from `user`."""
	rule = attachment_condition(user)
	if rule is None or not attachments:
		return attachments
	readable = set(_stored_rows_meeting("File", [a.get("name") for a in attachments], rule))
	return [a for a in attachments if a.get("name") in readable]


# --- records about JLC records ---------------------------------------------------------------------------------
# Files, comments, versions, ToDos, tags, shares, follows and logs of a JLC record tell what the record holds:
# each is read only by those who may read the record (Frappe lets System Managers, or everyone, list them).

# doctype: (field naming the doctype a row is about, field naming the record)
RECORDS_ABOUT = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"DocShare": ("share_doctype", "share_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Version": ("ref_doctype", "docname"),
	"Notification Log": ("document_type", "document_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
	"Access Log": ("export_from", "reference_document"),
}
READ_RIGHTS = (None, "read", "select", "print", "email", "export", "report")
# Rows about a record that name its people: read as its people are (letters, emails; jlc_frappe/letters/).
CORRESPONDENCE = ("Communication",)
ATTACHMENT_COMMENTS = ("Attachment", "Attachment Removed")


def about_condition(doctype: str, user: str | None = None) -> str | None:
	"""The rows of `doctype` (in RECORDS_ABOUT) `user` may list: a row about a JLC record only if they may read
	the record; a comment logging an attachment only if they may read such attachments (permissions.py)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	about, record = (f"`tab{doctype}`.`{f}`" for f in RECORDS_ABOUT[doctype])
	jlc = jlc_doctypes()
	ways = [f"ifnull({about}, '') not in ({', '.join(sql_quote(d) for d in jlc)})"]
	for target in jlc:
		if not frappe.has_permission(target, "read", user=user):
			continue
		rule = _about_rule(doctype, target, user)
		if rule == NO_ROWS:
			continue
		rows = "" if rule is None else f" and {record} in (select `name` from `tab{target}` where {rule})"
		ways.append(f"({about}={sql_quote(target)}{rows})")
	condition = f"({' or '.join(ways)})"
	if doctype == "Comment" and (logs := _attachment_logs_condition(user)):
		condition += f" and {logs}"
	return condition


def _about_rule(doctype: str, target: str, user: str) -> str | None:
	"""Letters and emails about a record with people name them (names, addresses, email addresses): read only by
	those who may read the record's people. Other rows about a record follow its row rule."""
	if doctype in CORRESPONDENCE and target in PATIENT_DATA_DOCTYPES:
		return identity_condition(target, user)
	return row_rule(target, user)


def _attachment_logs_condition(user: str) -> str | None:
	"""Attachment comments name the file: shown as the attachments themselves (uploader, identity readers)."""
	hidden = []
	for doctype in PATIENT_DATA_DOCTYPES:
		rule = identity_condition(doctype, user)
		if rule is None:
			continue
		readable = "" if rule == NO_ROWS else f"(select `name` from `tab{doctype}` where {rule})"
		hidden.append(
			f"(`tabComment`.`reference_doctype`={sql_quote(doctype)}"
			+ (f" and `tabComment`.`reference_name` not in {readable})" if readable else ")")
		)
	if not hidden:
		return None
	kinds = ", ".join(sql_quote(k) for k in ATTACHMENT_COMMENTS)
	return (
		f"(`tabComment`.`comment_type` not in ({kinds}) or `tabComment`.`owner`={sql_quote(user)}"
		f" or not ({' or '.join(hidden)}))"
	)


def jlc_doctypes() -> list[str]:
	if not getattr(frappe.local, "jlc_doctypes", None):
		modules = frappe.get_module_list("jlc_frappe")
		filters = {"module": ("in", modules), "istable": 0}
		frappe.local.jlc_doctypes = frappe.get_all("DocType", filters=filters, pluck="name")
	return frappe.local.jlc_doctypes


def readable_rows(doctype: str, rows: list, user: str | None = None) -> list:
	"""`rows` (dicts with a name) of a RECORDS_ABOUT doctype, without those `user` may not list."""
	condition = about_condition(doctype, user)
	if condition is None or not rows:
		return rows
	readable = set(_stored_rows_meeting(doctype, [row.get("name") for row in rows], condition))
	return [row for row in rows if row.get("name") in readable]


def record_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission hook for RECORDS_ABOUT doctypes: a row about a JLC record is read as its list says (only by
	readers of the record); a file of one is attached, changed or deleted only by those who may write the record.
	Otherwise no opinion (Frappe's rules and the app's identity rule for attachments decide)."""
	user = user or frappe.session.user
	about, record = (doc.get(f) for f in RECORDS_ABOUT[doc.doctype])
	if user == "Administrator" or not record or not is_jlc_doctype(about):
		return None
	if doc.doctype == "File" and ptype not in READ_RIGHTS:
		if not frappe.db.exists(about, record):  # a form not saved yet: relinked when it is
			return None if ptype == "create" else False
		return None if may_read(about, record, user, "write") else False
	if ptype not in READ_RIGHTS:
		return None
	if doc.get("__islocal") or not doc.get("name"):
		return None if may_read(about, record, user) else False
	return (
		None if _stored_rows_meeting(doc.doctype, [doc.name], about_condition(doc.doctype, user)) else False
	)


def may_read(doctype: str, name: str, user: str | None = None, ptype: str = "read") -> bool:
	"""Whether `user` may read (ptype) a record; True for records outside JLC (Frappe's own rules apply)."""
	if not is_jlc_doctype(doctype):
		return True
	return bool(frappe.db.exists(doctype, name)) and frappe.has_permission(
		doctype, ptype, doc=name, user=user
	)


# --- fields and deletion --------------------------------------------------------------------------------------


def unreadable_fields(doctype: str, user: str | None = None) -> set[str]:
	"""Fields of `doctype` no query of `user` may read or filter by: above their permlevels, or virtual (people's
	details, shown on the document to those who may read them and never stored on the record)."""
	from frappe.model import get_permitted_fields

	restricted = {df.fieldname for df in frappe.get_meta(doctype).fields if df.permlevel}
	if restricted:
		restricted -= set(get_permitted_fields(doctype, user=user, permission_type="read"))
	return restricted | virtual_fieldnames(doctype)


def virtual_fieldnames(doctype: str) -> set[str]:
	return {df.fieldname for df in frappe.get_meta(doctype).fields if df.get("is_virtual")}


def check_statutory_delete(doc) -> None:
	"""on_trash of statutory records: only a System Manager deletes one."""
	if not has_role(SYSTEM_MANAGER):
		frappe.throw(
			_("{0} is a statutory record: only a System Manager can delete it.").format(_(doc.doctype)),
			frappe.PermissionError,
		)


def has_role(*roles: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(_roles(user) & set(roles))


def can_edit_complaint_content(user: str | None = None) -> bool:
	return has_role(*CONTENT_EDITOR_ROLES, user=user)
