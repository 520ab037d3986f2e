"""single-capability: one new capability, important but not mission-critical.

Passes: `capability` is one mapping with `criticality: important`.
Fails: a list of two capabilities, or `criticality: mission-critical`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema

ID = "single-capability"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "forbidden_criticality": {
            "type": "array",
            "items": {"enum": ["supporting", "important", "mission-critical"]},
            "default": ["mission-critical"],
            "description": "Criticalities a pilot's capability may not have.",
        }
    }
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    if len(charter.capabilities) > 1:
        yield Problem(
            f"The charter lists {len(charter.capabilities)} capabilities; a pilot team delivers exactly one. "
            "Split the others into their own teams.",
            evidence.at("capability"),
        )
        return
    [capability] = charter.capabilities
    path: tuple[str | int, ...] = ("capability", 0) if charter.capability_is_list else ("capability",)
    if capability.criticality in params["forbidden_criticality"]:
        yield Problem(
            f"The capability is `{capability.criticality}`; a firewalled pilot must not carry a "
            f"{capability.criticality} capability. Choose one that is important but not mission-critical.",
            evidence.at(*path, "criticality"),
        )
