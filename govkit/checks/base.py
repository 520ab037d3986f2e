"""What every check type shares: its protocol, the evidence it reads, what it yields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from govkit.evidence.activity import Event
from govkit.evidence.charter_history import CharterHistory
from govkit.git import Commit
from govkit.load import Document
from govkit.model import Location, Severity

# Evidence kinds a check can declare. `lint` offers only CHARTER; `check` offers all.
CHARTER = "charter"
ACTIVITY = "activity"
GIT = "git"  # the team's repos, streamed commit by commit to `watch`
HISTORY = "history"  # the charter repo's history of this charter


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check yields; the engine turns it into a Finding under the rule's id."""

    message: str
    location: Location | None = None
    commit: str | None = None
    severity: Severity | None = None  # None: the rule's own severity


@dataclass(frozen=True, slots=True)
class RepoRef:
    """A repo the charter lists, resolved against the charter repo root."""

    index: int
    name: str
    path: Path


@dataclass(slots=True)
class TeamContext:
    """The evidence about one team that checks may read."""

    team: str
    charter_doc: Document
    policy_rule_ids: frozenset[str] = frozenset()
    as_of: dt.date | None = None  # None in lint: no date-dependent judgements
    events: list[Event] = field(default_factory=list)
    history: CharterHistory | None = None
    repos: list[RepoRef] = field(default_factory=list)
    _by_day: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def charter(self) -> dict[str, Any]:
        return self.charter_doc.data

    def in_force(self, day: dt.date) -> dict[str, Any]:
        """The charter version that was in force on `day` (the current one without history)."""
        return self.history.in_force(day) if self.history else self.charter

    def standing(self) -> dict[str, Any]:
        """The charter as it stood on the as-of date: its status and time box then decide what is judged."""
        return self.in_force(self.as_of) if self.as_of is not None else self.charter

    def in_force_on(self, day: str) -> dict[str, Any]:
        """`in_force` for an ISO day string, cached: many commits share a day."""
        version = self._by_day.get(day)
        if version is None:
            version = self._by_day[day] = self.in_force(dt.date.fromisoformat(day))
        return version

    def window(self) -> tuple[dt.date, dt.date]:
        """From the time-box start up to the as-of date or the time-box end, whichever is first."""
        start = dt.date.fromisoformat(self.charter["timebox"]["start"])
        end = dt.date.fromisoformat(self.charter["timebox"]["end"])
        return start, min(end, self.as_of or end)

    def at(self, *path: str | int, key: bool = False) -> Location:
        return self.charter_doc.where(tuple(path), key=key)

    def members(self) -> list[dict[str, Any]]:
        return list(self.charter.get("members", []))

    def member_sides(self) -> dict[str, str]:
        return member_sides(self.charter)


def member_sides(charter: Mapping[str, Any]) -> dict[str, str]:
    """Every identity (email or alias, lower-cased) of a charter's members → their side."""
    sides: dict[str, str] = {}
    for member in charter.get("members", []):
        for identity in [member["email"], *member.get("aliases", [])]:
            sides[identity.lower()] = member["side"]
    return sides


def identities_of(charter: Mapping[str, Any], email: str) -> set[str]:
    """The lower-cased email and aliases of the member with this email or alias."""
    wanted = email.lower()
    for member in charter.get("members", []):
        names = {member["email"].lower(), *(alias.lower() for alias in member.get("aliases", []))}
        if wanted in names:
            return names
    return {wanted}


_BRACKETED = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def emails_in(values: Iterable[str]) -> set[str]:
    """Emails named in trailer values: `Ana Silva <ana@example.com>`, several such, or bare emails."""
    found: set[str] = set()
    for value in values:
        bracketed = _BRACKETED.findall(value)
        words = bracketed or value.replace(",", " ").split()
        found.update(word.lower() for word in words if "@" in word)
    return found


def commit_text(repo: RepoRef, commit: Commit) -> str:
    """How a finding names a commit: repo, short sha, author, dates and subject."""
    subject = commit.subject if len(commit.subject) <= 72 else commit.subject[:69] + "..."
    return f'commit {commit.sha[:10]} in {repo.name} by {commit.author_name} <{commit.author_email}> {commit.dates_text} ("{subject}")'


class Check(Protocol):
    """A check type: registered by ID, its params validated when the policy loads.

    Its module docstring is the rule's user documentation (SARIF help, rendered docs).
    """

    ID: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]  # JSON Schema of `params`; defaults live in it
    __doc__: str | None

    def check(self, ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]: ...


class Watcher(Protocol):
    """Sees each commit of the team's repos once, in one streamed pass, then concludes."""

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]: ...

    def done(self) -> Iterable[Problem]: ...


class CommitCheck(Protocol):
    """A check type over git history: `watch` returns a Watcher for one team."""

    ID: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]
    __doc__: str | None

    def watch(self, ctx: TeamContext, params: Mapping[str, Any]) -> Watcher: ...


AnyCheck = Check | CommitCheck


def params_schema(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed params schema: unknown params are rejected when the policy loads."""
    return {"type": "object", "properties": properties, "additionalProperties": False, "required": list(required)}


def defaults(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {name: spec["default"] for name, spec in schema.get("properties", {}).items() if "default" in spec}
