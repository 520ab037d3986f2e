"""event-cadence: no gap between events of one type longer than the charter agrees.

Used by the rules `demo-cadence`, `customer-feedback-cadence`, `retro-cadence` and
`knowledge-share-cadence` (params `event: demo` and so on). Gaps count from the time-box
start to the first event, between events, and from the last event up to the as-of date (or
the time-box end). Each gap is judged by the cadence in force on the day it ends.

Passes (demo 14d): demos on 2026-09-12 and 2026-09-24, checked as of 2026-10-05.
Fails: demos on 2026-09-12 and 2026-10-01 (19 days apart).
A closed charter is no longer checked for cadences.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Problem, TeamContext, params_schema
from govkit.dates import days_text, duration_days, spans

ID = "event-cadence"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema({"event": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}}, required=("event",))


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    if ctx.standing()["status"] == "closed":
        return
    kind = params["event"]
    events = [event for event in ctx.events if event.type == kind]
    start, end = ctx.window()
    for span in spans([event.day for event in events], start, end):
        agreed = ctx.in_force(span.end).get("cadences", {}).get(kind)
        if agreed is None or span.days <= duration_days(agreed):
            continue
        location = events[span.after].location if span.after is not None else ctx.at("timebox", "start")
        since = ", counted from the time-box start" if span.after is None else ""
        yield Problem(
            f"No {kind} for {days_text(span.days)} ({span.start} to {span.end}{since}); the charter agrees {agreed}. "
            f"Hold one and record it with `govkit log {ctx.team} {kind}`.",
            location,
        )
