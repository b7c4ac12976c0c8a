"""jlc-sync: incidents and claims into JLC, learning out to a hub, complaints out to other systems.

	jlc-sync push incidents FILE [--mapping MAP.toml]
	jlc-sync push claims FILE [--mapping MAP.toml]
	jlc-sync share-learning --to HUB_URL
	jlc-sync pull complaints --since DATE --out FILE

Every command takes --dry-run, shows a progress bar on a terminal (none when piped), prints a summary, and
exits 0 = all done, 3 = done but some rows rejected, 1 = failed, 2 = usage error.
"""

from __future__ import annotations

import argparse
import os
import sys

from jlc_frappe.sync import version
from jlc_frappe.sync.config import hub_config, read_config_file, site_config
from jlc_frappe.sync.errors import AuthenticationFailed, SyncError, UsageError
from jlc_frappe.sync.outcome import USAGE, Outcome

PUSHED = ("incidents", "claims")
EPILOG = "Exit codes: 0 all done, 3 done but some rows rejected, 1 failed, 2 usage error."


def parser() -> argparse.ArgumentParser:
	common = argparse.ArgumentParser(add_help=False)
	site = common.add_argument_group("site (else JLC_URL, JLC_API_KEY, JLC_API_SECRET, or the config file)")
	site.add_argument(
		"--config", help="TOML file with one table per site (default ~/.config/jlc-sync/config.toml)"
	)
	site.add_argument("--site", help="the config file's table for the site")
	site.add_argument("--url", help="the JLC site, e.g. https://jlc.trust.nhs.uk")
	site.add_argument("--api-key")
	site.add_argument("--api-secret", help="prefer JLC_API_SECRET or the config file: a flag shows in `ps`")
	site.add_argument("--site-name", help="sent as X-Frappe-Site-Name (a bench serving several sites)")
	run = common.add_argument_group("running")
	run.add_argument("--dry-run", action="store_true", help="read and check everything, change nothing")
	run.add_argument("--timeout", type=float, default=300, help="seconds to wait for an answer (default 300)")
	run.add_argument("--retries", type=int, default=5, help="retries of a call safe to repeat (default 5)")
	run.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")

	main = argparse.ArgumentParser(prog="jlc-sync", description=__doc__.split("\n\n")[0], epilog=EPILOG)
	main.add_argument("--version", action="version", version=f"jlc-sync {version()}")
	commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

	push = commands.add_parser(
		"push", parents=[common], help="push incidents or claims from CSV or JSON lines"
	)
	push.add_argument("what", choices=PUSHED)
	push.add_argument("file", help="CSV with a header row, or JSON lines (.jsonl)")
	push.add_argument("--mapping", help="TOML mapping of columns, values and date formats (README)")
	push.add_argument(
		"--format", choices=("csv", "jsonl"), help="the file's format (default: by its extension)"
	)
	push.add_argument("--batch-size", type=int, default=200, help="rows per call (default 200, at most 500)")
	push.add_argument(
		"--restart", action="store_true", help="ignore the checkpoint and start from the first row"
	)

	share = commands.add_parser(
		"share-learning", parents=[common], help="send learning marked for sharing to a hub's Shared Learning"
	)
	share.add_argument("--to", required=True, help="the hub's URL (or its table in the config file)")
	share.add_argument("--hub-api-key", help="else JLC_HUB_API_KEY")
	share.add_argument("--hub-api-secret", help="else JLC_HUB_API_SECRET")
	share.add_argument("--hub-site-name", help="sent to the hub as X-Frappe-Site-Name")
	share.add_argument("--organisation", help="the name the hub shows (default: JLC Settings' trust name)")
	share.add_argument("--rejects", default="share-learning.rejects.csv", help="where unshared actions go")

	pull = commands.add_parser("pull", parents=[common], help="export complaints and their aspects")
	pull.add_argument("what", choices=("complaints",))
	pull.add_argument("--since", required=True, help="changed on or after: YYYY-MM-DD[ HH:MM:SS]")
	pull.add_argument("--out", required=True, help="FILE.csv, FILE.jsonl or FILE.json")
	pull.add_argument("--page-size", type=int, default=500, help="rows per read (default 500)")
	return main


def main(argv: list[str] | None = None, environ=None) -> int:
	environ = os.environ if environ is None else environ
	args = parser().parse_args(argv)  # exits 2 on a usage error
	progress = False if args.no_progress else None
	try:
		config = read_config_file(args.config, environ)
		outcome = _run(args, config, environ, progress)
	except UsageError as e:
		print(f"jlc-sync: error: {e}", file=sys.stderr)
		return USAGE
	except SyncError as e:  # before any row: the site, the key, the organisation
		outcome = Outcome(args.command, failed=_explained(e))
	print(outcome.summary())
	return outcome.exit_code


def _run(args, config: dict, environ, progress) -> Outcome:
	from jlc_frappe.sync.site import Site

	def connect(cfg):
		site = Site(cfg, timeout=(10, args.timeout), retries=args.retries)
		site.whoami()  # a wrong URL or key fails here, before any row is read
		return site

	if args.command == "push":
		from jlc_frappe.sync.push import push

		site = None if args.dry_run else connect(site_config(args, config, environ))
		return push(
			site,
			args.what,
			args.file,
			args.mapping,
			args.format,
			args.batch_size,
			args.dry_run,
			args.restart,
			progress,
		)
	if args.command == "share-learning":
		from jlc_frappe.sync.share import share_learning

		source = connect(site_config(args, config, environ))
		target = hub_config(args, config, environ)
		hub = Site(target, timeout=(10, args.timeout), retries=args.retries)
		if not args.dry_run:
			hub.whoami()
		organisation = args.organisation or environ.get("JLC_ORGANISATION") or source.config.organisation
		return share_learning(source, hub, organisation, args.rejects, args.dry_run, progress)
	from jlc_frappe.sync.pull import check_out, check_since, pull_complaints

	since = check_since(args.since)
	if not args.dry_run:
		check_out(args.out)
	site = connect(site_config(args, config, environ))
	return pull_complaints(site, since, args.out, args.page_size, args.dry_run, progress)


def _explained(e: SyncError) -> str:
	if isinstance(e, AuthenticationFailed):
		return f"{e} Check the URL, API key and secret."
	return str(e)


def run() -> None:
	"""The console script."""
	sys.exit(main())


if __name__ == "__main__":
	run()
