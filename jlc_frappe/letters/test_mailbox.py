# Copyright (c) 2026, JLC developers. License: MIT.
"""The complaints mailbox, through Frappe's own receive path (InboundMail, as EmailAccount.receive runs it) fed raw
RFC 822 messages: a new email becomes a complaint; a reply joins the complaint it answers."""

from email.message import EmailMessage
from email.utils import formatdate

import frappe
from frappe.email.receive import InboundMail

from jlc_frappe import identity
from jlc_frappe.docinfo import getdoc
from jlc_frappe.letters.test_letters import LetterTestCase
from jlc_frappe.rules.letters import ACKNOWLEDGEMENT

MAILBOX = "complaints@anytown.example"
CAROL = "carol.complainant@example.com"


def raw_email(
	subject: str,
	body: str,
	sender: str = f"Carol Complainant <{CAROL}>",
	to: str = MAILBOX,
	in_reply_to: str | None = None,
	attachment: tuple[str, bytes] | None = None,
) -> str:
	message = EmailMessage()
	message["From"], message["To"], message["Subject"] = sender, to, subject
	message["Date"] = formatdate(localtime=True)
	message["Message-ID"] = f"<{frappe.generate_hash(length=16)}@mail.example.com>"
	if in_reply_to:
		message["In-Reply-To"] = f"<{in_reply_to}>"
	message.set_content(body)
	if attachment:
		message.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
	return message.as_string()


class TestComplaintsMailbox(LetterTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.mailbox = cls.account("JLC Complaints Mailbox Test", MAILBOX)
		cls.other = cls.account("JLC Other Mailbox Test", "estates@anytown.example")
		settings = frappe.get_single("JLC Settings")
		settings.complaints_mailbox = cls.mailbox
		settings.save()

	@staticmethod
	def account(name: str, email_id: str) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": name,
					"email_id": email_id,
					"enable_incoming": 1,
					"email_server": "imap.example.invalid",
					"create_contact": 1,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def receive(self, raw: str, account: str | None = None):
		"""One email through Frappe's receive path, as EmailAccount.receive processes each message."""
		return InboundMail(raw, frappe.get_doc("Email Account", account or self.mailbox)).process()

	def complaints(self) -> int:
		return frappe.db.count("Complaint")

	def test_a_new_email_becomes_a_complaint_in_received(self):
		self.assertFalse(frappe.db.get_value("Email Account", self.mailbox, "create_contact"))
		comm = self.receive(
			raw_email(
				"Re: My mother's discharge at 2am",
				"My mother was sent home at 2am without her medicines.\nNobody told us she was coming.",
				attachment=("discharge-letter.pdf", b"%PDF-1.4 the discharge letter"),
			)
		)
		self.assertEqual(comm.reference_doctype, "Complaint")
		complaint = frappe.get_doc("Complaint", comm.reference_name)
		self.assertEqual((complaint.workflow_state, complaint.received_via), ("Received", "Email"))
		self.assertEqual(complaint.summary, "My mother's discharge at 2am")
		self.assertIn("sent home at 2am without her medicines", complaint.description)
		self.assertEqual(identity.value(complaint, "complainant_name"), "Carol Complainant")
		self.assertEqual(identity.value(complaint, "complainant_email"), CAROL)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": comm.name},
			fields=["file_name", "is_private"],
		)
		self.assertEqual([(f.file_name, f.is_private) for f in files], [("discharge-letter.pdf", 1)])
		# the sender is in the identity store only, not copied to Contacts
		self.assertFalse(frappe.db.exists("Contact Email", {"email_id": CAROL}))
		# the attachment is kept on the complaint too, and read, with the email, as the complaint's people are
		kept = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Complaint", "attached_to_name": complaint.name},
			fields=["name", "is_private"],
		)
		self.assertEqual([f.is_private for f in kept], [1])
		for key, reads in (("manager", True), ("leader", False), ("sysmgr", False)):
			with self.subTest(user=key), self.set_user(self.users[key]):
				frappe.local.response = frappe._dict(docs=[])
				getdoc("Complaint", complaint.name)
				timeline = [c.name for c in frappe.local.response.docinfo.communications]
				self.assertEqual(comm.name in timeline, reads)
				self.assertEqual(bool(frappe.has_permission("File", "read", doc=kept[0].name)), reads)
				if not reads:
					self.assertFalse(frappe.has_permission("Communication", "read", doc=comm.name))

	def test_a_reply_to_a_letter_joins_its_complaint(self):
		first = self.receive(
			raw_email("Complaint about the car park", "I was clamped while visiting my father.")
		)
		complaint = frappe.get_doc("Complaint", first.reference_name)
		frappe.db.set_value("Complaint", complaint.name, "handler", self.users["handler"])
		letter = self.send(complaint, ACKNOWLEDGEMENT, recipients=CAROL)
		message_id = frappe.db.get_value("Communication", letter["communication"], "message_id")
		count = self.complaints()
		reply = self.receive(
			raw_email(
				"Re: Your complaint: our reference " + complaint.name,
				"Thank you. I can talk on Tuesday afternoon.",
				in_reply_to=message_id,
			)
		)
		self.assertEqual((reply.reference_doctype, reply.reference_name), ("Complaint", complaint.name))
		self.assertEqual(self.complaints(), count)

	def test_an_email_naming_a_complaint_joins_it_only_from_its_complainant(self):
		first = self.receive(raw_email("The ward was dirty", "There was blood on the floor of bay 4."))
		reference = first.reference_name
		count = self.complaints()
		subject = f"About my complaint {reference}"
		own = self.receive(raw_email(subject, "Some photographs are attached."))
		self.assertEqual(own.reference_name, reference)
		self.assertEqual(self.complaints(), count)
		stranger = self.receive(raw_email(subject, "I saw it too.", sender="Dave Other <dave@example.com>"))
		self.assertNotEqual(stranger.reference_name, reference)
		self.assertEqual(self.complaints(), count + 1)
		self.assertEqual(
			identity.value(frappe.get_doc("Complaint", stranger.reference_name), "complainant_email"),
			"dave@example.com",
		)

	def test_other_mailboxes_are_left_alone(self):
		count = self.complaints()
		comm = self.receive(
			raw_email("Broken window", "The window in room 3 is broken.", to="estates@anytown.example"),
			account=self.other,
		)
		self.assertFalse(comm.reference_doctype)
		self.assertEqual(self.complaints(), count)
