"""require: an organisation's own rule about the charter, written as a JSON Schema fragment.

`params.schema` is applied to the whole charter; each place it does not hold is a finding
with the rule's own `params.message`. Organisations may add their own fields to charters as
keys starting with `x-`.

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
    validator = _validator(json.dumps(params["schema"], sort_keys=True))
    document = evidence.charter.source
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "required" and not path:
            detail = error.message.replace("is a required property", "is missing")
        else:
            detail = error.message
        yield Problem(f"{params['message']} ({detail}.)", evidence.at(*path))
