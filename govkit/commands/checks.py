"""`govkit checks`: every check type a policy's rule may use, built in or from a plugin.

For each: its id, whether it sees one team or the whole portfolio, the evidence it reads, its
params (type, default, whether required, what it means) and its documentation, the module
docstring, which says what passes and what fails.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, TextIO

from govkit.checks import BUILTIN, broken_plugins, registry
from govkit.checks.base import AnyCheck, scope_of


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # in words: integer, text, list of text, ...
    required: bool
    default: Any = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class CheckType:
    id: str
    origin: str  # built in | plugin <module>
    scope: str  # team | portfolio
    evidence: tuple[str, ...]
    params: tuple[Param, ...]
    doc: str


def check_types() -> tuple[list[CheckType], dict[str, str]]:
    """Every usable check type, built in first, then plugins, each in id order; and why each broken plugin is not."""
    known = registry()
    order = sorted(known, key=lambda check_id: (check_id not in BUILTIN, check_id))
    return [_describe(known[check_id]) for check_id in order], broken_plugins()


def _describe(check: AnyCheck) -> CheckType:
    schema = check.PARAMS
    required = set(schema.get("required", ()))
    params = tuple(
        Param(name, type_words(spec), name in required, spec.get("default"), spec.get("description"))
        for name, spec in schema.get("properties", {}).items()
    )
    origin = "built in" if check.ID in BUILTIN else f"plugin {getattr(check, '__name__', type(check).__name__)}"
    doc = inspect.cleandoc(check.__doc__ or "(no documentation)")
    return CheckType(check.ID, origin, scope_of(check), tuple(sorted(check.EVIDENCE)), params, doc)


_WORDS = {"integer": "whole number", "number": "number", "string": "text", "boolean": "true/false", "object": "mapping"}


def type_words(spec: Mapping[str, Any]) -> str:
    """A param's JSON Schema as a person reads it: `whole number ≥ 1`, `list of text`, `one of a, b`."""
    if "enum" in spec:
        return "one of " + ", ".join(str(choice) for choice in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return "list of " + type_words(spec.get("items", {}))
    if kind == "object" and isinstance(spec.get("additionalProperties"), Mapping):
        return "mapping of " + type_words(spec["additionalProperties"])
    words = _WORDS.get(kind, "any value") if isinstance(kind, str) else "any value"
    if "minimum" in spec:
        words += f" ≥ {spec['minimum']}"
    if "pattern" in spec and kind == "string":
        words += " like 14d or 2w" if spec["pattern"].endswith("[dw]$") else ""
    return words


def write_text(types: list[CheckType], broken: Mapping[str, str], out: TextIO) -> None:
    for index, check in enumerate(types):
        if index:
            out.write("\n")
        out.write(f"{check.id}  ({check.origin}; scope {check.scope}; evidence {', '.join(check.evidence)})\n")
        for param in check.params:
            default = (
                " (required)"
                if param.required
                else f", default {_shown(param.default)}"
                if param.default is not None
                else ""
            )
            meaning = f": {param.description}" if param.description else ""
            out.write(f"  param {param.name}: {param.type}{default}{meaning}\n")
        if not check.params:
            out.write("  no params\n")
        for line in check.doc.splitlines():
            out.write(f"  | {line}\n".rstrip() + "\n")
    for name, why in sorted(broken.items()):
        out.write(f"\n{name}  (cannot be used: {why})\n")


def write_json(types: list[CheckType], broken: Mapping[str, str], out: TextIO) -> None:
    data = {"govkit": 1, "command": "checks", "checks": [asdict(check) for check in types], "broken": dict(broken)}
    json.dump(data, out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
