"""max-exemptions: the team is taken out of at most `max` standard processes.

Each exemption trades a standard control for a lighter one; too many and the firewall stops
being a pilot and becomes a way around IT.

Passes (max 3): a charter with two exemptions. Fails: a charter with four.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.plugin import CHARTER, Problem, TeamEvidence, params_schema

ID = "max-exemptions"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({"max": {"type": "integer", "minimum": 0, "default": 3}})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Problem]:
    exemptions = evidence.charter.exemptions
    if len(exemptions) > params["max"]:
        yield Problem(
            f"The charter lists {len(exemptions)} exemptions; the policy allows at most {params['max']}. "
            "Keep the standard process where the team does not need a lighter one.",
            evidence.at("exemptions"),
        )
