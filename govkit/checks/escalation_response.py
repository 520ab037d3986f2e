"""escalation-response: every escalation is answered within the charter's `respond_within`.

Passes (5d): `esc-1` opened 2026-10-02, resolved 2026-10-06.
Fails: resolved after 9 days, or still open 12 days later (an open escalation counts up to the
as-of date). The limit is the one in force on the day the escalation was opened.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Problem, TeamContext, params_schema
from govkit.dates import days_text, duration_days
from govkit.evidence.activity import escalations

ID = "escalation-response"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    as_of = ctx.as_of
    assert as_of is not None, "escalation-response needs an as-of date"
    for event, closed in escalations(ctx.events):
        escalation = ctx.in_force(event.day).get("escalation")
        if escalation is None:
            continue
        limit = escalation["respond_within"]
        waited = ((closed or as_of) - event.day).days
        if waited <= duration_days(limit):
            continue
        if closed is None:
            message = (
                f"Escalation `{event.ref}` has been open for {days_text(waited)} (since {event.day}); "
                f"the charter promises an answer within {limit}. Chase {escalation['contact']}."
            )
        else:
            message = (
                f"Escalation `{event.ref}` took {days_text(waited)} to resolve ({event.day} to {closed}); "
                f"the charter promises an answer within {limit}."
            )
        yield Problem(message, event.location)
