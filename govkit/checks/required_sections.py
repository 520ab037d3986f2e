"""required-sections: the charter sections the organisation makes mandatory are filled in.

Passes (sections [metrics, exemptions]): both present and not empty, and no text anywhere in
the charter still starts with the placeholder marker (`TODO`, which `govkit init` writes).
Fails: a charter with no `exemptions`, or `exemptions: []`, or `purpose: "TODO: ..."`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema
from govkit.validate import dotted

ID = "required-sections"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "sections": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["cadences", "metrics", "exemptions", "decisions", "escalation", "exit_criteria"],
        },
        "placeholder": {"type": "string", "minLength": 1, "default": "TODO"},
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
    marker = params["placeholder"]
    for path, text in _texts(ctx.charter, ()):
        if text.startswith(marker):
            yield Problem(
                f'`{dotted(path)}` still holds the placeholder "{text}"; write the team\'s own text.', ctx.at(*path)
            )


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
