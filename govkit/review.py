"""How a pilot did, for the decision to extend it, close it or firewall the next team.

A view: everything here is what `govkit check` judged and measured for the same team and date
(govkit.engine.TeamResult); nothing is judged again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from govkit.compare.charter import charter_changes
from govkit.engine import TeamResult
from govkit.evidence.team import TeamEvidence
from govkit.measurements import Amendment, Cadence, Commits, Escalation, Guarded, Metric, Pace, Timebox, Waiver
from govkit.model import Severity


@dataclass(frozen=True, slots=True)
class MetricReview:
    id: str
    kind: str
    target: float | None
    latest: float | None
    readings: list[tuple[str, float]]
    progress: int | None  # the latest reading as a share of the target


@dataclass(frozen=True, slots=True)
class EscalationReview:
    ref: str
    opened: str
    resolved: str | None
    days: int
    within: bool


@dataclass(frozen=True, slots=True)
class Breach:
    rule: str
    severity: str
    day: str | None
    until: str | None  # None: still open on the as-of date
    message: str


@dataclass(slots=True)
class Review:
    team: str
    name: str
    status: str  # the charter's: draft | active | closed
    health: str  # red | amber | green, as `govkit check` says
    reason: str
    as_of: str
    timebox: tuple[str, str]
    elapsed_percent: int | None
    exit_criteria: list[str]
    metrics: list[MetricReview] = field(default_factory=list)
    pace: dict[str, Any] | None = None
    adherence: dict[str, int | None] = field(default_factory=dict)  # cadence → % of days within it
    escalations: list[EscalationReview] = field(default_factory=list)
    guarded_changes: int = 0
    unreviewed_changes: int = 0
    commits: int = 0
    last_commit: tuple[str, str] | None = None  # (day, what), the newest
    waivers: list[dict[str, Any]] = field(default_factory=list)
    amendments: list[dict[str, Any]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the agreement at the time-box start → as of
    breaches: list[Breach] = field(default_factory=list)  # open and past, unwaived
    findings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for metric in data["metrics"]:
            metric["progress_percent"] = metric.pop("progress")
        return {"govkit": 1, "command": "review", **data}


def review_of(evidence: TeamEvidence, result: TeamResult) -> Review:
    """The review of a judgeable team, from its evidence and what its rules found and measured."""
    charter, measured = evidence.charter, result.measurements
    as_of = evidence.judged_day
    box = measured.first(Timebox)
    review = Review(
        team=evidence.team,
        name=charter.name,
        status=charter.status,
        health=result.status.status,
        reason=result.status.reason,
        as_of=as_of.isoformat(),
        timebox=(charter.timebox.start.isoformat(), charter.timebox.end.isoformat()),
        elapsed_percent=box.percent if box else None,
        exit_criteria=list(charter.exit_criteria),
    )
    review.metrics = [_metric(metric) for metric in measured.all(Metric)]
    pace = measured.first(Pace)
    review.pace = asdict(pace) if pace else None
    review.adherence = {cadence.event: cadence.kept_percent for cadence in measured.all(Cadence)}
    review.escalations = [_escalation(e) for e in measured.all(Escalation)]
    guarded = measured.first(Guarded)
    if guarded:
        review.guarded_changes, review.unreviewed_changes = guarded.changes, guarded.unreviewed
    commits = measured.first(Commits)
    if commits:
        review.commits = commits.count
        if commits.last_day and commits.last_what:
            review.last_commit = (commits.last_day.isoformat(), commits.last_what)
    waived = [f for f in result.findings if f.waived]
    review.waivers = [
        {
            "rule": w.rule,
            "reason": w.reason,
            "expires": w.expires.isoformat() if w.expires else None,
            "valid": w.valid,
            "findings_waived": sum(1 for f in waived if f.rule == w.rule),
        }
        for w in measured.all(Waiver)
    ]
    review.amendments = [_amendment(a) for a in measured.all(Amendment)]
    start = min(charter.timebox.start, as_of)
    review.changes = [change.text for change in charter_changes(evidence.in_force(start), charter)]
    live = [f for f in result.findings if not f.waived and f.severity >= Severity.WARNING]
    review.breaches = [Breach(f.rule, f.severity.label, f.day, f.until, f.message) for f in live]
    for severity in sorted(Severity, reverse=True):
        review.findings[severity.label] = sum(1 for f in result.findings if not f.waived and f.severity is severity)
    return review


def _metric(metric: Metric) -> MetricReview:
    latest = metric.latest
    return MetricReview(
        id=metric.id,
        kind=metric.kind,
        target=metric.target,
        latest=latest.value if latest else None,
        readings=[(r.day.isoformat(), r.value) for r in metric.readings],
        progress=metric.percent,
    )


def _escalation(escalation: Escalation) -> EscalationReview:
    return EscalationReview(
        ref=escalation.ref,
        opened=escalation.opened.isoformat(),
        resolved=escalation.resolved.isoformat() if escalation.resolved else None,
        days=escalation.waited_days,
        within=not escalation.late,
    )


def _amendment(amendment: Amendment) -> dict[str, Any]:
    return {
        "date": amendment.day.isoformat(),
        "commit": amendment.commit,
        "subject": amendment.subject,
        "approved_by": ", ".join(amendment.approved_by) or "nobody",
        "in_force": _day(amendment.approved_on),
    }


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
