"""guarded-paths: guardrails stay with IT, even inside the firewall.

Every commit that touches a path a guardrail owner guards (globs such as `auth/**`) carries
a `Reviewed-by:` trailer naming that owner or a technology-side member, and not the commit's
own author. The guards and members are those in force on the commit's day; the policy's own
`guards` hold in every repo of every team as well, whatever the charter says.

Passes: a commit changing `auth/login.py` with `Reviewed-by: Raj Patel <raj.patel@example.com>`.
Fails: the same commit with no trailer, or reviewed only by its own author.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from govkit.checks.base import (
    GIT,
    CommitDays,
    Judged,
    Problem,
    RepoRef,
    TeamEvidence,
    commit_text,
    day_of,
    params_schema,
)
from govkit.evidence.charter import Charter
from govkit.git.log import Commit
from govkit.measurements import Guarded
from govkit.trailers import emails_in

ID = "guarded-paths"
EVIDENCE = frozenset({GIT})
PARAMS = params_schema(
    {
        "trailer": {
            "type": "string",
            "default": "Reviewed-by",
            "description": "The commit trailer that names the reviewer.",
        }
    }
)

Guard = tuple[re.Pattern[str], str, str]  # (paths, owner, area)


def glob_pattern(glob: str) -> str:
    """A guard's path glob as a regex, read as .gitignore and CODEOWNERS read theirs.

    `**` crosses folders, `*` and `?` stay within one name; a glob with no `/` but at its end
    (`*.tf`, `secrets/`) matches at any depth, any other from the repo root (a leading `/` is
    allowed); a glob that matches a folder guards everything in it (`auth`, `auth/`).
    """
    body = glob.strip("/")
    out, index = [] if "/" in body or glob.startswith("/") else ["(?:.*/)?"], 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if body.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        index += 1
    out.append("(?:/.*)?")
    return "".join(out)


def paths_pattern(globs: Iterable[str]) -> re.Pattern[str]:
    """One regex matching a whole path against any of the globs, each anchored on its own."""
    return re.compile("|".join(rf"(?:{glob_pattern(glob)})\Z" for glob in globs))


class _Guardrails:
    def __init__(self, evidence: TeamEvidence, trailer: str) -> None:
        self.evidence = evidence
        self.trailer, self.trailer_key = trailer, trailer.lower()
        self.days = CommitDays(evidence)
        self.compiled: dict[tuple[int, str], tuple[re.Pattern[str] | None, list[Guard], frozenset[str]]] = {}
        self.touched: dict[str, list[int]] = {}  # day → [commits touching a guard, of them unreviewed]
        # What the last commit was judged by (see `_settle`); consecutive commits mostly share it all.
        self.raw_day: str | None = None  # its `Commit.day`; None before the first commit
        self.repo: RepoRef | None = None
        self.day, self.version = "", evidence.charter
        self.rules: tuple[re.Pattern[str] | None, list[Guard], frozenset[str]] = (None, [], frozenset())

    def _settle(self, repo: RepoRef, commit: Commit) -> None:
        """Judge the commits of `commit`'s day in `repo` from here on: the day they are judged by, the
        charter version in force then, and its rules in the repo."""
        day, version = self.days.judged_by(commit)
        self.raw_day, self.repo, self.day, self.version = commit.day, repo, day, version
        self.rules = self._rules(version, repo)

    def _rules(self, version: Charter, repo: RepoRef) -> tuple[re.Pattern[str] | None, list[Guard], frozenset[str]]:
        key = (id(version), repo.name)
        if key not in self.compiled:
            # The charter's guards of this repo, then the policy's, which hold in every repo whatever the charter says.
            central = self.evidence.policy.guards if self.evidence.policy else ()
            written = [guard for entry in version.repos if entry.name == repo.name for guard in entry.guards]
            guards = [(paths_pattern(guard.paths), guard.owner.lower(), guard.area) for guard in (*written, *central)]
            technologists = frozenset(
                identity for member in version.members if member.side == "technology" for identity in member.identities
            )
            # One pattern for "touches any guard at all", so most commits cost one match per file.
            anything = re.compile("|".join(f"(?:{g[0].pattern})" for g in guards)) if guards else None
            self.compiled[key] = (anything, guards, technologists)
        return self.compiled[key]

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        if commit.day != self.raw_day or repo is not self.repo:
            self._settle(repo, commit)
        anything, guards, technologists = self.rules
        if anything is None:
            return ()
        for name in commit.files:  # a loop, not any(): this runs for every commit of the history
            if anything.match(name):
                break
        else:
            return ()
        day, version = self.day, self.version
        counts = self.touched.setdefault(day, [0, 0])
        counts[0] += 1
        reviewers = emails_in(commit.trailer_values(self.trailer_key))
        authors = version.identities_of(commit.author_email)
        # Each guard touched needs its own review: its owner's or a technology-side member's.
        missing: list[str] = []
        unreviewed: list[str] = []
        for paths, owner, area in guards:
            path = next((p for p in commit.files if paths.match(p)), None)
            if path is not None and not reviewers & (({owner} | technologists) - authors):
                missing.append(f"{path}, guarded by {owner} ({area})")
                unreviewed.append(path)
        if not missing:
            return ()
        counts[1] += 1
        why = (
            "reviewed only by its own author, who cannot review their own change"
            if reviewers and reviewers <= authors
            else f"without a `{self.trailer}:` trailer from {'that owner' if len(missing) == 1 else 'those owners'} "
            "or a technology-side member"
        )
        return (
            Problem(
                f"The {commit_text(repo, commit)} changes {' and '.join(missing)}, {why}. "
                f"Get it reviewed and record it as `{self.trailer}: Name <email>` in the commit message.",
                commit=commit.sha,
                day=day_of(day),
                paths=tuple(unreviewed),
            ),
        )

    def done(self, evidence: TeamEvidence) -> Iterable[Judged]:
        judged = evidence.judged_day.isoformat()
        counted = [counts for day, counts in self.touched.items() if day <= judged]
        yield Guarded(changes=sum(c[0] for c in counted), unreviewed=sum(c[1] for c in counted))


def watch(evidence: TeamEvidence, params: Mapping[str, Any]) -> _Guardrails:
    return _Guardrails(evidence, params["trailer"])
