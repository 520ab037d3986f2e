"""guarded-paths: guardrails stay with IT, even inside the firewall.

Every commit that touches a path a guardrail owner guards (globs such as `auth/**`) carries
a `Reviewed-by:` trailer naming that owner or a technology-side member, and not the commit's
own author. The guards and members are those in force on the commit's day.

Passes: a commit changing `auth/login.py` with `Reviewed-by: Raj Patel <raj.patel@example.com>`.
Fails: the same commit with no trailer, or reviewed only by its own author.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from govkit.checks.base import GIT, Problem, RepoRef, TeamContext, commit_text, emails_in, identities_of, params_schema
from govkit.git import Commit

ID = "guarded-paths"
EVIDENCE = frozenset({GIT})
PARAMS = params_schema({"trailer": {"type": "string", "default": "Reviewed-by"}})

Guard = tuple[re.Pattern[str], str, str]  # (paths, owner, area)


def glob_pattern(glob: str) -> str:
    """A path glob as a regex: `**` crosses folders, `*` and `?` stay within one."""
    out, index = [], 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        index += 1
    return "".join(out)


def paths_pattern(globs: Iterable[str]) -> re.Pattern[str]:
    """One regex matching a whole path against any of the globs, each anchored on its own."""
    return re.compile("|".join(rf"(?:{glob_pattern(glob)})\Z" for glob in globs))


class _Guardrails:
    def __init__(self, ctx: TeamContext, trailer: str) -> None:
        self.ctx = ctx
        self.trailer, self.trailer_key = trailer, trailer.lower()
        self.compiled: dict[tuple[int, str], tuple[re.Pattern[str] | None, list[Guard], set[str]]] = {}

    def _rules(self, version: Mapping[str, Any], repo: RepoRef) -> tuple[re.Pattern[str] | None, list[Guard], set[str]]:
        key = (id(version), repo.name)
        if key not in self.compiled:
            guards: list[Guard] = []
            for entry in version.get("repos", []):
                if entry["name"] == repo.name:
                    for guard in entry.get("guarded", []):
                        guards.append((paths_pattern(guard["paths"]), guard["owner"].lower(), guard["area"]))
            technologists = {
                identity
                for member in version.get("members", [])
                if member["side"] == "technology"
                for identity in [member["email"].lower(), *(a.lower() for a in member.get("aliases", []))]
            }
            # One pattern for "touches any guard at all", so most commits cost one match per file.
            anything = re.compile("|".join(f"(?:{g[0].pattern})" for g in guards)) if guards else None
            self.compiled[key] = (anything, guards, technologists)
        return self.compiled[key]

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        version = self.ctx.in_force_on(commit.day)
        anything, guards, technologists = self._rules(version, repo)
        if anything is None or not any(anything.match(path) for path in commit.files):
            return ()
        touched = [(guard, path) for guard in guards for path in commit.files if guard[0].match(path)]
        if not touched:
            return ()
        (_, owner, area), path = touched[0]
        reviewers = emails_in(commit.trailer_values(self.trailer_key))
        authors = identities_of(version, commit.author_email)
        valid = {owner} | technologists
        if reviewers & (valid - authors):
            return ()
        why = (
            "reviewed only by its own author, who cannot review their own change"
            if reviewers and reviewers <= authors
            else f"without a `{self.trailer}:` trailer from {owner} or a technology-side member"
        )
        return (
            Problem(
                f"The {commit_text(repo, commit)} changes {path}, guarded by {owner} ({area}), {why}. "
                f"Get it reviewed and record it as `{self.trailer}: Name <email>` in the commit message.",
                commit=commit.sha,
            ),
        )

    def done(self) -> Iterable[Problem]:
        return ()


def watch(ctx: TeamContext, params: Mapping[str, Any]) -> _Guardrails:
    return _Guardrails(ctx, params["trailer"])
