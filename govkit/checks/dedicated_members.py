"""dedicated-members: members are dedicated; their other tasks are taken away.

Passes (min 80): every member's `allocation` is 80 or more.
Fails: a member at 50.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema

ID = "dedicated-members"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "min": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100,
            "default": 80,
            "description": "The least share of their time, in percent, each member gives the pilot.",
        }
    }
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    for member in evidence.charter.members:
        if member.allocation < params["min"]:
            yield Problem(
                f"{member.name} is allocated {member.allocation}%; members must give at least "
                f"{params['min']}% of their time. Take other work off them or raise the allocation.",
                evidence.at("members", member.index, "allocation"),
            )
