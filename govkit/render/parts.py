"""View-models of a team page's sections: the charter in force, and what the check measured.

Every state shown here (on track, overdue, expired, behind pace, how much of the time box is
gone) is a measurement `govkit check` published for the same team and date; these functions
only shape it for a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from govkit import measurements as measured
from govkit.evidence.activity import Event
from govkit.evidence.charter import Charter, Member
from govkit.render.trend import Trend, trend
from govkit.wording import number_text


@dataclass(frozen=True, slots=True)
class Timebox:
    start: str
    end: str
    state: str  # not started | in progress | ended | invalid (the end is not after the start)
    progress: int | None  # percent of the time box gone as of the date, 0-100
    elapsed_days: int
    total_days: int
    days_left: int
    starts_in: int  # days until the start; 0 once started


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    side: str
    role: str
    allocation: int | None
    lead: str  # "business lead", "technology lead" or ""


@dataclass(frozen=True, slots=True)
class Cadence:
    type: str
    agreed: str  # as the charter writes it: 14d, 2w
    last_day: str | None  # the last event of this type on or before the date
    last_summary: str | None
    days_since: int | None  # since that event
    state: str  # on track | overdue | not started | not checked
    overdue: bool
    kept_percent: int | None  # share of the days so far within the cadence


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
class Pace:
    state: str  # on pace | behind pace
    behind: bool
    target_percent: int
    time_percent: int
    projected: str | None  # the trend carried to the end date, as a number


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
    valid: bool  # waives its rule's findings on the date


@dataclass(frozen=True, slots=True)
class EventView:
    day: str
    type: str
    summary: str
    by: str
    detail: str  # a metric reading or an escalation reference


def timebox_view(box: measured.Timebox | None) -> Timebox | None:
    if box is None:
        return None
    return Timebox(
        box.start.isoformat(),
        box.end.isoformat(),
        box.state,
        box.percent,
        box.elapsed_days,
        box.total_days,
        box.days_left,
        box.starts_in,
    )


def person(member: Member, charter: Charter) -> Person:
    roles = [f"{side} lead" for side, lead in charter.leads.items() if lead.lower() in member.identities]
    return Person(member.name, member.email, member.side, member.role, member.allocation, ", ".join(roles))


def leads(charter: Charter, members: tuple[Person, ...]) -> tuple[Person, ...]:
    """Both leads, named from the member list when they are in it."""
    found = []
    for side, email in charter.leads.items():
        member = next((m for m in members if m.email.lower() == email.lower()), None)
        found.append(member or Person(email, email, side, "", None, f"{side} lead"))
    return tuple(found)


def cadence_views(charter: Charter, cadences: tuple[measured.Cadence, ...]) -> tuple[Cadence, ...]:
    """Each agreed cadence as its rule measured it; one no rule of the policy checks says so."""
    views = []
    for agreed in charter.cadences:
        seen = next((c for c in cadences if c.event == agreed.event), None)
        if seen is None:
            views.append(Cadence(agreed.event, agreed.every.text, None, None, None, "not checked", False, None))
            continue
        last_day = seen.last_day.isoformat() if seen.last_day else None
        views.append(
            Cadence(
                agreed.event,
                agreed.every.text,
                last_day,
                seen.last_what,
                seen.days_since,
                seen.state,
                seen.state == "overdue",
                seen.kept_percent,
            )
        )
    return tuple(views)


def metric_view(metric: measured.Metric) -> Metric:
    latest = metric.latest
    return Metric(
        id=metric.id,
        kind=metric.kind,
        description=metric.description,
        unit=metric.unit,
        target=number_text(metric.target) if metric.target is not None else None,
        every=metric.every,
        readings=len(metric.readings),
        latest=Reading(latest.day.isoformat(), number_text(latest.value)) if latest else None,
        percent=metric.percent,
        overdue=metric.overdue,
        trend=trend([(r.day, r.value) for r in metric.readings], metric.target, metric.unit),
    )


def pace_view(pace: measured.Pace | None) -> Pace | None:
    if pace is None:
        return None
    projected = number_text(round(pace.projected)) if pace.projected is not None else None
    state = "behind pace" if pace.behind else "on pace"
    return Pace(state, pace.behind, pace.target_percent, pace.time_percent, projected)


def escalation_view(charter: Charter, escalations: tuple[measured.Escalation, ...]) -> Escalation | None:
    if charter.escalation is None:
        return None
    still_open = tuple(
        OpenEscalation(e.ref, e.opened.isoformat(), e.summary, e.waited_days, e.late)
        for e in escalations
        if e.resolved is None
    )
    return Escalation(charter.escalation.contact, charter.escalation.respond_within.text, still_open)


def waiver_view(waiver: measured.Waiver) -> Waiver:
    expired = waiver.expires_in is not None and waiver.expires_in < 0
    expires = waiver.expires.isoformat() if waiver.expires else ""
    return Waiver(waiver.rule, waiver.reason, waiver.approved_by, expires, expired, waiver.valid)


def event_view(event: Event) -> EventView:
    if event.type == "metric" and event.value is not None:
        detail = f"{event.metric} = {number_text(event.value)}"
    else:
        detail = event.ref or ""
    return EventView(event.day.isoformat(), event.type, event.summary or "", event.by or "", detail)
