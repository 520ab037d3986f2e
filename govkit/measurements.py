"""What checks measured, beside what they found: the numbers every page and review shows.

A check publishes a measurement of what it judged (a cadence's gaps and last event, a metric's
readings, an escalation's wait, how much of the time box is gone), so a view that needs "is the
demo cadence on track?" reads the answer the check gave instead of judging again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar


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


# A JSON form, and the way back: a shard's result carries its teams' measurements, so merged shards
# render the same pages as one run. Each is {"rule": ..., "measure": "cadence", "value": {its fields}};
# dates are YYYY-MM-DD, nested values are objects.

KINDS: dict[str, type[Measure]] = {kind.__name__.lower(): kind for kind in MEASURES}


def measurements_data(measurements: Measurements) -> list[dict[str, Any]]:
    return [
        {"rule": rule, "measure": type(item).__name__.lower(), "value": _data(item)}
        for rule, item in measurements.items
    ]


def measurements_of_data(items: Any) -> Measurements:
    """Measurements from their JSON form; ValueError saying what is wrong when it is not one govkit wrote."""
    if not isinstance(items, list):
        raise ValueError("measurements are not a list")
    read: list[tuple[str, Measure]] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("rule"), str) or item.get("measure") not in KINDS:
            raise ValueError(f"measurement {number} has no `rule` and known `measure`")
        read.append((item["rule"], _value(KINDS[item["measure"]], item.get("value"), f"measurement {number}")))
    return Measurements(tuple(read))


def _data(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_data(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _value(kind: Any, data: Any, where: str) -> Any:
    """`data` read back as a value of type `kind` (the annotation of the field it fills)."""
    if kind is type(None) or data is None:
        if data is None and (kind is type(None) or type(None) in typing.get_args(kind)):
            return None
        raise ValueError(f"{where} is empty where a value belongs")
    if isinstance(kind, types.UnionType):
        return _value(next(k for k in typing.get_args(kind) if k is not type(None)), data, where)
    if typing.get_origin(kind) is tuple:
        if not isinstance(data, list):
            raise ValueError(f"{where} is not a list")
        return tuple(_value(typing.get_args(kind)[0], item, where) for item in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        if not isinstance(data, dict) or set(data) != set(hints):
            raise ValueError(f"{where} does not hold the fields of a {kind.__name__.lower()}")
        return kind(**{name: _value(hints[name], data[name], f"{where} `{name}`") for name in hints})
    if kind is dt.date:
        if isinstance(data, str):
            try:
                return dt.date.fromisoformat(data)
            except ValueError:
                pass
        raise ValueError(f"{where} is not a date")
    allowed = {float: (int, float), int: (int,), bool: (bool,), str: (str,)}[kind]
    if not isinstance(data, allowed) or (kind is not bool and isinstance(data, bool)):
        raise ValueError(f"{where} is not a {kind.__name__}")
    return data
