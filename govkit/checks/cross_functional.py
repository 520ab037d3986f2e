"""cross-functional: business and technology people work side by side.

Passes: at least one member with `side: business` and one with `side: technology`.
Fails: a team made only of technologists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.evidence.charter import SIDES

ID = "cross-functional"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    sides = {member.side for member in evidence.charter.members}
    for side in SIDES:
        if side not in sides:
            yield Problem(
                f"No member is on the {side} side; a pilot team needs both business and technology people.",
                evidence.at("members"),
            )
