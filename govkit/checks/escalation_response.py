"""escalation-response: every escalation is answered within the charter's `respond_within`.

Passes (5d): `esc-1` opened 2026-10-02, resolved 2026-10-06.
Fails: resolved after 9 days, or still open 12 days later (an open escalation counts up to the
as-of date). The limit is the one in force on the day the escalation was opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.dates import days_text
from govkit.evidence.activity import escalations
from govkit.measurements import Escalation

ID = "escalation-response"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    as_of = evidence.judged_day
    raised = evidence.events_of("escalation")
    for event, closed in escalations(raised, evidence.events_of("escalation-resolved")):
        promise = evidence.in_force(event.day).escalation
        waited = ((closed or as_of) - event.day).days
        late = promise is not None and waited > promise.respond_within.days
        yield Escalation(
            ref=event.ref or "",
            summary=event.summary or "",
            opened=event.day,
            resolved=closed,
            waited_days=waited,
            respond_within=promise.respond_within.text if promise else None,
            late=late,
        )
        if not late or promise is None:
            continue
        limit = promise.respond_within
        if closed is None:
            message = (
                f"Escalation `{event.ref}` has been open for {days_text(waited)} (since {event.day}); "
                f"the charter promises an answer within {limit}. Chase {promise.contact}."
            )
        else:
            message = (
                f"Escalation `{event.ref}` took {days_text(waited)} to resolve ({event.day} to {closed}); "
                f"the charter promises an answer within {limit}."
            )
        breach = event.day + dt.timedelta(days=limit.days + 1)
        yield Problem(message, event.location, day=breach, until=closed)
