"""single-capability: one new capability, important but not mission-critical.

Passes: `capability` is one mapping with `criticality: important`.
Fails: a list of two capabilities, or `criticality: mission-critical`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema

ID = "single-capability"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "forbidden_criticality": {
            "type": "array",
            "items": {"enum": ["supporting", "important", "mission-critical"]},
            "default": ["mission-critical"],
        }
    }
)


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    capability = ctx.charter["capability"]
    if isinstance(capability, list):
        if len(capability) > 1:
            yield Problem(
                f"The charter lists {len(capability)} capabilities; a pilot team delivers exactly one. "
                "Split the others into their own teams.",
                ctx.at("capability"),
            )
            return
        capability = capability[0]
        path: tuple[str | int, ...] = ("capability", 0, "criticality")
    else:
        path = ("capability", "criticality")
    criticality = capability["criticality"]
    if criticality in params["forbidden_criticality"]:
        yield Problem(
            f"The capability is `{criticality}`; a firewalled pilot must not carry a {criticality} capability. "
            "Choose one that is important but not mission-critical.",
            ctx.at(*path),
        )
