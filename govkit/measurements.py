"""What checks measured, beside what they found: the numbers every page and review shows.

A check publishes a measurement of what it judged (a cadence's gaps and last event, a metric's
readings, an escalation's wait, how much of the time box is gone), so a view that needs "is the
demo cadence on track?" reads the answer the check gave instead of judging again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True, slots=True)
class Timebox:
    """How much of the time box is gone on the as-of date (published by `timebox`)."""

    start: dt.date
    end: dt.date
    state: str  # not started | in progress | ended | invalid (the end is not after the start)
    total_days: int
    elapsed_days: int  # 0 before the start, total_days after the end
    days_left: int  # total_days before the start, 0 after the end
    percent: int | None  # share of the time box gone, 0-100; None when the time box is invalid
    starts_in: int  # days until the start; 0 once started


@dataclass(frozen=True, slots=True)
class Gap:
    start: dt.date
    end: dt.date
    over: bool  # longer than the cadence in force when it ended
    running: bool  # still running on the as-of date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class Cadence:
    """How one agreed cadence is kept (published by the cadence rules and `release-cadence`)."""

    event: str
    agreed: str | None  # as the charter in force on the as-of date writes it; None: no cadence agreed
    state: str  # on track | overdue | not started | not checked (a closed charter)
    last_day: dt.date | None  # the latest event (or, for releases, commit) on or before the as-of date
    last_what: str | None  # what it was: the event's summary or the commit
    days_since: int | None
    gaps: tuple[Gap, ...]  # the gaps longer than agreed, past and running
    kept_percent: int | None  # share of the days so far within the cadence; None before the time box


@dataclass(frozen=True, slots=True)
class Reading:
    day: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric's readings (published by `metric-readings`)."""

    id: str
    kind: str
    description: str
    unit: str
    target: float | None
    every: str | None
    readings: tuple[Reading, ...]
    percent: int | None  # the latest reading as a share of the target
    days_since: int | None  # since the latest reading
    overdue: bool  # no reading for longer than `every` on the as-of date

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None


@dataclass(frozen=True, slots=True)
class Pace:
    """The adoption metric against the time box (published by `adoption-pace`)."""

    metric: str
    unit: str
    target: float
    latest: float | None
    target_percent: int  # the latest reading as a share of the target
    time_percent: int  # the share of the time box gone
    projected: float | None  # the trend of the last readings carried to the end date
    behind: bool


@dataclass(frozen=True, slots=True)
class Escalation:
    """One escalation and how long it waited (published by `escalation-response`)."""

    ref: str
    summary: str
    opened: dt.date
    resolved: dt.date | None
    waited_days: int  # to its resolution, or to the as-of date while open
    respond_within: str | None  # the promise in force when it was opened
    late: bool


@dataclass(frozen=True, slots=True)
class Waiver:
    """One waiver and whether it waives anything on the as-of date (published by `waivers`)."""

    rule: str
    reason: str
    approved_by: tuple[str, ...]
    expires: dt.date | None
    valid: bool  # waives its rule's findings on the as-of date
    expires_in: int | None  # days from the as-of date to its expiry; negative once expired


@dataclass(frozen=True, slots=True)
class Commits:
    """The team's commits in the time box up to the as-of date (published by `release-cadence`)."""

    count: int
    last_day: dt.date | None
    last_what: str | None


@dataclass(frozen=True, slots=True)
class Guarded:
    """Commits that touched guarded paths (published by `guarded-paths`)."""

    changes: int
    unreviewed: int


@dataclass(frozen=True, slots=True)
class Amendment:
    """A change to the agreement and its approval (published by `amendment-signoff`)."""

    day: dt.date
    commit: str
    subject: str
    approved_by: tuple[str, ...]
    approved_on: dt.date | None  # None: not approved by both leads on the as-of date


Measure = Timebox | Cadence | Metric | Pace | Escalation | Waiver | Commits | Guarded | Amendment
MEASURES = (Timebox, Cadence, Metric, Pace, Escalation, Waiver, Commits, Guarded, Amendment)
M = TypeVar("M", Timebox, Cadence, Metric, Pace, Escalation, Waiver, Commits, Guarded, Amendment)


@dataclass(frozen=True, slots=True)
class Measurements:
    """Everything the rules measured about one team: (rule id, measurement), in the order measured."""

    items: tuple[tuple[str, Measure], ...] = ()

    def all(self, kind: type[M]) -> tuple[M, ...]:
        return tuple(item for _, item in self.items if isinstance(item, kind))

    def first(self, kind: type[M]) -> M | None:
        return next((item for _, item in self.items if isinstance(item, kind)), None)

    def rule_of(self, measure: Measure) -> str:
        return next(rule for rule, item in self.items if item is measure)

    def cadence(self, event: str) -> Cadence | None:
        return next((c for c in self.all(Cadence) if c.event == event), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.all(Metric) if m.id == metric_id), None)
