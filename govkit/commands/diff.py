"""`govkit diff A B` and `govkit policy diff OLD NEW`: what the user names on the command line, read, then compared.

`TEAM` is a team's charter as it is in the working tree; `TEAM@YYYY-MM-DD` the version in force
that day (only approved amendments come into force). Both are read as every other command reads
a team (govkit.evidence.read); a policy file or `name@major[@rev]` is read as `lint` reads
policies, with the policy it extends.
Anything that keeps a comparison from running is a GovkitError with one sentence that says
what to do; a broken charter or policy is not compared, because a half-read file would
show differences that are not there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from govkit.compare.change import Comparison
from govkit.compare.charter import charter_changes
from govkit.compare.policy import policy_changes
from govkit.errors import GovkitError
from govkit.evidence.charter import Charter
from govkit.evidence.read import read_team
from govkit.evidence.team import TeamEvidence
from govkit.git.run import has_commits, top_of
from govkit.load import load_file
from govkit.model import Finding
from govkit.policy import Policy, read_policy
from govkit.policy_catalog import PIN, committed_catalog
from govkit.repo import CharterRepo, find_root
from govkit.slips import day_fix

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class CharterRef:
    """A charter as the user names it: `TEAM`, or `TEAM@YYYY-MM-DD` for the version in force that day."""

    text: str  # as written on the command line
    team: str
    day: dt.date | None  # None: the working copy


def compare_charters(repo: CharterRepo, before: str, after: str, today: dt.date) -> Comparison:
    """`govkit diff A B`: the agreements that differ from charter A to charter B."""
    refs = (charter_ref(repo, before, today), charter_ref(repo, after, today))
    dated = {ref.team for ref in refs if ref.day is not None}
    evidence: dict[str, TeamEvidence] = {}
    for ref in refs:
        if ref.team not in evidence:
            # One read per team; its history only when one side names a day.
            evidence[ref.team] = read_team(repo, ref.team, today if ref.team in dated else None, today)
    old, new = (charter_at(repo, ref, evidence[ref.team]) for ref in refs)
    return Comparison("diff", before, after, tuple(charter_changes(old, new)))


def charter_ref(repo: CharterRepo, text: str, today: dt.date) -> CharterRef:
    """`TEAM` or `TEAM@YYYY-MM-DD`, checked: the team exists and the day is a real one, not after today."""
    team, dated, day_text = text.partition("@")
    known = repo.team_ids()
    if team not in known:
        listed = ", ".join(known) or "none yet"
        raise GovkitError(f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {listed}.")
    return CharterRef(text, team, _day(text, team, day_text, today) if dated else None)


def charter_at(repo: CharterRepo, ref: CharterRef, evidence: TeamEvidence) -> Charter:
    """The charter `ref` names, from the team's evidence (read with its history when `ref` is dated)."""
    name = repo.name(repo.team_dir(ref.team) / "charter.yaml")
    if evidence.current is None:
        raise GovkitError(_unsound(evidence, name))
    if ref.day is None:
        return evidence.current
    if evidence.history is None:
        raise GovkitError(_no_history(ref, evidence))
    if not any(version.commit is not None for version in evidence.history.versions):
        if top_of(repo.root) is None:
            raise GovkitError(
                f"The charter repo {repo.root} is not in git, so `{ref.text}` has no history to read. "
                f"Commit the charters to git, or compare working copies by team id (`{ref.team}`)."
            )
        raise GovkitError(
            f"{name} has no valid committed version, so `{ref.text}` has no history to read. "
            f"Commit it, or compare the working copy (`{ref.team}`)."
        )
    return evidence.in_force(ref.day)


def _no_history(ref: CharterRef, evidence: TeamEvidence) -> str:
    """Why a sound charter came without its history: git could not read it, or its policy is unknown
    (a charter that cannot be judged is read no further)."""
    unreadable = [f for f in evidence.findings if f.rule == "git"]
    if unreadable:
        return f"{_where(unreadable[0])}: {unreadable[0].message}"
    policy = next(f for f in evidence.findings if f.rule == "policy")
    return (
        f"{_where(policy)}: {policy.message} A dated charter is read with its policy; fix the pin first, "
        f"or compare the working copy (`{ref.team}`)."
    )


def _unsound(evidence: TeamEvidence, name: str) -> str:
    problems = [f for f in evidence.findings if f.location is not None and f.location.file == name]
    first = problems[0]
    if evidence.document is None:  # not even YAML
        return f"{_where(first)}: {first.message} Fix the charter (`govkit lint {name}`), then compare."
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return (
        f"{_where(first)}: {first.message}{more} Only valid charters are compared; "
        f"run `govkit lint {name}` and fix what it reports."
    )


def _where(finding: Finding) -> str:
    return str(finding.location) if finding.location else "the file"


def _day(ref: str, team: str, text: str, today: dt.date) -> dt.date:
    try:
        if not _DAY.match(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        fix = day_fix(text)
        raise GovkitError(
            f"`{text}` in `{ref}` is not a date{f': {fix}' if fix else ''}; write TEAM@YYYY-MM-DD, "
            f"for example `{team}@{today}`."
        ) from None
    if day > today:
        raise GovkitError(
            f"{day} in `{ref}` is after today ({today}), so no charter is known to be in force then; "
            f"use `{team}` for the current charter."
        )
    return day


def compare_policies(before: str, after: str, root: Path | None) -> Comparison:
    """`govkit policy diff OLD NEW`: rules added, removed, tightened and loosened, and version hints."""
    repo: list[CharterRepo] = []  # found only when a pin or an `extends` needs it
    old = policy_at(before, root, repo)
    new = policy_at(after, root, repo)
    changes, hints = policy_changes(old, new)
    return Comparison("policy diff", before, after, tuple(changes), tuple(hints))


def policy_at(ref: str, root: Path | None, repo: list[CharterRepo]) -> Policy:
    """A policy file, or a pin looked up like charters do: the repo's policies/ first, then built in.

    `NAME@MAJOR@REV` reads the repo's policies/ as committed at the git revision REV; a plain
    `NAME@MAJOR` means `@HEAD` when the charter repo is in git, so a policy file compares with
    what is committed, and the working copy otherwise."""
    path = Path(ref)
    if path.is_file():
        return _sound_policy(path, ref, _charters(root, repo))
    match = PIN.match(ref)
    if match is None:
        if path.is_dir():
            raise GovkitError(f"{ref} is a folder; give a policy file such as policies/firewalled-pilot.yaml.")
        raise GovkitError(
            f"{ref} is neither a policy file nor a pin such as `firewalled-pilot@1` (or `firewalled-pilot@1@HEAD~3`); "
            "check the path or the name."
        )
    charters = _charters(root, repo)
    pin = f"{match['name']}@{match['major']}"
    revision = match["rev"] or ("HEAD" if _committed(charters.root) else None)
    if revision is None:
        policies = charters.policies()
        problems = charters.policy_findings
        where = f"in {charters.root / 'policies'} or built in"
    else:
        catalog = committed_catalog(charters.root, revision)
        policies = catalog.pins()
        problems = [
            f for name in catalog.names if not name.startswith("<built-in>/") for f in catalog.problems.get(name, [])
        ]
        where = f"in policies/ as committed at `{revision}`, or built in"
    if problems:
        # A broken file in policies/ may be the very version the pin means; never guess past it.
        first = problems[0]
        raise GovkitError(
            f"{_where(first)}: {first.message} This policy file is not valid, so `{ref}` may not resolve "
            "to it; run `govkit lint policies` and fix it first."
        )
    if pin in policies:
        return policies[pin]
    known = ", ".join(sorted(policies)) or "none"
    raise GovkitError(f"No policy is pinned as `{pin}` {where}. Known: {known}.")


def _charters(root: Path | None, repo: list[CharterRepo]) -> CharterRepo:
    if not repo:
        repo.append(CharterRepo(_policy_root(root)))
    return repo[0]


def _committed(root: Path) -> bool:
    top = top_of(root)
    return top is not None and has_commits(top)


def _policy_root(root: Path | None) -> Path:
    """The charter repo for pins; outside one, only the built-in policies are known."""
    try:
        return find_root(root)
    except GovkitError:
        if root is not None:
            raise
        return Path.cwd().resolve()


def _sound_policy(path: Path, name: str, charters: CharterRepo) -> Policy:
    loaded = load_file(path, name)
    if isinstance(loaded, Finding):
        raise GovkitError(f"{_where(loaded)}: {loaded.message} Fix the policy (`govkit lint {name}`), then compare.")
    policy, problems = read_policy(loaded, charters.catalog().resolve)
    if policy is None:
        first = problems[0] if problems else None
        detail = f"{_where(first)}: {first.message}" if first else f"{name} is not a valid policy."
        raise GovkitError(
            f"{detail} Only valid policies are compared; run `govkit lint {name}` and fix what it reports."
        )
    return policy
