"""cadence-within-policy: the team's agreed cadences are no looser than the policy allows.

Passes (demo 21d): `cadences: {demo: 14d}`.
Fails: `cadences: {demo: 30d}`, a cadence the policy bounds that the charter leaves out, or an
escalation `respond_within` longer than the policy's bound.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.evidence.charter import duration

ID = "cadence-within-policy"
EVIDENCE = frozenset({CHARTER})
_DURATION = {"type": "string", "pattern": r"^[1-9][0-9]{0,3}[dw]$"}
PARAMS = params_schema(
    {
        "max": {
            "type": "object",
            "additionalProperties": _DURATION,
            "description": "Event type → the longest cadence a charter may agree for it; each is needed.",
            "default": {
                "demo": "21d",
                "customer-feedback": "30d",
                "retro": "21d",
                "release": "14d",
                "knowledge-share": "45d",
            },
        },
        "respond_within": {
            **_DURATION,
            "default": "10d",
            "description": "The longest time a charter may give to answer an escalation.",
        },
    }
)


def event_params(params: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """The event types the rule bounds, so a policy naming one nobody can log is refused."""
    return [(("max", kind), kind) for kind in params["max"]]


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    for event_type, bound in params["max"].items():
        agreed = charter.cadence(event_type)
        if agreed is None:
            yield Problem(
                f"The charter agrees no `{event_type}` cadence; the policy needs one of at most {bound}. "
                f"Add `{event_type}: {bound}` (or tighter) under `cadences`.",
                evidence.at("cadences"),
            )
        elif agreed.days > duration(bound).days:
            yield Problem(
                f"The `{event_type}` cadence is {agreed}; the policy allows at most {bound}. Tighten it.",
                evidence.at("cadences", event_type),
            )
    bound = params["respond_within"]
    if charter.escalation and charter.escalation.respond_within.days > duration(bound).days:
        yield Problem(
            f"Escalations may wait {charter.escalation.respond_within} for an answer; the policy allows at most {bound}.",
            evidence.at("escalation", "respond_within"),
        )
