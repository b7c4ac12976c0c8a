# Copyright (c) 2026, JLC developers. License: MIT.
"""Frappe's generic read paths (jlc_frappe/read_guards/): each hole tried as an attacker, then the legitimate use.

The complaint `involved` names the Senior Leader as staff involved: the leader reads every other complaint but
never this one, whichever path they try (a share, an assignment, a ToDo, a follow, a tag, a file, a print, a link
join, a crafted document). Each test says what leaked on Frappe 15.44 before the guard.
"""

import base64
import json

import frappe
from frappe.desk.doctype.tag.tag import add_tag
from frappe.desk.form.assign_to import add as assign
from frappe.utils import today

from jlc_frappe.compat import JLCTestCase
from jlc_frappe.read_guards import patches as read_guards
from jlc_frappe.tests.fixtures import api_token, ensure_users, make_complaint, rest

METHOD = "/api/method/"
RAW_SQL = "1=1"  # any SQL text: a subquery here was a boolean oracle over every table
TAGS = ("jlc-read-guards-1", "jlc-read-guards-2")


class TestReadGuards(JLCTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		read_guards.install()
		cls.users = u = ensure_users()
		named = [{"user": u["leader"]}, {"user": u["sysmgr"]}]
		cls.involved = make_complaint(handler=u["handler"], staff_involved=named)
		cls.handled = make_complaint(handler=u["handler"], summary="Handled by the handler")
		for doc in (cls.involved, cls.handled):
			doc.description = "Revised after a call with the complainant."
			doc.save(ignore_version=False)  # a version (tests make none by default)
		cls.other = make_complaint(summary="Nobody's case yet")
		cls.referral = frappe.get_doc(
			{
				"doctype": "Ombudsman Referral",
				"complaint": cls.involved.name,
				"referred_on": today(),
				"stage": "Enquiry",
			}
		).insert()
		cls.support = frappe.get_doc(
			{"doctype": "Staff Support Record", "staff_member": u["leader"], "complaint": cls.involved.name}
		).insert()
		cls.letter = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "referral-letter.txt",
				"attached_to_doctype": "Ombudsman Referral",
				"attached_to_name": cls.referral.name,
				"is_private": 1,
				"content": b"Letter to the Ombudsman",
			}
		).insert()
		cls.scan = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "handled-scan.txt",
				"attached_to_doctype": "Complaint",
				"attached_to_name": cls.handled.name,
				"is_private": 1,
				"content": b"Scanned letter",
			}
		).insert()
		for doc in (cls.involved, cls.handled):
			assign({"doctype": "Complaint", "name": doc.name, "assign_to": [u["handler"]]})
			add_tag(TAGS[0], "Complaint", doc.name)
		frappe.db.set_value("User", u["leader"], "document_follow_notify", 1)
		cls.tokens = {
			key: api_token(u[key]) for key in ("leader", "handler", "handler2", "manager", "staff2")
		}
		cls.ours = [cls.involved.name, cls.handled.name, cls.other.name]
		frappe.db.commit()  # the REST requests run on their own connection

	@classmethod
	def tearDownClass(cls):
		for doctype, field in (
			("ToDo", "reference_name"),
			("DocShare", "share_name"),
			("Tag Link", "document_name"),
			("Document Follow", "ref_docname"),
			("Comment", "reference_name"),
			("Version", "docname"),
		):
			frappe.db.delete(doctype, {field: ("in", [*cls.ours, cls.referral.name])})
		for file in frappe.get_all(
			"File", {"attached_to_name": ("in", [*cls.ours, cls.referral.name])}, pluck="name"
		):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		for doc in (cls.support, cls.referral, cls.involved, cls.handled, cls.other):
			frappe.delete_doc(doc.doctype, doc.name, force=True, ignore_permissions=True)
		frappe.db.delete("Tag", {"name": ("in", TAGS)})
		frappe.db.commit()
		super().tearDownClass()

	def call(self, who: str, endpoint: str, http: str = "GET", **params):
		"""A whitelisted method called over REST by `who` (GET parameters, or a POST body)."""
		if http == "GET":
			return rest("GET", METHOD + endpoint, self.tokens[who], params=params)
		return rest(http, METHOD + endpoint, self.tokens[who], data=params)

	def see_committed(self):
		"""End this connection's transaction, so it sees what the REST requests committed (and cleans up)."""
		frappe.db.commit()

	def assertRefused(self, response, what=""):
		self.assertEqual(response.status_code, 403, (what, response.json))

	def assertServed(self, response, what=""):
		self.assertEqual(response.status_code, 200, (what, response.json))
		return response.json.get("message", response.json.get("data"))

	# --- raw SQL filters -------------------------------------------------------------------------------------

	def test_raw_sql_filters_refused_on_every_list_endpoint(self):
		# Before: each endpoint put the string into its WHERE clause, for any doctype and any logged-in user.
		raw, doctype = [RAW_SQL], "Complaint"
		calls = (
			(
				"frappe.desk.reportview.get_stats",
				{"stats": ["workflow_state"], "doctype": doctype, "filters": raw},
			),
			(
				"frappe.desk.reportview.get_sidebar_stats",
				{"stats": ["workflow_state"], "doctype": doctype, "filters": raw},
			),
			(
				"frappe.desk.reportview.get_filter_dashboard_data",
				{"stats": [{"name": "workflow_state", "type": "Link"}], "doctype": doctype, "filters": raw},
			),
			(
				"frappe.desk.listview.get_group_by_count",
				{"doctype": doctype, "current_filters": raw, "field": "workflow_state"},
			),
			(
				"frappe.desk.form.utils.get_next",
				{"doctype": doctype, "value": self.handled.name, "prev": 0, "filters": raw},
			),
			("frappe.desk.reportview.get", {"doctype": doctype, "fields": ["name"], "filters": raw}),
			("frappe.desk.reportview.get_list", {"doctype": doctype, "filters": raw}),
			("frappe.desk.reportview.get_count", {"doctype": doctype, "filters": raw}),
			("frappe.client.get_list", {"doctype": doctype, "filters": raw}),
			("frappe.client.get_count", {"doctype": doctype, "filters": raw}),
			("frappe.client.get_value", {"doctype": doctype, "fieldname": "name", "filters": raw}),
			("frappe.client.get_list", {"doctype": "ToDo", "or_filters": raw}),  # any doctype
			(
				"frappe.desk.doctype.number_card.number_card.get_result",
				{
					"doctype": "Number Card",
					"doc": {"document_type": doctype, "function": "Count"},
					"filters": raw,
				},
			),
		)
		for method, params in calls:
			with self.subTest(method=method, doctype=params["doctype"]):
				self.assertRefused(self.call("handler", method, **params), method)
		for path in (
			"/api/resource/Complaint",
			"/api/v2/document/Complaint",
			"/api/v2/doctype/Complaint/count",
		):
			with self.subTest(path=path):
				self.assertRefused(rest("GET", path, self.tokens["handler"], params={"filters": raw}), path)

	def test_structured_filters_still_serve_the_desk(self):
		mine = [["Complaint", "name", "in", self.ours]]
		stats = self.assertServed(
			self.call(
				"handler",
				"frappe.desk.reportview.get_sidebar_stats",
				stats=["_user_tags"],
				doctype="Complaint",
				filters=mine,
			)
		)
		self.assertIn("_user_tags", stats["stats"])
		counts = self.assertServed(
			self.call(
				"handler",
				"frappe.desk.listview.get_group_by_count",
				doctype="Complaint",
				current_filters=mine,
				field="owner",
			)
		)
		self.assertEqual(sum(row["count"] for row in counts), 2)  # involved and handled
		following = self.assertServed(
			self.call(
				"handler",
				"frappe.desk.form.utils.get_next",
				doctype="Complaint",
				value=self.handled.name,
				prev=0,
				filters=mine,
				sort_field="creation",
				sort_order="desc",
			)
		)
		self.assertEqual(following, self.involved.name)

	def test_assignee_counts_only_listable_records(self):
		# Before: the "Assigned To" sidebar counted assignments of every record matching the filters, unchecked.
		only_involved = [["Complaint", "name", "=", self.involved.name]]
		params = {"doctype": "Complaint", "current_filters": only_involved, "field": "assigned_to"}
		self.assertEqual(
			self.assertServed(self.call("leader", "frappe.desk.listview.get_group_by_count", **params)), []
		)
		counts = self.assertServed(self.call("handler", "frappe.desk.listview.get_group_by_count", **params))
		self.assertEqual(counts, [{"name": self.users["handler"], "count": 1}])

	# --- counts and get by filters ------------------------------------------------------------------------------

	def test_get_count_counts_only_readable_rows(self):
		# Before: frappe.client.get_count counted every row for anyone (frappe.db.count, no check at all).
		count = self.call(
			"leader", "frappe.client.get_count", doctype="Complaint", filters={"name": self.involved.name}
		)
		self.assertEqual(self.assertServed(count), 0)
		count = self.call(
			"leader", "frappe.client.get_count", doctype="Complaint", filters={"name": self.handled.name}
		)
		self.assertEqual(self.assertServed(count), 1)
		self.assertRefused(self.call("staff2", "frappe.client.get_count", doctype="Claim"))

	def test_get_by_filters_answers_non_readers_alike(self):
		# Before: a match the caller may not read answered 403, no match 404: an existence oracle on any field.
		hidden = self.call(
			"leader", "frappe.client.get", doctype="Complaint", filters={"name": self.involved.name}
		)
		missing = self.call("leader", "frappe.client.get", doctype="Complaint", filters={"name": "COMP-NONE"})
		self.assertEqual((hidden.status_code, missing.status_code), (404, 404))
		found = self.call(
			"leader", "frappe.client.get", doctype="Complaint", filters={"name": self.handled.name}
		)
		self.assertEqual(self.assertServed(found)["name"], self.handled.name)
		self.assertRefused(self.call("staff2", "frappe.client.get", doctype="Claim", filters={"name": "x"}))

	# --- fields, ordering, grouping, joins ------------------------------------------------------------------------

	def test_list_fields_are_plain_readable_fields(self):
		# Before: any expression passed if the first column it named was readable (replace(name, name, secret)).
		token, path = self.tokens["leader"], "/api/resource/Complaint"
		attempts = (
			{"fields": ["replace(name, name, summary)"]},
			{"fields": ["name"], "order_by": "length(summary) desc"},
			{"fields": ["name"], "group_by": "left(summary, 1)"},
			{"fields": ["name"], "order_by": "nhs_number"},  # an identity field: not a column anyone may name
		)
		for params in attempts:
			with self.subTest(params=params):
				self.assertRefused(rest("GET", path, token, params=params))
		events = self.call(
			"leader",
			"frappe.desk.calendar.get_events",
			doctype="Complaint",
			start="2000-01-01",
			end="2100-01-01",
			field_map={"start": "received_on", "end": "received_on", "title": "concat(summary)"},
		)
		self.assertRefused(events, "calendar field map")
		listed = rest(
			"GET",
			path,
			token,
			params={
				"fields": ["workflow_state", "count(name) as total"],
				"filters": [["name", "in", self.ours]],
				"group_by": "`tabComplaint`.`workflow_state`",
				"order_by": "total desc",
			},
		)
		self.assertEqual(sum(row["total"] for row in self.assertServed(listed)), 2)  # not the involved one
		# the report view names child columns with quoted aliases; a quote or backslash in one is refused
		aspect = "`tabComplaint Aspect`.`subject_area`"
		columns = self.call(
			"leader",
			"frappe.desk.reportview.get",
			"POST",
			doctype="Complaint",
			fields=["`tabComplaint`.`name`", f"{aspect} as 'Complaint Aspect:subject_area'"],
			filters=[["name", "in", self.ours]],
		)
		self.assertServed(columns)
		for alias in ("'a\\'", "'a' , (select 1) as 'b'"):
			with self.subTest(alias=alias):
				crafted = self.call(
					"leader",
					"frappe.desk.reportview.get",
					"POST",
					doctype="Complaint",
					fields=[f"{aspect} as {alias}"],
				)
				self.assertRefused(crafted)

	def test_link_joins_only_onto_doctypes_read_in_full(self):
		# Before: the leader's own support record joined the complaint naming them: its summary, unchecked.
		params = {"fields": ["name", "complaint.summary"], "filters": [["name", "=", self.support.name]]}
		self.assertRefused(
			rest("GET", "/api/resource/Staff Support Record", self.tokens["leader"], params=params)
		)
		with self.set_user(self.users["leader"]):
			self.assertRaises(
				frappe.PermissionError, frappe.get_list, "Staff Support Record", fields=["complaint.summary"]
			)
		listed = rest("GET", "/api/resource/Staff Support Record", self.tokens["manager"], params=params)
		self.assertEqual(self.assertServed(listed)[0]["summary"], self.involved.summary)

	def test_link_search_never_ignores_permissions(self):
		# Before: ignore_user_permissions=1 dropped every row rule for anyone with doctype read.
		params = {"doctype": "Complaint", "txt": self.involved.name, "ignore_user_permissions": 1}
		found = self.assertServed(self.call("leader", "frappe.desk.search.search_link", **params))
		self.assertNotIn(self.involved.name, [row["value"] for row in found])
		params["txt"] = self.handled.name
		found = self.assertServed(self.call("handler", "frappe.desk.search.search_link", **params))
		self.assertIn(self.handled.name, [row["value"] for row in found])

	# --- child rows -------------------------------------------------------------------------------------------------

	def test_child_rows_only_through_their_parent(self):
		# Before: a row loaded by name was checked against the parent doctype, not the parent document.
		row = self.involved.staff_involved[0].name
		path = f"/api/resource/Complaint Staff Involved/{row}"
		self.assertRefused(rest("GET", path, self.tokens["leader"]), "read")
		got = self.call(
			"leader", "frappe.client.get", doctype="Complaint Staff Involved", name=row, parent="Complaint"
		)
		self.assertRefused(got, "client.get")
		self.assertServed(rest("GET", path, self.tokens["handler"]), "the handler reads the complaint")
		# writes go through the parent only, even for its handler
		self.assertRefused(rest("PUT", path, self.tokens["handler"], {"user": self.users["staff"]}), "write")
		self.assertRefused(rest("DELETE", path, self.tokens["handler"]), "delete")
		self.see_committed()
		self.assertEqual(frappe.db.get_value("Complaint Staff Involved", row, "user"), self.users["leader"])

	# --- shares, assignments, ToDos, tags, follows ------------------------------------------------------------------

	def test_shares_never_widen_readers(self):
		# Before: a share granted the complaint to the leader although the row rule excludes them.
		share = {"doctype": "Complaint", "name": self.involved.name, "user": self.users["leader"]}
		self.assertRefused(self.call("handler", "frappe.share.add", http="POST", **share))
		self.see_committed()
		self.assertFalse(
			frappe.db.exists("DocShare", {"share_name": self.involved.name, "user": self.users["leader"]})
		)
		# a share made before the guard (written directly) grants nothing either
		frappe.get_doc(
			{
				"doctype": "DocShare",
				"name": frappe.generate_hash(),
				"share_doctype": "Complaint",
				"share_name": self.involved.name,
				"user": self.users["leader"],
				"read": 1,
			}
		).db_insert()
		self.assertFalse(
			frappe.has_permission("Complaint", "read", doc=self.involved.name, user=self.users["leader"])
		)
		with self.set_user(self.users["leader"]):
			self.assertNotIn(self.involved.name, frappe.get_list("Complaint", pluck="name"))
		self.assertServed(
			self.call("handler", "frappe.share.add", http="POST", **{**share, "name": self.handled.name})
		)
		self.assertRaises(
			frappe.PermissionError, frappe.share.add, "Complaint", self.involved.name, everyone=1
		)

	def test_assignments_and_todos_need_rights(self):
		# Before: any desk user could make a ToDo on any complaint, which put them in _assign (a handler's grant).
		todo = {
			"allocated_to": self.users["handler2"],
			"reference_type": "Complaint",
			"reference_name": self.other.name,
			"description": "Mine now",
		}
		self.assertRefused(
			rest("POST", "/api/resource/ToDo", self.tokens["handler2"], todo), "self-made ToDo"
		)
		self.assertRefused(rest("GET", f"/api/resource/Complaint/{self.other.name}", self.tokens["handler2"]))
		leader = {"doctype": "Complaint", "name": self.involved.name, "assign_to": [self.users["leader"]]}
		self.assertRefused(self.call("manager", "frappe.desk.form.assign_to.add", http="POST", args=leader))
		self.see_committed()
		self.assertFalse(
			frappe.db.exists(
				"ToDo", {"reference_name": self.involved.name, "allocated_to": self.users["leader"]}
			)
		)
		handler2 = {"doctype": "Complaint", "name": self.other.name, "assign_to": [self.users["handler2"]]}
		self.assertServed(self.call("manager", "frappe.desk.form.assign_to.add", http="POST", args=handler2))
		self.assertServed(rest("GET", f"/api/resource/Complaint/{self.other.name}", self.tokens["handler2"]))

	def test_tag_links_carry_no_title(self):
		# Before: every Tag Link stored its record's title (a complaint's summary), readable by every user.
		self.assertServed(
			self.call(
				"handler",
				"frappe.desk.doctype.tag.tag.add_tag",
				http="POST",
				tag=TAGS[1],
				dt="Complaint",
				dn=self.involved.name,
			)
		)
		self.see_committed()
		titles = frappe.get_all("Tag Link", {"document_name": self.involved.name}, pluck="title")
		self.assertEqual(set(titles), {""})

	def test_follows_and_digests_respect_row_rules(self):
		# Before: anyone could follow any record, and digests were built without a permission check.
		from frappe.desk.form.document_follow import get_document_followed_by_user

		follow = {"doctype": "Complaint", "doc_name": self.involved.name, "user": self.users["leader"]}
		self.assertRefused(
			self.call("leader", "frappe.desk.form.document_follow.follow_document", http="POST", **follow)
		)
		self.assertServed(
			self.call(
				"leader",
				"frappe.desk.form.document_follow.follow_document",
				http="POST",
				**{**follow, "doc_name": self.handled.name},
			)
		)
		frappe.get_doc(  # a follow from before the guard
			{
				"doctype": "Document Follow",
				"name": frappe.generate_hash(),
				"ref_doctype": "Complaint",
				"ref_docname": self.involved.name,
				"user": self.users["leader"],
			}
		).db_insert()
		self.see_committed()
		followed = {f.ref_docname for f in get_document_followed_by_user(self.users["leader"])}
		self.assertIn(self.handled.name, followed)
		self.assertNotIn(self.involved.name, followed)

	# --- files --------------------------------------------------------------------------------------------------

	def test_files_follow_their_record(self):
		# Before: the leader listed this file (Frappe lists files of every doctype the user reads), and a share of
		# the referral let them download it.
		url, leader = self.letter.file_url, self.users["leader"]
		with self.set_user(leader):
			self.assertFalse(frappe.get_list("File", filters={"name": self.letter.name}))
		self.assertFalse(frappe.has_permission("File", "read", doc=self.letter, user=leader))
		frappe.get_doc(
			{
				"doctype": "DocShare",
				"name": frappe.generate_hash(),
				"share_doctype": "Ombudsman Referral",
				"share_name": self.referral.name,
				"user": leader,
				"read": 1,
			}
		).db_insert()
		self.see_committed()  # the share is stored for the download request
		self.assertEqual(rest("GET", url, self.tokens["leader"]).status_code, 403)
		self.assertEqual(rest("GET", url, self.tokens["handler"]).status_code, 200)
		with self.set_user(self.users["handler"]):
			self.assertTrue(frappe.get_list("File", filters={"name": self.letter.name}))

	def test_rows_about_a_record_follow_it(self):
		# Before: every user listed every Tag Link, System Managers every ToDo, Comment and Version, whatever the
		# record; and comments logging an attachment named files withheld from the reader.
		about = {
			"Tag Link": "document_name",
			"ToDo": "reference_name",
			"Comment": "reference_name",
			"Version": "docname",
		}
		for doctype, field in about.items():
			with self.subTest(doctype=doctype), self.set_user(self.users["sysmgr"]):
				self.assertFalse(frappe.get_list(doctype, filters={field: self.involved.name}))
				self.assertTrue(frappe.get_list(doctype, filters={field: self.handled.name}))
		with self.set_user(self.users["leader"]):
			self.assertFalse(frappe.get_list("Tag Link", filters={"document_name": self.involved.name}))
		with self.set_user(self.users["sysmgr"]):  # reads the complaint, not its people: nor their letters
			logs = {"reference_name": self.handled.name, "comment_type": "Attachment"}
			self.assertFalse(frappe.get_list("Comment", filters=logs))
		for who, count in (("leader", 0), ("handler", 1)):
			loaded = self.call(
				who, "frappe.desk.form.load.getdoc", doctype="Complaint", name=self.handled.name
			)
			self.assertServed(loaded)
			logs = [
				log for log in loaded.json["docinfo"]["attachment_logs"] if "handled-scan" in log["content"]
			]
			self.assertEqual(len(logs), count, who)

	def test_attaching_needs_write_on_the_record(self):
		# Before: attach_file asked for read only, and upload_file checked nothing (its result was ignored).
		upload = {
			"filename": "note.txt",
			"filedata": base64.b64encode(b"A note").decode(),
			"decode_base64": 1,
			"doctype": "Complaint",
			"docname": self.handled.name,
			"is_private": 1,
		}
		self.assertRefused(self.call("leader", "frappe.client.attach_file", http="POST", **upload))
		self.assertServed(self.call("handler", "frappe.client.attach_file", http="POST", **upload))
		public = {"doctype": "File", "file_name": "open.txt", "content": b"x", "is_private": 0}
		public |= {"attached_to_doctype": "Ombudsman Referral", "attached_to_name": self.referral.name}
		self.assertRaises(frappe.ValidationError, frappe.get_doc(public).insert)

	# --- crafted unsaved documents --------------------------------------------------------------------------------

	def test_crafted_documents_neither_print_nor_run(self):
		# Before: a document sent as JSON was rendered (with its links' titles) and its methods were run on it,
		# e.g. the redaction check telling whether a guessed name is on a complaint the caller cannot read.
		crafted = {"doctype": "Complaint", "summary": "x", "received_on": today()}
		printed = self.call(
			"leader", "frappe.www.printview.get_html_and_style", http="POST", doc=json.dumps(crafted)
		)
		self.assertRefused(printed, "print")
		by_name = self.call(
			"handler", "frappe.www.printview.get_html_and_style", doc="Complaint", name=self.handled.name
		)
		self.assertIn(self.handled.summary, self.assertServed(by_name)["html"])
		action = {
			"doctype": "Learning Action",
			"__islocal": 1,
			"title": "Probe",
			"public_summary": "Handler",
			"sources": [{"source_doctype": "Complaint", "source_name": self.involved.name}],
		}
		run = {"method": "check_public_summary", "docs": json.dumps(action), "args": {}}
		self.assertRefused(self.call("leader", "run_doc_method", http="POST", **run), "v1")
		v2 = {"method": "check_public_summary", "document": action}
		self.assertRefused(rest("POST", "/api/v2/method/run_doc_method", self.tokens["leader"], v2), "v2")
		action["sources"][0]["source_name"] = self.handled.name
		run["docs"] = json.dumps(action)
		self.assertServed(self.call("handler", "run_doc_method", http="POST", **run))
