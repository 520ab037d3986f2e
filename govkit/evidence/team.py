"""TeamEvidence: everything known about one team, read once per run and shared by every command.

It holds typed values only: the charter (as written, and the version judged), the
versions in force over time, the activity log's events, the repos to stream, the policy, and
the findings met while reading (see govkit.evidence.read for how it is read).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govkit.evidence.activity import Event
from govkit.evidence.charter import Charter
from govkit.evidence.history import CharterHistory
from govkit.load import Document
from govkit.model import Finding, Location

if TYPE_CHECKING:
    from govkit.policy import Policy

# Evidence kinds a check can declare. `lint` offers only CHARTER; `check` offers all that could be read.
CHARTER = "charter"
ACTIVITY = "activity"
GIT = "git"  # the team's repos, streamed commit by commit to `watch`
HISTORY = "history"  # the charter repo's history of this charter
KINDS = frozenset({CHARTER, ACTIVITY, GIT, HISTORY})


@dataclass(frozen=True, slots=True)
class RepoRef:
    """A repo the charter lists, resolved against the charter repo root."""

    index: int
    name: str
    path: Path


@dataclass(frozen=True, slots=True)
class TeamEvidence:
    team: str
    today: dt.date
    as_of: dt.date | None  # None in lint: the files alone, no date-dependent judgement
    name: str  # what to call the team: its charter's name when that can be read, else its id
    document: Document | None  # the charter file as written, for locations
    current: Charter | None  # the charter as written, when it is sound
    version: Charter | None  # the version judged: as written in lint, in force on the as-of date in check
    policy: Policy | None
    history: CharterHistory | None
    findings: tuple[Finding, ...]  # met while reading: file, yaml, schema, consistency, policy, git
    offered: frozenset[str]
    repos: tuple[RepoRef, ...] = ()
    activity_findings: bool = False  # the activity log could not be used
    activity_present: bool = True  # False: the team has no activity log yet
    # Every sound event up to today, by type, in date order; `cut` ends those on or before as_of.
    by_type: Mapping[str, tuple[Event, ...]] = field(default_factory=dict, repr=False)
    days_by_type: Mapping[str, tuple[dt.date, ...]] = field(default_factory=dict, repr=False)
    all_events: tuple[Event, ...] = field(default=(), repr=False)
    all_days: tuple[dt.date, ...] = field(default=(), repr=False)
    cut: int = 0

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event on or before the as-of date, in date order."""
        return self.all_events[: self.cut]

    def events_of(self, kind: str) -> tuple[Event, ...]:
        """The events of one type on or before the as-of date, in date order."""
        events = self.by_type.get(kind, ())
        if self.as_of is None:
            return events
        return events[: bisect.bisect_right(self.days_by_type.get(kind, ()), self.as_of)]

    @property
    def judgeable(self) -> bool:
        """False when the charter cannot be judged at all (unreadable, invalid, or its policy unknown)."""
        return self.version is not None and self.policy is not None

    @property
    def charter(self) -> Charter:
        """The version judged; only for judgeable evidence (rules never see any other)."""
        if self.version is None:
            raise ValueError(f"the charter of {self.team} cannot be judged")
        return self.version

    @property
    def rule_ids(self) -> frozenset[str]:
        return self.policy.rule_ids if self.policy else frozenset()

    @property
    def judged_day(self) -> dt.date:
        """The day judgements are made as of: the as-of date, or today in lint."""
        return self.as_of or self.today

    def in_force(self, day: dt.date) -> Charter:
        """The charter version in force on `day`."""
        return self.history.in_force(day) if self.history is not None else self.charter

    def window(self) -> tuple[dt.date, dt.date]:
        """From the time-box start up to the as-of date or the time-box end, whichever is first."""
        box = self.charter.timebox
        return box.start, min(box.end, self.judged_day)

    def at(self, *path: str | int, key: bool = False) -> Location:
        """Where a part of the charter is written (the nearest enclosing place that still exists)."""
        if self.document is None:
            return Location(f"teams/{self.team}/charter.yaml")
        return self.document.where(tuple(path), key=key)

    def on(self, day: dt.date) -> TeamEvidence:
        """The same evidence, judged as of an earlier `day`: the charter in force then, events up to then."""
        assert self.as_of is not None and day <= self.as_of
        version = self.in_force(day) if self.version is not None else None
        return dataclasses.replace(self, as_of=day, version=version, cut=bisect.bisect_right(self.all_days, day))
