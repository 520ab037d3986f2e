"""activity-count: at least `at_least` events of one type in every window of `every`.

Windows run back to back from the time-box start; only whole windows up to the as-of date
(or the time-box end) are judged. A closed charter is no longer checked.

Passes (event customer-feedback, at_least 2, every 28d): two customer sessions in each four weeks.
Fails: one customer session between 2026-09-01 and 2026-09-28.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.evidence.charter import duration

ID = "activity-count"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema(
    {
        "event": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$", "description": "The event type counted."},
        "at_least": {"type": "integer", "minimum": 1, "description": "Events needed in every window."},
        "every": {
            "type": "string",
            "pattern": r"^[1-9][0-9]{0,3}[dw]$",
            "description": "The width of a window, from the time-box start.",
        },
    },
    required=("event", "at_least", "every"),
)


def event_params(params: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """The event type the rule counts, so a policy naming one nobody can log is refused."""
    return [(("event",), params["event"])]


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    if evidence.charter.status == "closed":
        return
    kind, wanted, width = params["event"], params["at_least"], duration(params["every"]).days
    events = evidence.events_of(kind)
    start, end = evidence.window()
    window = start
    while window + dt.timedelta(days=width - 1) <= end:
        last = window + dt.timedelta(days=width - 1)
        inside = [event for event in events if window <= event.day <= last]
        if len(inside) < wanted:
            before = [event for event in events if event.day < window]
            location = before[-1].location if before else evidence.at("timebox", "start")
            yield Problem(
                f"{len(inside)} {kind} event(s) between {window} and {last}; the policy asks for at least {wanted} "
                f"in every {params['every']}. Record them with `govkit log {evidence.team} {kind}`.",
                location,
                day=last,
                until=last,
            )
        window = last + dt.timedelta(days=1)
