"""NHS rules as pure Python; no frappe import.

Callers import the submodules (``calendar``, ``deadlines``, ``time_limit``, ``nhs_number``, ``people``,
``candour``, ``outcomes``); nothing is re-exported here.
"""
