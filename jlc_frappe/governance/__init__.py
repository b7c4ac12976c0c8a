"""The figures layer of governance reporting: the set-based queries (frappe.qb, aggregated in SQL) that every
report, card, chart, print format and pack reads. Pure arithmetic and checks live in jlc_frappe.rules.

Each public function returns plain dicts and lists, and is a contract: tests and the sync package use them."""
