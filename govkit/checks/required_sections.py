"""required-sections: the charter sections the organisation makes mandatory are filled in.

Passes (sections [metrics, exemptions]): both present and not empty, and no text anywhere in
the charter still starts with the placeholder marker (`TODO`, which `govkit init` writes).
Fails: a charter with no `exemptions`, or `exemptions: []`, or `purpose: "TODO: ..."`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.places import capitalised, place

ID = "required-sections"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "sections": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["cadences", "metrics", "exemptions", "decisions", "escalation", "exit_criteria"],
            "description": "The charter sections that must be filled in.",
        },
        "placeholder": {
            "type": "string",
            "minLength": 1,
            "default": "TODO",
            "description": "Text that marks something still to write.",
        },
    }
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    for section in params["sections"]:
        value = charter.source.get(section)
        if value is None:
            yield Problem(
                f"The charter has no `{section}` section; the policy makes it mandatory. Add it.", evidence.at()
            )
        elif not value:
            yield Problem(
                f"The `{section}` section is empty; the policy makes it mandatory. Fill it in.", evidence.at(section)
            )
    marker = params["placeholder"]
    for path, text in charter.texts():
        if text.startswith(marker):
            yield Problem(
                f'{capitalised(place(path, charter.source))} still holds the placeholder "{text}"; '
                "write the team's own text.",
                evidence.at(*path),
            )
