"""required-sections: the charter sections the organisation makes mandatory are filled in.

Passes (sections [metrics, exemptions]): both present and not empty.
Fails: a charter with no `exemptions`, or `exemptions: []`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema

ID = "required-sections"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "sections": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["cadences", "metrics", "exemptions", "decisions", "escalation", "exit_criteria"],
        }
    }
)


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    for section in params["sections"]:
        value = ctx.charter.get(section)
        if value is None:
            yield Problem(f"The charter has no `{section}` section; the policy makes it mandatory. Add it.", ctx.at())
        elif not value:
            yield Problem(
                f"The `{section}` section is empty; the policy makes it mandatory. Fill it in.", ctx.at(section)
            )
