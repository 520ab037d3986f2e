"""dedicated-members: members are dedicated; their other tasks are taken away.

Passes (min 80): every member's `allocation` is 80 or more.
Fails: a member at 50.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema

ID = "dedicated-members"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({"min": {"type": "integer", "minimum": 0, "maximum": 100, "default": 80}})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    for index, member in enumerate(ctx.members()):
        if member["allocation"] < params["min"]:
            yield Problem(
                f"{member['name']} is allocated {member['allocation']}%; members must give at least "
                f"{params['min']}% of their time. Take other work off them or raise the allocation.",
                ctx.at("members", index, "allocation"),
            )
