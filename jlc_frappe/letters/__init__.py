"""Letters and the complaints mailbox (issue 10).

- `render.py`: the facts of a record, the context of its letter (`rules/letters.py`), the trust's Email Template
  filled with it, and the `jlc_letter` Jinja method the letters' print formats call. Identity is given only to
  those who may read the record's people (`permissions.reads_identity`).
- `send.py`: the desk's "Send letter": which letters fit the record now, the filled letter to edit, and sending it
  by email or making its PDF for post; either way it is kept on the record as a Communication with the PDF, and
  recorded as the acknowledgement, response or notification through the record's own workflow and rules.
- `templates.py`: the Email Templates (the letters' wording), made on install and removed on uninstall.
- `mailbox.py`: the complaints mailbox: a new email becomes a complaint; a reply joins the complaint it answers.
"""
