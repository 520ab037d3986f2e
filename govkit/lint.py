"""`govkit lint`: schema, consistency and the policy's static rules, file by file.

A broken file never stops the run: every problem is a finding in one Result.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit.checks.base import CHARTER, TeamContext
from govkit.consistency import activity_consistency, charter_consistency
from govkit.engine import evaluate
from govkit.errors import GovkitError
from govkit.load import Document
from govkit.model import Finding, Result, Severity, status_of
from govkit.policy import Policy, read_policy, rule_help
from govkit.repo import CharterRepo, missing_policy, team_of
from govkit.validate import schema_findings


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # charter | activity | policy
    path: Path


def lint(repo: CharterRepo, paths: Iterable[Path] = ()) -> Result:
    paths = list(paths)
    targets = _targets(repo, paths)
    result = Result(command="lint", as_of=dt.date.today().isoformat())
    sound_charters: dict[Path, dict[str, Any]] = {}
    for target in targets:
        if target.kind == "policy":
            result.findings.extend(lint_policy(repo, target.path))
        elif target.kind == "charter":
            charter_findings, ctx = lint_charter(repo, target.path)
            result.findings.extend(charter_findings)
            if ctx is not None:
                sound_charters[target.path] = ctx.charter
        else:
            beside = target.path.with_name("charter.yaml")
            charter = sound_charters[beside] if beside in sound_charters else _sibling_charter(repo, beside)
            result.findings.extend(lint_activity(repo, target.path, charter))
    if not paths or any(path.is_dir() for path in paths):
        result.findings.extend(repo.stray_folders(path for path in paths if path.is_dir()))
    if not paths or any(path.is_dir() and repo.name(path) in (".", "policies") for path in paths):
        result.findings.extend(repo.policy_folder_findings())
    linted_policies = {repo.name(t.path) for t in targets if t.kind == "policy"}
    result.findings.extend(f for f in repo.superseded() if f.location and f.location.file in linted_policies)
    teams = sorted({f.team for f in result.findings if f.team} | {t for t in _linted_teams(repo, targets)})
    result.teams = [status_of(team, result.findings) for team in teams]
    result.rule_help = rule_help(repo.policies().values())
    return result


def _linted_teams(repo: CharterRepo, targets: list[Target]) -> set[str]:
    return {team for t in targets if t.kind == "charter" and (team := team_of(repo.name(t.path)))}


def lint_policy(repo: CharterRepo, path: Path) -> list[Finding]:
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return [loaded]
    return read_policy(loaded)[1]


def lint_charter(repo: CharterRepo, path: Path) -> tuple[list[Finding], TeamContext | None]:
    """Findings for one charter, and its context when it is sound enough to evaluate."""
    findings, ctx, policy = prepare_charter(repo, path)
    if ctx is not None and policy is not None:
        findings.extend(evaluate(ctx, policy, {CHARTER}))
    return findings, ctx


def prepare_charter(repo: CharterRepo, path: Path) -> tuple[list[Finding], TeamContext | None, Policy | None]:
    """Load, schema-check and cross-check a charter, and find its policy; nothing evaluated yet."""
    name = repo.name(path)
    folder = team_of(name)
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return [_for_team(loaded, folder)], None, None
    findings = schema_findings(loaded, "charter", folder)
    if findings:
        return findings, None, None
    findings.extend(charter_consistency(loaded, folder))
    team = folder or loaded.data["team"]
    policy = _policy_for(repo, loaded, team, findings)
    if policy is None:
        return findings, None, None
    return findings, TeamContext(team=team, charter_doc=loaded, policy_rule_ids=policy.rule_ids), policy


def _policy_for(repo: CharterRepo, doc: Document, team: str, findings: list[Finding]) -> Policy | None:
    pin = doc.data["policy"]
    policies = repo.policies()
    policy = policies.get(pin)
    if policy is None:
        findings.append(
            Finding(
                rule="policy",
                severity=Severity.ERROR,
                message=missing_policy(pin, list(policies)),
                location=doc.where(("policy",)),
                team=team,
            )
        )
        return None
    return policy


def lint_activity(repo: CharterRepo, path: Path, charter: dict[str, Any] | None) -> list[Finding]:
    return prepare_activity(repo, path, charter)[0]


def prepare_activity(
    repo: CharterRepo, path: Path, charter: dict[str, Any] | None
) -> tuple[list[Finding], Document | None]:
    """Lint findings for an activity log, and the log itself when it is sound enough to read."""
    team = team_of(repo.name(path))
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return [_for_team(loaded, team)], None
    findings = schema_findings(loaded, "activity", team)
    if findings:
        return findings, None
    findings.extend(activity_consistency(loaded, charter, team))
    return findings, loaded


def _sibling_charter(repo: CharterRepo, path: Path) -> dict[str, Any] | None:
    """The charter beside an activity log, when it exists and passes its schema."""
    if not path.is_file():
        return None
    loaded = repo.load(path)
    if isinstance(loaded, Finding) or schema_findings(loaded, "charter"):
        return None
    return loaded.data


def _for_team(finding: Finding, team: str | None) -> Finding:
    from dataclasses import replace

    return replace(finding, team=team)


def _targets(repo: CharterRepo, paths: list[Path]) -> list[Target]:
    if not paths:
        found = [Target("policy", p) for p in repo.policy_files()]
        for team in repo.team_ids():
            folder = repo.team_dir(team)
            found.append(Target("charter", folder / "charter.yaml"))
            if os.path.lexists(folder / "activity.yaml"):  # a folder or a pipe there is a finding, not skipped
                found.append(Target("activity", folder / "activity.yaml"))
        return found
    targets: list[Target] = []
    for path in paths:
        if not path.exists():
            raise GovkitError(f"{path} does not exist; give files or folders inside the charter repo.")
        if not repo.inside(path):
            raise GovkitError(f"{path} is outside the charter repo {repo.root}; give files or folders inside it.")
        files = _governance_files(path) if path.is_dir() else [path]
        targets.extend(Target(_kind_of(repo, file), file) for file in files)
    return targets


def _governance_files(folder: Path) -> list[Path]:
    """Charters, activity logs and policies inside a folder, not every YAML file in it."""
    found = {p for p in folder.rglob("*.yaml") if p.name in ("charter.yaml", "activity.yaml") and p.is_file()}
    found |= {p for p in folder.rglob("*.yaml") if p.parent.name == "policies" and p.is_file()}
    if folder.name == "policies":
        found |= {p for p in folder.glob("*.yaml") if p.is_file()}
    return sorted(found, key=lambda p: (p.parent, p.name != "charter.yaml", p.name))


def _kind_of(repo: CharterRepo, path: Path) -> str:
    """Which kind of governance file `path` is: by its place first, then by its content."""
    name = repo.name(path)
    if name.startswith("policies/"):
        return "policy"
    if path.name == "activity.yaml":
        return "activity"
    if path.name == "charter.yaml":
        return "charter"
    loaded = repo.load(path)
    if isinstance(loaded, Document):
        if "rules" in loaded.data:
            return "policy"
        if "events" in loaded.data:
            return "activity"
    return "charter"
