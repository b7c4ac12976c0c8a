"""Letters (issue 10) on an existing site: the letters' Email Templates and the Ombudsman's details for letters."""

from jlc_frappe.install import set_settings_defaults
from jlc_frappe.letters import install as letters


def execute():
	set_settings_defaults()  # fills only what is empty: the Ombudsman's details, the signatory's title
	letters.after_install()
