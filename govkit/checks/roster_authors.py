"""roster-authors: the work inside the firewall is done by the team.

Every commit in the team's repos during the time box is by a member, under their email or one
of their `aliases`, as the roster stood on the day the commit entered the repo.

Passes: commits by members. Fails (a warning): commits by someone outside the team; one finding
per repo, naming each outsider with their number of commits, the first and the last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from govkit.checks.base import GIT, CommitDays, Judged, Problem, RepoRef, TeamEvidence, day_of, params_schema
from govkit.git.log import Commit
from govkit.wording import counted

ID = "roster-authors"
EVIDENCE = frozenset({GIT})
PARAMS = params_schema({})


@dataclass(slots=True)
class _Day:
    """One outsider's commits on one day: how many, the newest and the oldest (history streams newest first)."""

    count: int
    newest: str
    oldest: str


class _Roster:
    def __init__(self, evidence: TeamEvidence) -> None:
        self.evidence = evidence
        self.days = CommitDays(evidence)
        self.rosters: dict[int, frozenset[str]] = {}  # id of a version → its members' identities
        # repo → outsider's email → day → their commits that day
        self.outsiders: dict[RepoRef, dict[str, dict[str, _Day]]] = {}
        self.names: dict[str, str] = {}
        # What the last commit was judged by (see `_settle`); consecutive commits mostly share it.
        self.raw_day: str | None = None  # its `Commit.day`; None before the first commit
        self.day, self.roster = "", frozenset[str]()

    def _settle(self, commit: Commit) -> None:
        """Judge the commits of `commit`'s day from here on: the day they are judged by and the roster then."""
        day, version = self.days.judged_by(commit)
        roster = self.rosters.get(id(version))
        if roster is None:  # asked for every commit: a set, not a search of the member list
            roster = self.rosters[id(version)] = frozenset(i for m in version.members for i in m.identities)
        self.raw_day, self.day, self.roster = commit.day, day, roster

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        if commit.day != self.raw_day:
            self._settle(commit)
        email = commit.author_email.lower()
        if email in self.roster:
            return ()
        day = self.day
        self.names.setdefault(email, commit.author_name)
        days = self.outsiders.setdefault(repo, {}).setdefault(email, {})
        seen = days.get(day)
        if seen is None:
            days[day] = _Day(1, commit.sha, commit.sha)
        else:
            seen.count += 1
            seen.oldest = commit.sha
        return ()

    def done(self, evidence: TeamEvidence) -> Iterable[Judged]:
        as_of = evidence.judged_day.isoformat()
        for repo, people in self.outsiders.items():
            parts, first_day, first_sha = [], None, None
            for email, days in sorted(people.items()):
                kept = sorted(day for day in days if day <= as_of)
                if not kept:
                    continue
                total = sum(days[day].count for day in kept)
                first, last = days[kept[0]].oldest, days[kept[-1]].newest
                span = f"on {kept[0]}" if total == 1 else f"from {first[:10]} on {kept[0]} to {last[:10]} on {kept[-1]}"
                parts.append(f"{self.names[email]} <{email}> ({counted(total, 'commit')}, {span})")
                if first_day is None or kept[0] < first_day:
                    first_day, first_sha = kept[0], first
            if not parts:
                continue
            yield Problem(
                f"Commits in {repo.name} by people who were not members of the team that day: {'; '.join(parts)}. "
                "Add them to `members` (or their email to a member's `aliases`), or keep their work out of the "
                "team's repo.",
                evidence.at("repos", repo.index, "path"),
                commit=first_sha,
                day=day_of(first_day) if first_day else None,
            )


def watch(evidence: TeamEvidence, params: Mapping[str, Any]) -> _Roster:
    return _Roster(evidence)
