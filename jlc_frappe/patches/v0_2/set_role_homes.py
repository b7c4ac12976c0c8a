"""Users of JLC roles land on their workspace (jlc_frappe/desk_home.py)."""

from jlc_frappe.desk_home import set_homes


def execute():
	set_homes()
