"""/learning ("You said, we did"): the changes a trust made because of complaints, as it chose to share them, and its
published annual complaints reports. For anyone, without a login.

Only public fields reach the page (jlc_learning/public_learning.py builds it, with the redaction check run again,
and keeps it in Frappe's cache). Frappe's own page cache is off because the filters are in the query string and
it caches by path alone.
"""

import frappe
from frappe import _

from jlc_frappe.jlc_learning import public_learning
from jlc_frappe.jlc_setup.doctype.jlc_settings.jlc_settings import get_settings

no_cache = 1
sitemap = 1


def get_context(context):
	context.no_cache = 1
	context.title = _("You said, we did")
	form = frappe.form_dict
	theme, year = (form.get(k) if isinstance(form.get(k), str) else None for k in ("theme", "year"))
	context.update(public_learning.choose(theme, year))
	context.trust_name = get_settings().get("trust_name") or ""
	context.metatags = {
		"title": context.title,
		"description": _(
			"Changes made because of what people told us in complaints, and their annual reports."
		),
	}
	return context
