"""Frappe's generic read paths, closed once for the whole site (issue 7, part 2).

One mechanism per hole, wired by the block at the end of hooks.py:

- requests.check_request (auth_hooks): what callers send to the list, count, stats, sidebar, group-by, next/previous,
  calendar, link-search, print and run-method endpoints. Frappe runs auth_hooks for every request once the caller
  is known (in before_request an API-token caller is still Guest), before the endpoint runs.
- endpoints.get, get_count, get_group_by_count (override_whitelisted_methods): permission before existence.
- patches.install() (before_request, before_job, before_tests), once per process: row rules win over shares, JLC child
  rows follow their parent document, link-field joins, lists of rows about JLC records (files, comments, ToDos,
  tags, shares, follows, versions), file downloads, follow digests.
- permissions.record_permission (has_permission on those doctypes): a row about a JLC record is read only by its
  readers (the rule, like every row rule, lives in jlc_frappe/permissions.py).
- events: doc events on ToDo, DocShare, Tag Link, Document Follow, File and the rows of JLC child tables.

Row rules come from jlc_frappe.permissions; a JLC doctype is any doctype of the app's modules.
"""
