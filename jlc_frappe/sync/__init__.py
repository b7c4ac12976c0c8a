"""jlc-sync: incidents and claims into JLC, learning out to a hub, complaints out to other systems (issue 11).

A client of Frappe's REST API that runs on any machine with Python and `requests`: nothing here imports frappe
(a Tier A test checks), so `pip install` of this repository gives the `jlc-sync` command without Frappe. It may
use `jlc_frappe.rules` (pure Python), so a row is checked here by the same rules the site applies.

Modules: `cli` (commands and exit codes), `site` (one HTTP session per site: auth, timeouts, retries, paging,
errors), `errors` (typed exceptions), `config` (flags, environment, config file), `schema` (the doctypes'
fields, read from the JSON shipped in this package), `mapping` (TOML column and value maps), `rows` (reading,
checking, reject and checkpoint files), `push`, `share` and `pull` (the commands), `progress`.
"""

from importlib import metadata


def version() -> str:
	"""The installed package's version (the package root is not imported: tests keep this package frappe-free)."""
	try:
		return metadata.version("jlc_frappe")
	except metadata.PackageNotFoundError:
		return "unknown"
