"""cadence-within-policy: the team's agreed cadences are no looser than the policy allows.

Passes (demo 21d): `cadences: {demo: 14d}`.
Fails: `cadences: {demo: 30d}`, a cadence the policy bounds that the charter leaves out, or an
escalation `respond_within` longer than the policy's bound.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema
from govkit.dates import duration_days

ID = "cadence-within-policy"
EVIDENCE = frozenset({CHARTER})
_DURATION = {"type": "string", "pattern": r"^[1-9][0-9]{0,3}[dw]$"}
PARAMS = params_schema(
    {
        "max": {
            "type": "object",
            "additionalProperties": _DURATION,
            "default": {
                "demo": "21d",
                "customer-feedback": "30d",
                "retro": "21d",
                "release": "14d",
                "knowledge-share": "45d",
            },
        },
        "respond_within": {**_DURATION, "default": "10d"},
    }
)


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    cadences = ctx.charter.get("cadences", {})
    for event_type, bound in params["max"].items():
        agreed = cadences.get(event_type)
        if agreed is None:
            yield Problem(
                f"The charter agrees no `{event_type}` cadence; the policy needs one of at most {bound}. "
                f"Add `{event_type}: {bound}` (or tighter) under `cadences`.",
                ctx.at("cadences") if "cadences" in ctx.charter else ctx.at(),
            )
        elif duration_days(agreed) > duration_days(bound):
            yield Problem(
                f"The `{event_type}` cadence is {agreed}; the policy allows at most {bound}. Tighten it.",
                ctx.at("cadences", event_type),
            )
    escalation = ctx.charter.get("escalation")
    bound = params["respond_within"]
    if escalation and duration_days(escalation["respond_within"]) > duration_days(bound):
        yield Problem(
            f"Escalations may wait {escalation['respond_within']} for an answer; the policy allows at most {bound}.",
            ctx.at("escalation", "respond_within"),
        )
