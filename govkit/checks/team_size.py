"""team-size: a pilot team is small, between `min` and `max` members.

Passes (min 3, max 9): a charter with five members.
Fails: a charter with two members, or with twelve.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema

ID = "team-size"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "min": {"type": "integer", "minimum": 1, "default": 3, "description": "The fewest members a team has."},
        "max": {"type": "integer", "minimum": 1, "default": 9, "description": "The most members a team has."},
    }
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    size = len(evidence.charter.members)
    low, high = params["min"], params["max"]
    if size < low:
        yield Problem(
            f"The team has {size} member(s); the policy needs at least {low}. Add members.", evidence.at("members")
        )
    elif size > high:
        yield Problem(
            f"The team has {size} members; the policy allows at most {high}. Keep the team small or split it.",
            evidence.at("members"),
        )
