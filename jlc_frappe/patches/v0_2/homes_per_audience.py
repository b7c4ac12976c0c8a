"""Each audience lands on its own workspace: complaints team, my work, patient safety, board (desk_home.py)."""

from jlc_frappe.desk_home import set_homes


def execute():
	set_homes()
