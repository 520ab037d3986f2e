"""What the user names on the command line, read: `TEAM`, `TEAM@YYYY-MM-DD`, a policy file or `name@major`.

Anything that keeps a comparison from running is a GovkitError with one sentence that says
what to do; a broken charter or policy is not compared, because a half-read file would
show differences that are not there.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

from govkit.compare.change import Comparison
from govkit.compare.charter import charter_changes
from govkit.compare.policy import policy_changes
from govkit.errors import GovkitError
from govkit.evidence.charter_history import CharterHistory, read_history
from govkit.git import RepoProblem, top_of
from govkit.load import Document, load_file
from govkit.model import Finding
from govkit.policy import Policy, read_policy
from govkit.repo import CharterRepo, find_root
from govkit.validate import schema_findings

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PIN = re.compile(r"^[a-z0-9][a-z0-9-]*@[0-9]+$")


def compare_charters(repo: CharterRepo, before: str, after: str, today: dt.date) -> Comparison:
    """`govkit diff A B`: the agreements that differ from charter A to charter B."""
    histories: dict[str, CharterHistory] = {}
    old = charter_at(repo, before, today, histories)
    new = charter_at(repo, after, today, histories)
    return Comparison("diff", before, after, tuple(charter_changes(old, new)))


def charter_at(repo: CharterRepo, ref: str, today: dt.date, histories: dict[str, CharterHistory]) -> dict[str, Any]:
    """The charter `ref` names: `TEAM` as it is in the working tree, `TEAM@DAY` as in force that day."""
    team, dated, day_text = ref.partition("@")
    known = repo.team_ids()
    if team not in known:
        listed = ", ".join(known) or "none yet"
        raise GovkitError(f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {listed}.")
    doc = _sound_charter(repo, repo.team_dir(team) / "charter.yaml")
    if not dated:
        return doc.data
    day = _day(ref, team, day_text, today)
    if team not in histories:
        histories[team] = _history(repo, doc, ref, team, today)
    return histories[team].in_force(day)


def _sound_charter(repo: CharterRepo, path: Path) -> Document:
    loaded = repo.load(path)
    name = repo.name(path)
    if isinstance(loaded, Finding):
        raise GovkitError(f"{_where(loaded)}: {loaded.message} Fix the charter (`govkit lint {name}`), then compare.")
    problems = schema_findings(loaded, "charter")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GovkitError(
            f"{_where(problems[0])}: {problems[0].message}{more} Only valid charters are compared; "
            f"run `govkit lint {name}` and fix what it reports."
        )
    return loaded


def _where(finding: Finding) -> str:
    return str(finding.location) if finding.location else "the file"


def _day(ref: str, team: str, text: str, today: dt.date) -> dt.date:
    try:
        if not _DAY.match(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise GovkitError(
            f"`{text}` in `{ref}` is not a date; write TEAM@YYYY-MM-DD, for example `{team}@{today}`."
        ) from None
    if day > today:
        raise GovkitError(
            f"{day} in `{ref}` is after today ({today}), so no charter is known to be in force then; "
            f"use `{team}` for the current charter."
        )
    return day


def _history(repo: CharterRepo, doc: Document, ref: str, team: str, today: dt.date) -> CharterHistory:
    if top_of(repo.root) is None:
        raise GovkitError(
            f"The charter repo {repo.root} is not in git, so `{ref}` has no history to read. "
            f"Commit the charters to git, or compare working copies by team id (`{team}`)."
        )
    try:
        history = read_history(repo.root, doc, today)
    except subprocess.CalledProcessError as exc:
        reason = (exc.stderr or "").strip().splitlines()
        raise GovkitError(
            f"Cannot read the git history of {doc.name}: {reason[-1] if reason else exc}. "
            "Check the charter repo with `git status`."
        ) from None
    except RepoProblem as exc:
        raise GovkitError(f"Cannot read the git history of {doc.name}: {exc}.") from None
    if history.committed == 0:
        raise GovkitError(
            f"{doc.name} has no valid committed version, so `{ref}` has no history to read. "
            f"Commit it, or compare the working copy (`{team}`)."
        )
    return history


def compare_policies(before: str, after: str, root: Path | None) -> Comparison:
    """`govkit policy diff OLD NEW`: rules added, removed, tightened and loosened, and version hints."""
    repo: list[CharterRepo] = []  # found only when a pin needs it
    old = policy_at(before, root, repo)
    new = policy_at(after, root, repo)
    changes, hints = policy_changes(old, new)
    return Comparison("policy diff", before, after, tuple(changes), tuple(hints))


def policy_at(ref: str, root: Path | None, repo: list[CharterRepo]) -> Policy:
    """A policy file, or a pin (`name@major`) looked up in the repo's policies/ first, then built in."""
    path = Path(ref)
    if path.is_file():
        return _sound_policy(path, ref)
    if _PIN.match(ref):
        if not repo:
            repo.append(CharterRepo(_policy_root(root)))
        policies = repo[0].policies()
        if repo[0].policy_findings:
            # A broken file in policies/ may be the very version the pin means; never guess past it.
            first = repo[0].policy_findings[0]
            raise GovkitError(
                f"{_where(first)}: {first.message} This policy file is not valid, so `{ref}` may not resolve "
                "to it; run `govkit lint policies` and fix it first."
            )
        if ref in policies:
            return policies[ref]
        known = ", ".join(sorted(policies)) or "none"
        raise GovkitError(f"No policy is pinned as `{ref}` in {repo[0].root / 'policies'} or built in. Known: {known}.")
    if path.is_dir():
        raise GovkitError(f"{ref} is a folder; give a policy file such as policies/firewalled-pilot.yaml.")
    raise GovkitError(
        f"{ref} is neither a policy file nor a pin such as `firewalled-pilot@1`; check the path or the name."
    )


def _policy_root(root: Path | None) -> Path:
    """The charter repo for pins; outside one, only the built-in policies are known."""
    try:
        return find_root(root)
    except GovkitError:
        if root is not None:
            raise
        return Path.cwd().resolve()


def _sound_policy(path: Path, name: str) -> Policy:
    loaded = load_file(path, name)
    if isinstance(loaded, Finding):
        raise GovkitError(f"{_where(loaded)}: {loaded.message} Fix the policy (`govkit lint {name}`), then compare.")
    policy, problems = read_policy(loaded)
    if policy is None:
        first = problems[0] if problems else None
        detail = f"{_where(first)}: {first.message}" if first else f"{name} is not a valid policy."
        raise GovkitError(
            f"{detail} Only valid policies are compared; run `govkit lint {name}` and fix what it reports."
        )
    return policy
