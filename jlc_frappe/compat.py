"""The few places where Frappe v15 and v16 differ, so the rest of the app need not care."""

try:  # v16
	from frappe.tests import IntegrationTestCase as JLCTestCase
except ImportError:  # v15
	from frappe.tests.utils import FrappeTestCase as JLCTestCase

__all__ = ["JLCTestCase"]
