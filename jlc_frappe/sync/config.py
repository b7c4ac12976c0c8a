"""Where a site's URL and API key come from: flags, then environment variables, then a config file.

The config file (TOML; `--config`, `JLC_SYNC_CONFIG`, or ~/.config/jlc-sync/config.toml) has one table per site:

	default_site = "trust"

	[trust]
	url = "https://jlc.trust.nhs.uk"
	api_key = "..."
	api_secret = "..."
	organisation = "Example NHS Foundation Trust"   # names the trust's learning at a hub

	[icb]
	url = "https://jlc.icb.nhs.uk"
	api_key = "..."
	api_secret = "..."

A secret given as a flag shows in the process list: prefer the environment or the config file (readable by
its owner only; jlc-sync warns otherwise). `SiteConfig` never shows its secret in `repr` or `str`.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from jlc_frappe.sync.errors import UsageError

try:
	import tomllib
except ModuleNotFoundError:  # Python 3.10
	import tomli as tomllib

DEFAULT_CONFIG = Path("~/.config/jlc-sync/config.toml")


@dataclass
class SiteConfig:
	"""One site: where it is and the API key to use. `site_name` is sent as X-Frappe-Site-Name, for a bench
	that serves several sites on one address."""

	url: str
	api_key: str
	api_secret: str = field(repr=False)
	site_name: str | None = None
	organisation: str | None = None
	label: str = "site"

	def __post_init__(self):
		self.url = self.url.rstrip("/")

	def __str__(self) -> str:
		return f"{self.url} (key {self.api_key})"


def read_config_file(path: str | None, environ=os.environ, warn=sys.stderr) -> dict:
	"""The config file's tables ({} when no file is named and the default one does not exist)."""
	named = path or environ.get("JLC_SYNC_CONFIG")
	file = Path(named or DEFAULT_CONFIG).expanduser()
	if not file.exists():
		if named:
			raise UsageError(f"The config file {file} does not exist.")
		return {}
	if os.name == "posix" and file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
		print(
			f"jlc-sync: warning: {file} holds API secrets and others may read it (chmod 600 it).", file=warn
		)
	try:
		with open(file, "rb") as f:
			return tomllib.load(f)
	except tomllib.TOMLDecodeError as e:
		raise UsageError(f"The config file {file} is not valid TOML: {e}") from None


def _section(config: dict, name: str | None, what: str) -> dict:
	if name:
		if not isinstance(config.get(name), dict):
			raise UsageError(f"The config file has no [{name}] table for the {what}.")
		return config[name]
	default = config.get("default_site")
	if default:
		return _section(config, default, what)
	tables = [key for key, value in config.items() if isinstance(value, dict)]
	return config[tables[0]] if len(tables) == 1 else {}


def _first(*values):
	return next((v for v in values if v not in (None, "")), None)


def site_config(args, config: dict, environ=os.environ) -> SiteConfig:
	"""The site a command works on: --url/--api-key/--api-secret, JLC_URL/JLC_API_KEY/JLC_API_SECRET, or the
	config file's table (--site NAME, JLC_SITE, `default_site`, or its only table)."""
	section = _section(config, _first(getattr(args, "site", None), environ.get("JLC_SITE")), "site")
	return _complete(
		SiteConfig(
			url=_first(args.url, environ.get("JLC_URL"), section.get("url")) or "",
			api_key=_first(args.api_key, environ.get("JLC_API_KEY"), section.get("api_key")) or "",
			api_secret=_first(args.api_secret, environ.get("JLC_API_SECRET"), section.get("api_secret"))
			or "",
			site_name=_first(args.site_name, environ.get("JLC_SITE_NAME"), section.get("site_name")),
			organisation=_first(
				getattr(args, "organisation", None),
				environ.get("JLC_ORGANISATION"),
				section.get("organisation"),
			),
		),
		"--url / JLC_URL",
		"--api-key / JLC_API_KEY",
		"--api-secret / JLC_API_SECRET",
	)


def hub_config(args, config: dict, environ=os.environ) -> SiteConfig:
	"""The hub of share-learning: --to (a URL, or a table of the config file), its key from --hub-api-key /
	--hub-api-secret, JLC_HUB_API_KEY / JLC_HUB_API_SECRET, or that table."""
	to = args.to or ""
	section = config.get(to) if isinstance(config.get(to), dict) else {}
	if not section and not to.startswith(("http://", "https://")):
		raise UsageError(f"--to {to!r} is neither a URL nor a table of the config file.")
	return _complete(
		SiteConfig(
			url=section.get("url") or to,
			api_key=_first(args.hub_api_key, environ.get("JLC_HUB_API_KEY"), section.get("api_key")) or "",
			api_secret=_first(
				args.hub_api_secret, environ.get("JLC_HUB_API_SECRET"), section.get("api_secret")
			)
			or "",
			site_name=_first(args.hub_site_name, environ.get("JLC_HUB_SITE_NAME"), section.get("site_name")),
			label="hub",
		),
		"--to",
		"--hub-api-key / JLC_HUB_API_KEY",
		"--hub-api-secret / JLC_HUB_API_SECRET",
	)


def _complete(site: SiteConfig, *where: str) -> SiteConfig:
	missing = [
		w for w, value in zip(where, (site.url, site.api_key, site.api_secret), strict=True) if not value
	]
	if missing:
		raise UsageError(f"Give the {site.label}'s " + ", ".join(missing) + " (or a config file table).")
	if not site.url.startswith(("http://", "https://")):
		raise UsageError(f"The {site.label}'s URL must start with http:// or https://.")
	return site
