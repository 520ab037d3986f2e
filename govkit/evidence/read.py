"""`read_team`: one team's evidence, read once per run and shared by every command.

`lint` reads it without a date (the files alone); `check`, `review`, `render` and `diff` read it
as of a date, with the charter's history from git.
"""

from __future__ import annotations

import bisect
import datetime as dt
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govkit.checks.base import PORTFOLIO, scope_of
from govkit.evidence.activity import Event
from govkit.evidence.charter import Charter
from govkit.evidence.files import charter_of_bytes, read_activity_file, read_charter_file
from govkit.evidence.history import CharterHistory, build_history, only_version
from govkit.evidence.team import ACTIVITY, CHARTER, GIT, HISTORY, RepoRef, TeamEvidence
from govkit.git.run import RepoProblem
from govkit.load import Document
from govkit.model import Finding, Location, Severity
from govkit.policy import Policy
from govkit.repo import CharterRepo, missing_policy


def read_team(
    repo: CharterRepo,
    team: str,
    as_of: dt.date | None,
    today: dt.date,
    *,
    charter: Path | None = None,
    activity: Path | None = None,
) -> TeamEvidence:
    """One team's evidence; with `as_of`, also its charter's history and what its activity can be judged on.

    The files are the team's folder's charter.yaml and activity.yaml unless given.
    """
    folder = repo.team_dir(team)
    charter_path = charter or folder / "charter.yaml"
    charter_file = read_charter_file(repo, charter_path, team)
    findings = list(charter_file.findings)
    current = charter_file.charter
    log = read_activity_file(repo, activity or folder / "activity.yaml", current, team)
    findings.extend(log.findings)
    name = (current.name if current else charter_file.name) or team
    common: dict[str, Any] = {
        "team": team,
        "today": today,
        "as_of": as_of,
        "name": name,
        "document": charter_file.document,
    }
    policy = _policy(repo, charter_file.document, current, team, findings)
    if current is None:
        return TeamEvidence(
            **common, current=current, version=None, policy=policy, history=None, findings=tuple(findings),
            offered=frozenset(), activity_findings=bool(log.findings),
            activity_present=log.present,
        )  # fmt: skip
    events = tuple(event for event in log.events or () if event.day <= today)
    findings.extend(_future_events(log.events or (), team, today))
    offered = {CHARTER}
    history = None
    version = current
    if as_of is not None:
        history = _history(repo, charter_path, current, today, findings, team, charter_file.document)
        if history is not None:
            offered.add(HISTORY)
            version = history.in_force(as_of)
        if version.status != "draft":  # a draft is only linted, as the charter stood that day
            offered.add(GIT)
            if log.events is not None:
                offered.add(ACTIVITY)
    if policy is None:
        offered.clear()  # a charter whose policy is unknown cannot be judged; its history can still be read
    by_type: dict[str, list[Event]] = {}
    for event in events:
        by_type.setdefault(event.type, []).append(event)
    days = [event.day for event in events]
    return TeamEvidence(
        **common,
        current=current,
        version=version,
        policy=policy,
        history=history,
        findings=tuple(findings),
        offered=frozenset(offered),
        repos=tuple(RepoRef(r.index, r.name, (repo.root / r.path).resolve()) for r in version.repos),
        activity_findings=bool(log.findings),
        activity_present=log.present,
        by_type={kind: tuple(found) for kind, found in by_type.items()},
        days_by_type={kind: tuple(e.day for e in found) for kind, found in by_type.items()},
        all_events=events,
        all_days=tuple(days),
        cut=len(events) if as_of is None else bisect.bisect_right(days, as_of),
    )


def _policy(
    repo: CharterRepo, document: Document | None, charter: Charter | None, team: str, findings: list[Finding]
) -> Policy | None:
    if charter is None or document is None:
        return None
    policies = repo.policies()
    policy = policies.get(charter.policy)
    if policy is None:
        broken = repo.broken_policy(charter.policy)
        message = (
            f"The charter pins `{charter.policy}`, which is {broken}; that policy is not valid, so the charter "
            f"cannot be judged. Fix what `govkit lint {broken}` reports."
            if broken
            else missing_policy(charter.policy, list(policies))
        )
        findings.append(Finding("policy", Severity.ERROR, message, document.where(("policy",)), team=team))
    return policy


def _history(
    repo: CharterRepo,
    path: Path,
    charter: Charter,
    today: dt.date,
    findings: list[Finding],
    team: str,
    document: Document | None,
) -> CharterHistory | None:
    """The charter's versions in force; None (and a `git` error) when its history cannot be read."""
    try:
        log = repo.history.commits()
        if log is None:
            return only_version(charter)  # not in git (yet): the file is the only version there is
        top, _ = log
        relative = path.resolve().relative_to(top).as_posix()
        touching = repo.history.changing(relative)
        contents = repo.history.versions_of(relative)
    except (RepoProblem, subprocess.CalledProcessError, ValueError) as exc:
        reason = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        location = document.where(()) if document else Location(repo.name(path))
        advice = "" if "fetch" in reason else " Fetch the full history (in CI, check out with fetch-depth: 0)."
        findings.append(
            Finding(
                "git",
                Severity.ERROR,
                f"Cannot read the charter's history: {reason}. Without it govkit cannot tell which version was "
                f"in force or whether each change was approved.{advice}",
                location,
                team=team,
            )
        )
        return None
    versions = [
        (commit, charter_of_bytes(content, path, repo.name(path)) if content is not None else None)
        for commit, content in zip(touching, contents, strict=True)
    ]
    # The working copy is committed when it says what the last commit says (layout and comments aside).
    committed = bool(versions) and versions[-1][1] == charter
    return build_history(versions, repo.history.approvals(), charter, committed, today)


def _future_events(events: tuple[Event, ...], team: str, today: dt.date) -> list[Finding]:
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


def across_teams(repo: CharterRepo) -> bool:
    """Whether a policy of the repo holds a rule across teams (scope `portfolio`)."""
    return any(scope_of(rule.check) == PORTFOLIO for policy in repo.policies().values() for rule in policy.rules)


def whole_portfolio(
    repo: CharterRepo, read: Mapping[str, TeamEvidence], as_of: dt.date | None, today: dt.date
) -> list[TeamEvidence]:
    """Every team's evidence, when a policy in use holds a rule across teams (the teams not in `read`
    are read now, once); else none, as nothing would look at it."""
    if not across_teams(repo):
        return []
    return [read.get(team) or read_team(repo, team, as_of, today) for team in repo.team_ids()]
