"""cross-functional: business and technology people work side by side.

Passes: at least one member with `side: business` and one with `side: technology`.
Fails: a team made only of technologists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema

ID = "cross-functional"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    sides = {member["side"] for member in ctx.members()}
    for side in ("business", "technology"):
        if side not in sides:
            yield Problem(
                f"No member is on the {side} side; a pilot team needs both business and technology people.",
                ctx.at("members"),
            )
