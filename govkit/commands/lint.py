"""`govkit lint`: schema, consistency and the policy's static rules, file by file.

Each team is read once (govkit.evidence.read) and judged on its files alone; when files are
named, only the findings in those files are reported. A broken file never stops the run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govkit.engine import evaluate, portfolio_findings
from govkit.errors import GovkitError
from govkit.evidence.read import across_teams, read_team, whole_portfolio
from govkit.evidence.team import TeamEvidence
from govkit.load import Document
from govkit.model import Finding, Result
from govkit.policy import read_policy, rule_help
from govkit.repo import CharterRepo, team_of
from govkit.status import team_status


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # charter | activity | policy
    path: Path


def lint(repo: CharterRepo, paths: Iterable[Path] = (), today: dt.date | None = None) -> Result:
    today = today or dt.date.today()
    paths = list(paths)
    targets = _targets(repo, paths)
    result = Result(command="lint", as_of=today.isoformat())
    for target in targets:
        if target.kind == "policy":
            result.findings.extend(lint_policy(repo, target.path))
    read: Iterable[tuple[TeamEvidence, set[str]]] = _read(repo, targets, today)
    shared: dict[str, list[Finding]] = {}
    if across_teams(repo):
        # Rules across teams see every team, also when only some files are linted; else each team is
        # judged as it is read, and let go.
        read = list(read)
        everyone = whole_portfolio(repo, {evidence.team: evidence for evidence, _ in read}, None, today)
        shared = portfolio_findings(everyone, today)
    for evidence, names in read:
        team = evidence.team
        found = evaluate(evidence, shared.get(team, ())).findings
        kept = [f for f in found if f.location is None or f.location.file in names]
        recovery = evidence.policy.recovery.days if evidence.policy else 0
        charter_status = evidence.version.status if evidence.version else None
        result.add(team_status(team, kept, today, recovery, charter_status), kept)
    if not paths or any(path.is_dir() for path in paths):
        result.findings.extend(repo.stray_folders(path for path in paths if path.is_dir()))
    if not paths or any(path.is_dir() and repo.name(path) in (".", "policies") for path in paths):
        result.findings.extend(repo.policy_folder_findings())
    linted_policies = {repo.name(t.path) for t in targets if t.kind == "policy"}
    result.findings.extend(f for f in repo.superseded() if f.location and f.location.file in linted_policies)
    result.rule_help = rule_help(repo.policies().values())
    return result


def _read(repo: CharterRepo, targets: list[Target], today: dt.date) -> Iterator[tuple[TeamEvidence, set[str]]]:
    """Each team's evidence, with the names of its files that were asked for."""
    for folder, wanted in _teams(repo, targets).items():
        charter = next((t.path for t in wanted if t.kind == "charter"), folder / "charter.yaml")
        team = team_of(repo.name(charter)) or charter.stem
        evidence = read_team(repo, team, None, today, charter=charter, activity=folder / "activity.yaml")
        yield evidence, {repo.name(t.path) for t in wanted}


def lint_policy(repo: CharterRepo, path: Path) -> list[Finding]:
    """A policy file's problems, its `extends` resolved as charters' pins are: the repo's policies, then built in."""
    name = repo.name(path)
    catalog = repo.catalog()
    if name in catalog.names:
        return catalog.read(name)[1]
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return [loaded]
    return read_policy(loaded, catalog.resolve)[1]


def _teams(repo: CharterRepo, targets: list[Target]) -> dict[Path, list[Target]]:
    """Charter and activity targets by the folder they share: one read per team."""
    found: dict[Path, list[Target]] = {}
    for target in targets:
        if target.kind != "policy":
            found.setdefault(target.path.parent, []).append(target)
    return found


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
