"""require: an organisation's own rule about the charter, written as a JSON Schema fragment.

`params.schema` is applied to the whole charter; each place it does not hold is a finding
that says the rule's own `params.message`, then what is wrong there in plain words.
`params.messages` may give a message of its own for a property, named by its path without
list positions (`x-data-protection-contact`, `exemptions.process`), used instead of `message`
when that property fails. Organisations may add their own fields to a charter, at any level,
as keys starting with `x-`.

Passes, with `schema: {required: [x-data-protection-contact]}`: a charter with
`x-data-protection-contact: dpo@example.com`.
Fails: a charter without it; or, with a schema forbidding an exemption
(`{properties: {exemptions: {items: {properties: {process: {not: {const: Security review}}}}}}}`),
a charter that lists `process: Security review` (the finding points at that value).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema

ID = "require"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "schema": {"type": "object", "description": "A JSON Schema (draft 2020-12) the charter must satisfy."},
        "message": {"type": "string", "minLength": 1, "description": "What to tell the team when it does not."},
        "messages": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
            "description": "A message of its own per property (its path without list positions, such as "
            "exemptions.process), said instead of `message` when that property fails.",
        },
    },
    required=("schema", "message"),
)


def validate_params(params: Mapping[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Problems with the schema itself, found when the policy loads."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(params["schema"])
    except SchemaError as exc:
        return [(("schema", *exc.absolute_path), f"`params.schema` is not a valid JSON Schema: {exc.message}.")]
    return []


@functools.lru_cache(maxsize=64)
def _validator(schema_text: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text), format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    from govkit.places import place
    from govkit.validate import explain, missing_key

    validator = _validator(json.dumps(params["schema"], sort_keys=True))
    messages = params.get("messages", {})
    document = evidence.charter.source
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        for path, key, detail in explain(error, lambda at: place(at, document)):
            missing = missing_key(error) if error.validator == "required" else None
            named = ".".join(
                str(part) for part in (*path, *([missing] if missing else [])) if not isinstance(part, int)
            )
            yield Problem(f"{messages.get(named, params['message'])} {detail}", evidence.at(*path, key=key))
