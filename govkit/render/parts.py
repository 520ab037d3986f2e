"""View-models of the charter's sections, each built from plain charter data and dated events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govkit.dates import duration_days
from govkit.evidence.activity import Event, escalations
from govkit.render.sources import parse_day
from govkit.render.trend import Trend, number_text, trend


@dataclass(frozen=True, slots=True)
class Capability:
    name: str
    criticality: str
    users: str
    description: str


@dataclass(frozen=True, slots=True)
class Timebox:
    start: str
    end: str
    state: str  # not started | in progress | ended | invalid (the end is not after the start)
    progress: int | None  # percent of the time box gone as of the date, 0–100
    elapsed_days: int
    total_days: int
    days_left: int


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    side: str
    role: str
    allocation: int | None
    lead: str  # "business lead", "technology lead" or ""


@dataclass(frozen=True, slots=True)
class Guard:
    area: str
    owner: str
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Repo:
    name: str
    path: str
    guards: tuple[Guard, ...]


@dataclass(frozen=True, slots=True)
class Cadence:
    type: str
    agreed: str  # as the charter writes it: 14d, 2w
    last_day: str | None  # the last event of this type on or before the date
    last_summary: str | None
    days_since: int | None  # since that event
    state: str  # on track | overdue | not tracked (draft or closed team, or before the time box)
    overdue: bool


@dataclass(frozen=True, slots=True)
class Reading:
    day: str
    value: str


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    kind: str
    description: str
    unit: str
    target: str | None
    every: str | None
    readings: int
    latest: Reading | None
    percent: int | None  # the latest reading as a percentage of the target
    overdue: bool  # no reading for longer than `every`
    trend: Trend | None  # two readings or more


@dataclass(frozen=True, slots=True)
class Exemption:
    process: str
    replaced_by: str


@dataclass(frozen=True, slots=True)
class OpenEscalation:
    ref: str
    opened: str
    summary: str
    days_open: int
    overdue: bool


@dataclass(frozen=True, slots=True)
class Escalation:
    contact: str
    respond_within: str
    open: tuple[OpenEscalation, ...]


@dataclass(frozen=True, slots=True)
class Waiver:
    rule: str
    reason: str
    approved_by: tuple[str, ...]
    expires: str
    expired: bool


@dataclass(frozen=True, slots=True)
class EventView:
    day: str
    type: str
    summary: str
    by: str
    detail: str  # a metric reading or an escalation reference


def capabilities(section: Any) -> tuple[Capability, ...]:
    items = section if isinstance(section, list) else [section]
    return tuple(Capability(c["name"], c["criticality"], c.get("users", ""), c.get("description", "")) for c in items)


def timebox_view(timebox: Mapping[str, str], as_of: dt.date) -> Timebox | None:
    start, end = parse_day(timebox["start"]), parse_day(timebox["end"])
    if start is None or end is None:
        return None
    total = (end - start).days
    elapsed = min(max((as_of - start).days, 0), max(total, 0))
    if total <= 0:
        state, progress = "invalid", None
    elif as_of < start:
        state, progress = "not started", 0
    elif as_of > end:
        state, progress = "ended", 100
    else:
        state, progress = "in progress", 100 * elapsed // total
    return Timebox(
        timebox["start"], timebox["end"], state, progress, elapsed, max(total, 0), max((end - as_of).days, 0)
    )


def person(member: Mapping[str, Any], leads: Mapping[str, str]) -> Person:
    email = member["email"]
    roles = [f"{side} lead" for side, lead in leads.items() if lead.lower() == email.lower()]
    return Person(member["name"], email, member["side"], member.get("role", ""), member["allocation"], ", ".join(roles))


def leads(section: Mapping[str, str], members: tuple[Person, ...]) -> tuple[Person, ...]:
    """Both leads, named from the member list when they are in it."""
    found = []
    for side in ("business", "technology"):
        email = section[side]
        member = next((m for m in members if m.email.lower() == email.lower()), None)
        found.append(member or Person(email, email, side, "", None, f"{side} lead"))
    return tuple(found)


def repo_view(repo: Mapping[str, Any]) -> Repo:
    guards = tuple(Guard(g["area"], g["owner"], tuple(g["paths"])) for g in repo.get("guarded", []))
    return Repo(repo["name"], repo["path"], guards)


def _tracked(status: str, start: dt.date | None, as_of: dt.date) -> bool:
    """Cadences bind an active team from the start of its time box."""
    return status == "active" and start is not None and as_of >= start


def cadence_view(
    kind: str,
    agreed: str,
    events: list[Event],
    as_of: dt.date,
    start: dt.date | None,
    status: str,
    latest_commit: tuple[str, str] | None = None,
) -> Cadence:
    """The last event of a kind; for `release`, a newer commit counts too, as in `govkit check`."""
    last_day, last_summary = _last(kind, events, latest_commit)
    since = (as_of - last_day).days if last_day else None
    # With no event yet, the gap runs from the start of the time box.
    gap = since if since is not None else ((as_of - start).days if start else 0)
    tracked = _tracked(status, start, as_of)
    overdue = tracked and gap > duration_days(agreed)
    state = "overdue" if overdue else "on track" if tracked else "not tracked"
    return Cadence(kind, agreed, last_day.isoformat() if last_day else None, last_summary, since, state, overdue)


def _last(kind: str, events: list[Event], latest_commit: tuple[str, str] | None) -> tuple[dt.date | None, str | None]:
    last = next((e for e in reversed(events) if e.type == kind), None)
    if kind == "release" and latest_commit is not None:
        committed = dt.date.fromisoformat(latest_commit[0])
        if last is None or committed > last.day:
            return committed, latest_commit[1]
    return (last.day, last.summary) if last else (None, None)


def metric_view(
    metric: Mapping[str, Any], events: list[Event], as_of: dt.date, start: dt.date | None, tracked: bool
) -> Metric:
    readings = [
        (e.day, e.value) for e in events if e.type == "metric" and e.metric == metric["id"] and e.value is not None
    ]
    target = metric.get("target")
    latest = readings[-1] if readings else None
    percent = round(100 * latest[1] / target) if latest and target else None
    every = metric.get("every")
    since_day = latest[0] if latest else start
    overdue = bool(
        every and tracked and since_day and as_of >= since_day and (as_of - since_day).days > duration_days(every)
    )
    unit = metric.get("unit", "")
    return Metric(
        id=metric["id"],
        kind=metric["kind"],
        description=metric["description"],
        unit=unit,
        target=number_text(target) if target is not None else None,
        every=every,
        readings=len(readings),
        latest=Reading(latest[0].isoformat(), number_text(latest[1])) if latest else None,
        percent=percent,
        overdue=overdue,
        trend=trend(readings, target, unit),
    )


def escalation_view(section: Mapping[str, str] | None, events: list[Event], as_of: dt.date) -> Escalation | None:
    if section is None:
        return None
    within = duration_days(section["respond_within"])
    still_open = tuple(
        OpenEscalation(
            e.ref or "", e.day.isoformat(), e.summary or "", (as_of - e.day).days, (as_of - e.day).days > within
        )
        for e, closed in escalations(events)
        if closed is None
    )
    return Escalation(section["contact"], section["respond_within"], still_open)


def waiver_view(waiver: Mapping[str, Any], as_of: dt.date) -> Waiver:
    expires = waiver.get("expires", "")
    day = parse_day(expires)
    return Waiver(
        waiver["rule"],
        waiver.get("reason", ""),
        tuple(waiver.get("approved_by", [])),
        expires,
        bool(day and day < as_of),
    )


def event_view(event: Event) -> EventView:
    if event.type == "metric" and event.value is not None:
        detail = f"{event.metric} = {number_text(event.value)}"
    else:
        detail = event.ref or ""
    return EventView(event.day.isoformat(), event.type, event.summary or "", event.by or "", detail)
