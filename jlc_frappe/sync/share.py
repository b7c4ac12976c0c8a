"""`jlc-sync share-learning --to HUB`: the trust's learning actions marked for external sharing, to the hub's
Shared Learning (an integrated care board's JLC site, say), matched on (organisation, action): a rerun changes
nothing on the hub.

What is sent is what the trust chose to publish: the title, the public summary ("You said, we did") and the
impact, with the theme, the service area and the action's state (as "actions taken"); never the action's
internal description or sources. Before sending, each action's published text passes the same redaction check
as on the site (`jlc_frappe.rules.redaction`, run here), and the site's own check, which also looks for the
names of the people on the action's sources (`Learning Action.check_public_summary`, asked of the site: the
names never leave it). An action that fails either is not sent and goes to the reject file with the reason.
"""

from __future__ import annotations

from jlc_frappe.rules.redaction import describe, find_identifiers
from jlc_frappe.sync.errors import PermissionDenied, SyncError, UsageError, ValidationFailed
from jlc_frappe.sync.outcome import Outcome
from jlc_frappe.sync.progress import Progress
from jlc_frappe.sync.rows import Rejects

LEARNING_ACTION = "Learning Action"
SHARED_LEARNING = "Shared Learning"
READ_FIELDS = ["name", "title", "theme", "service_area", "public_summary", "impact_result", "workflow_state"]
PUBLISHED = ("title", "public_summary", "impact_result")  # as Learning Action.PUBLISHED_FIELDS
NOT_SHARED_STATES = ("Cancelled",)
BATCH_SIZE = 200


def share_learning(
	source,
	hub,
	organisation: str | None,
	rejects_path: str,
	dry_run: bool = False,
	progress: bool | None = None,
) -> Outcome:
	"""`source` and `hub` are `Site`s; nothing is sent to the hub in a dry run."""
	outcome = Outcome(
		f"Learning shared with {hub.config.url}" + (" (dry run: nothing sent)" if dry_run else "")
	)
	rejects = Rejects(rejects_path, ["action", "title"])
	bar = Progress("share-learning", enabled=progress)
	try:
		organisation = organisation or _organisation(source)
		batch = []
		filters = [["share_externally", "=", 1], ["workflow_state", "not in", list(NOT_SHARED_STATES)]]
		for number, action in enumerate(
			source.get_list(LEARNING_ACTION, READ_FIELDS, "modified asc, name asc", filters), start=1
		):
			outcome.counts["read"] += 1
			reason = _problem(source, action)
			if reason:
				rejects.write(number, reason, {"action": action["name"], "title": action.get("title")})
				outcome.counts["rejected"] += 1
			else:
				batch.append((number, _shared(organisation, action)))
			if len(batch) >= BATCH_SIZE:
				_send(hub, batch, outcome, rejects, dry_run)
				batch = []
			bar.update(count=outcome.counts["read"])
		_send(hub, batch, outcome, rejects, dry_run)
	except UsageError:
		raise
	except SyncError as e:
		outcome.failed = str(e)
	except KeyboardInterrupt:
		outcome.failed = "Interrupted. Run the same command again: what was shared is not shared twice."
	finally:
		bar.close()
		rejects.close()
	if rejects.count:
		outcome.notes.append(f"Actions not shared and why: {rejects.path}")
	return outcome


def _organisation(source) -> str:
	"""The trust's name as JLC Settings gives it, when no --organisation is given."""
	try:
		name = source.call("frappe.client.get_single_value", doctype="JLC Settings", field="trust_name")
	except PermissionDenied:
		name = None
	if not name:
		raise UsageError(
			"Give --organisation (or JLC_ORGANISATION): the name the hub shows the learning under."
		)
	return name


def _problem(source, action: dict) -> str | None:
	"""Why the action may not be shared: nothing to publish, or identifiable data in what would be; or None."""
	if not (action.get("public_summary") or "").strip():
		return "no public summary to share"
	published = "\n".join(action.get(field) or "" for field in PUBLISHED)
	findings = describe(find_identifiers(published))
	if findings:
		return "identifiable data in the published text: " + "; ".join(findings)
	try:
		findings = source.call(
			"run_doc_method", dt=LEARNING_ACTION, dn=action["name"], method="check_public_summary", args={}
		)
	except (PermissionDenied, ValidationFailed) as e:
		return f"the site's check could not run: {e}"
	if findings:
		return "identifiable data in the published text (the site's check): " + "; ".join(findings)
	return None


def _shared(organisation: str, action: dict) -> dict:
	row = {
		"source_organisation": organisation,
		"source_action": action["name"],
		"title": action.get("title"),
		"theme": action.get("theme"),
		"service_area": action.get("service_area"),
		"public_summary": action.get("public_summary"),
		"impact_result": action.get("impact_result"),
		"actions_taken": action.get("workflow_state"),
	}
	return {k: v for k, v in row.items() if v not in (None, "")}


def _send(hub, batch: list[tuple[int, dict]], outcome: Outcome, rejects: Rejects, dry_run: bool) -> None:
	if not batch:
		return
	if dry_run:
		outcome.counts["valid"] += len(batch)
		return
	answer = hub.upsert(SHARED_LEARNING, [row for _number, row in batch])
	for (number, row), result in zip(batch, answer["results"], strict=True):
		outcome.counts[result["status"]] += 1
		if result["status"] == "rejected":
			reason = f"refused by the hub: {result.get('message')}"
			rejects.write(number, reason, {"action": row["source_action"], "title": row.get("title")})
