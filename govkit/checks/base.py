"""What every check type shares: its protocol, the evidence it reads, what it yields.

A check reads one team's TeamEvidence (typed values only) and yields Problems, each becoming a
finding under the rule's id, and measurements of what it judged, which every view shows. A
check of scope `portfolio` reads every team's evidence at once and names the team of each Problem.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from govkit.evidence.charter import Charter
from govkit.evidence.portfolio import Portfolio
from govkit.evidence.team import ACTIVITY, CHARTER, GIT, HISTORY, RepoRef, TeamEvidence
from govkit.git.log import Commit
from govkit.measurements import Measure
from govkit.model import Location, Severity

__all__ = [
    "ACTIVITY",
    "CHARTER",
    "GIT",
    "HISTORY",
    "PORTFOLIO",
    "TEAM",
    "AnyCheck",
    "Check",
    "CommitCheck",
    "CommitDays",
    "Judged",
    "Portfolio",
    "PortfolioCheck",
    "Problem",
    "RepoRef",
    "TeamEvidence",
    "Watcher",
    "commit_text",
    "defaults",
    "params_schema",
    "scope_of",
]

# What a check type sees: one team's evidence (the default), or every team's at once.
TEAM = "team"
PORTFOLIO = "portfolio"


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check yields; the engine turns it into a Finding under the rule's id."""

    message: str
    location: Location | None = None
    commit: str | None = None
    severity: Severity | None = None  # None: the rule's own severity
    day: dt.date | None = None  # when the breach happened or began; None: it holds on the as-of date
    until: dt.date | None = None  # when a past breach ended; None while it still holds
    team: str | None = None  # for portfolio checks: the team the finding belongs to
    paths: tuple[str, ...] = ()  # the files of the team's repo it is about (where `govkit gate` places it)


Judged = Problem | Measure


def commit_text(repo: RepoRef, commit: Commit) -> str:
    """How a finding names a commit: repo, short sha, author, the dates it is judged by, and subject."""
    subject = commit.subject if len(commit.subject) <= 72 else commit.subject[:69] + "..."
    return f'commit {commit.sha[:10]} in {repo.name} by {commit.author_name} <{commit.author_email}> {commit.dates_text} ("{subject}")'


def commit_day(commit: Commit, today: dt.date) -> dt.date:
    """The day a commit is judged by: the later of its two dates, so back-dating gains nothing, and
    never after today, since it is in the repo now: a clock set forward cannot put it out of reach."""
    return day_of(commit_day_text(commit, today.isoformat()))


def commit_day_text(commit: Commit, today: str) -> str:
    """`commit_day` as YYYY-MM-DD text: what the git rules key their tallies by, as every commit of a
    history passes through them and text compares without building a date."""
    day = commit.day
    return day if day <= today else today


class CommitDays:
    """For a git rule: the day each commit is judged by (`commit_day_text`) and the charter version
    in force that day, each day's version worked out once, since a history has few distinct days."""

    def __init__(self, evidence: TeamEvidence) -> None:
        self.evidence = evidence
        self.today = evidence.today.isoformat()
        self.versions: dict[str, Charter] = {}

    def judged_by(self, commit: Commit) -> tuple[str, Charter]:
        day = commit_day_text(commit, self.today)
        version = self.versions.get(day)
        if version is None:
            version = self.versions[day] = self.evidence.in_force(day_of(day))
        return day, version


@functools.lru_cache(maxsize=4096)
def day_of(text: str) -> dt.date:
    # Every git rule asks this of every commit, and a history has few distinct days.
    return dt.date.fromisoformat(text)


class Check(Protocol):
    """A check type: registered by ID, its params validated when the policy loads.

    Its module docstring is the rule's user documentation (SARIF help, rendered docs).
    """

    ID: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]  # JSON Schema of `params`; defaults live in it
    __doc__: str | None

    def check(self, evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]: ...


class Watcher(Protocol):
    """Sees each commit of the team's repos once, in one streamed pass, then concludes.

    `see` judges one commit, whatever the as-of date (its problems carry the commit's day).
    `done` judges what the whole pass showed as of `evidence.as_of`; it may be called again for
    earlier dates (a team's week-by-week history), so it must not change what `see` gathered.
    """

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]: ...

    def done(self, evidence: TeamEvidence) -> Iterable[Judged]: ...


class CommitCheck(Protocol):
    """A check type over git history: `watch` returns a Watcher for one team."""

    ID: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]
    __doc__: str | None

    def watch(self, evidence: TeamEvidence, params: Mapping[str, Any]) -> Watcher: ...


class PortfolioCheck(Protocol):
    """A check type over every team at once (`SCOPE = "portfolio"`): each Problem names its team."""

    ID: str
    SCOPE: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]
    __doc__: str | None

    def check(self, portfolio: Portfolio, params: Mapping[str, Any]) -> Iterator[Judged]: ...


AnyCheck = Check | CommitCheck | PortfolioCheck


def scope_of(check: AnyCheck) -> str:
    """`portfolio` for a check over every team at once, else `team`."""
    return str(getattr(check, "SCOPE", TEAM))


def params_schema(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed params schema: unknown params are rejected when the policy loads."""
    return {"type": "object", "properties": properties, "additionalProperties": False, "required": list(required)}


def defaults(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {name: spec["default"] for name, spec in schema.get("properties", {}).items() if "default" in spec}
