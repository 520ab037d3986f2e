"""`govkit check`: every rule, with the activity log and git history as evidence, as of a date.

One team's broken files never stop the others being checked.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govkit.checks.base import ACTIVITY, CHARTER, GIT, HISTORY, RepoRef, TeamContext, Watcher
from govkit.engine import evaluate
from govkit.errors import GovkitError
from govkit.evidence.activity import Event, read_events
from govkit.evidence.charter_history import read_history
from govkit.git import RepoProblem
from govkit.lint import prepare_activity, prepare_charter
from govkit.load import Document
from govkit.model import Finding, Result, Severity, status_of
from govkit.policy import Policy, rule_help
from govkit.repo import CharterRepo

# Called with each team's evidence before its history is read: watchers to show its commits to,
# besides the rules' (a review's tallies), so that history is read once.
Observe = Callable[[str, TeamContext], Sequence[Watcher]]


def run_check(
    repo: CharterRepo,
    teams: Sequence[str],
    as_of: dt.date,
    today: dt.date | None = None,
    observe: Observe | None = None,
) -> Result:
    today = today or dt.date.today()
    known = repo.team_ids()
    for team in teams:
        if team not in known:
            listed = ", ".join(known) or "none yet"
            raise GovkitError(f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {listed}.")
    result = Result(command="check", as_of=as_of.isoformat())
    policies = repo.policies()
    result.findings.extend(repo.policy_findings)
    result.findings.extend(repo.superseded())
    if not teams:
        result.findings.extend(repo.stray_folders())
    for team in teams or known:
        result.findings.extend(check_team(repo, team, as_of, today, observe))
    result.teams = [status_of(team, result.findings) for team in (teams or known)]
    result.rule_help = rule_help(policies.values())
    return result


@dataclass(slots=True)
class Evidence:
    """What one team's rules are judged on, and the findings met while gathering it."""

    findings: list[Finding]
    ctx: TeamContext | None  # None when the charter cannot be judged at all
    policy: Policy | None
    offered: set[str] = field(default_factory=set)


def gather(repo: CharterRepo, team: str, as_of: dt.date, today: dt.date) -> Evidence:
    """The team's charter, its history, activity and repos; a draft is offered its charter only."""
    folder = repo.team_dir(team)
    findings, ctx, policy = prepare_charter(repo, folder / "charter.yaml")
    activity_path = folder / "activity.yaml"
    activity_doc, activity_findings = _activity(repo, activity_path, ctx)
    findings.extend(activity_findings)
    if ctx is None or policy is None:
        return Evidence(findings, None, None)
    ctx.as_of = as_of
    unread = None
    try:
        ctx.history = read_history(repo.root, ctx.charter_doc, today)
    except (subprocess.CalledProcessError, RepoProblem) as exc:
        unread = f"Cannot read the charter's history, so its amendments cannot be checked: {exc}."
    judged = ctx.standing()["status"] != "draft"  # as the charter stood on the as-of date
    offered = {CHARTER, GIT, HISTORY} if judged else {CHARTER}
    if unread and judged:
        findings.append(Finding("git", Severity.ERROR, unread, ctx.at(), team=team))
    if activity_doc is not None or not activity_path.exists():
        events = read_events(activity_doc)
        ctx.events = [event for event in events if event.day <= as_of]
        if judged:
            offered.add(ACTIVITY)
            findings.extend(_future_events(events, team, today))
    ctx.repos = [
        RepoRef(index, entry["name"], (repo.root / entry["path"]).resolve())
        for index, entry in enumerate(ctx.charter.get("repos", []))
    ]
    return Evidence(findings, ctx, policy, offered)


def check_team(
    repo: CharterRepo, team: str, as_of: dt.date, today: dt.date, observe: Observe | None = None
) -> list[Finding]:
    """Every finding for one team."""
    evidence = gather(repo, team, as_of, today)
    if evidence.ctx is None or evidence.policy is None:
        return evidence.findings
    observers = observe(team, evidence.ctx) if observe else ()
    return evidence.findings + evaluate(evidence.ctx, evidence.policy, evidence.offered, observers)


def _activity(repo: CharterRepo, path: Path, ctx: TeamContext | None) -> tuple[Document | None, list[Finding]]:
    """The activity log, when present and sound, and its lint findings."""
    if not path.exists():
        return None, []
    findings, loaded = prepare_activity(repo, path, ctx.charter if ctx else None)
    return loaded, findings


def _future_events(events: list[Event], team: str, today: dt.date) -> list[Finding]:
    return [
        Finding(
            rule="consistency",
            severity=Severity.ERROR,
            message=f"This {event.type} is dated {event.day}, after today ({today}); record events once they happen.",
            location=event.location,
            team=team,
        )
        for event in events
        if event.day > today
    ]
