"""event-cadence: no gap between events of one type longer than the charter agrees.

Used by the rules `demo-cadence`, `customer-feedback-cadence`, `retro-cadence` and
`knowledge-share-cadence` (params `event: demo` and so on). Gaps count from the time-box
start to the first event, between events, and from the last event up to the as-of date (or
the time-box end). Each gap is judged by the cadence in force on the day it ends. A gap that
ended with an event is a past breach; one still running on the as-of date is open.

Passes (demo 14d): demos on 2026-09-12 and 2026-09-24, checked as of 2026-10-05.
Fails: demos on 2026-09-12 and 2026-10-01 (19 days apart).
A closed charter is no longer checked for cadences.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.checks.pacing import cadence_measure, paced_gaps
from govkit.dates import days_text

ID = "event-cadence"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema(
    {
        "event": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9-]*$",
            "description": "The event type paced, by the cadence the charter agrees for it.",
        }
    },
    required=("event",),
)


def event_params(params: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """The event type the rule paces, so a policy naming one nobody can log is refused."""
    return [(("event",), params["event"])]


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    kind = params["event"]
    events = evidence.events_of(kind)
    gaps = paced_gaps(evidence, [event.day for event in events], lambda charter: charter.cadence(kind))
    last = (events[-1].day, events[-1].summary) if events else None
    yield cadence_measure(kind, evidence, gaps, last)
    if evidence.charter.status == "closed":
        return
    for gap in gaps:
        if not gap.over:
            continue
        span = gap.span
        location = events[span.after].location if span.after is not None else evidence.at("timebox", "start")
        since = ", counted from the time-box start" if span.after is None else ""
        yield Problem(
            f"No {kind} for {days_text(span.days)} ({span.start} to {span.end}{since}); the charter agrees "
            f"{gap.agreed}. Hold one and record it with `govkit log {evidence.team} {kind}`.",
            location,
            day=gap.breach_day,
            until=gap.breach_end,
        )
