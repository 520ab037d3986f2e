"""JSON Schema validation of loaded documents, as located, plain-worded findings."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

from govkit.load import Document
from govkit.model import Finding, Severity
from govkit.wording import closest_name

KINDS = ("charter", "activity", "policy")


def schema_text(kind: str) -> str:
    return resources.files("govkit").joinpath(f"schemas/{kind}.json").read_text(encoding="utf-8")


@functools.cache
def _validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_text(kind))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def _quick_validity(kind: str) -> Callable[[Any], bool] | None:
    from govkit.validity import compile_validity

    return compile_validity(json.loads(schema_text(kind)), _validator(kind).format_checker)


def schema_findings(doc: Document, kind: str, team: str | None = None) -> list[Finding]:
    """Every schema problem in `doc`, each at the key or value that must change."""
    quick = _quick_validity(kind)
    if quick is not None and quick(doc.data):
        return []  # valid: the full validator, which is far slower, would have nothing to say
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    findings: list[Finding] = []
    said: set[tuple[tuple[Any, ...], str]] = set()
    for error in errors:
        for path, key, message in explain(error):
            # A value can break two keywords with one meaning (a date's `format` and `pattern`): say it once.
            if (path, message) in said:
                continue
            said.add((path, message))
            findings.append(
                Finding(
                    rule="schema",
                    severity=Severity.ERROR,
                    message=message,
                    location=doc.where(path, key=key),
                    team=team,
                )
            )
    return sorted(findings, key=lambda f: (f.location.line or 0, f.location.column or 0) if f.location else (0, 0))


def dotted(path: tuple[Any, ...]) -> str:
    """A path into a document as users read it: `members[0].email`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def explain(error: Any) -> Iterator[tuple[tuple[Any, ...], bool, str]]:
    """Yield (path, point-at-key, message in plain words) for one jsonschema error."""
    path = tuple(error.absolute_path)
    where = dotted(path)
    validator, value = error.validator, error.validator_value
    instance = error.instance
    if validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from explain(best_match(error.context))
        return
    if validator == "additionalProperties" and isinstance(instance, dict):
        known = sorted(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        for extra in sorted(k for k in set(instance) - set(known) if not any(p.search(k) for p in patterns)):
            hint = closest_name(extra, known)
            advice = f" Did you mean `{hint}`?" if hint else f" Known keys here: {', '.join(known)}."
            if patterns and not hint:
                advice += " Your organisation's own fields start with `x-`."
            place = "at the top level" if not path else f"in {where}"
            yield path + (extra,), True, f"Unknown key `{extra}` {place}.{advice}"
        return
    if validator == "required":
        missing = missing_key(error)
        if missing is not None:
            place = "at the top level" if not path else f"in {where}"
            yield path, bool(path), f"Missing required key `{missing}` {place}."
        return
    if validator in ("enum", "const"):
        choices = value if validator == "enum" else [value]
        shown = ", ".join(f"`{c}`" for c in choices)
        yield path, False, f"{where} is `{_show(instance)}`; it must be one of {shown}."
        return
    if validator == "type":
        expected = value if isinstance(value, str) else " or ".join(value)
        yield path, False, f"{where} must be {_TYPE_WORDS.get(expected, expected)}, not {_kind_of(instance)}."
        return
    if validator in ("pattern", "format"):
        if error.schema.get("format") == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(instance)):
            yield path, False, f"{where} is `{instance}`, which is not a day of the calendar; check the month and day."
            return
        described = _described(error)
        yield path, False, f"{where} is `{_show(instance)}`, which is not {described}."
        return
    if validator == "minItems":
        yield path, False, f"{where} needs at least {value} item{'s' if value != 1 else ''}."
        return
    if validator == "minLength":
        yield path, False, f"{where} is empty; write some text."
        return
    if validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        yield path, False, f"{where} is {instance}; it must be {bound} {value}."
        return
    if validator == "propertyNames":
        yield path, False, f"{where} has a key that is not lower-case letters, digits and dashes."
        return
    yield path, False, _other(validator, value, instance, where)


def missing_key(error: Any) -> str | None:
    """The key a `required` error is about: jsonschema raises one error per missing key, each
    carrying the whole list."""
    return next((key for key in error.validator_value if repr(key) in error.message), None)


def _other(validator: str, value: Any, instance: Any, where: str) -> str:
    """Keywords only an organisation's own schemas (`require` rules) use, in plain words."""
    shown = f"`{_show(instance)}`" if not isinstance(instance, dict | list) else "written"
    if validator == "not":
        return f"{where} is {shown}, which is not allowed here."
    if validator in ("maxItems", "maxProperties"):
        return f"{where} may hold at most {value} item{'s' if value != 1 else ''}."
    if validator == "minProperties":
        return f"{where} needs at least {value} key{'s' if value != 1 else ''}."
    if validator == "maxLength":
        return f"{where} is longer than {value} characters; shorten it."
    if validator in ("exclusiveMinimum", "exclusiveMaximum"):
        return (
            f"{where} is {instance}; it must be {'more' if validator == 'exclusiveMinimum' else 'less'} than {value}."
        )
    if validator == "uniqueItems":
        return f"{where} lists the same item twice."
    if validator == "contains":
        return f"{where} holds no item of the kind required."
    if validator == "multipleOf":
        return f"{where} is {instance}; it must be a multiple of {value}."
    if validator == "dependentRequired":
        return f"{where} is missing keys that go with the ones it has: {', '.join(map(str, value))}."
    return f"{where} is {shown}, which does not meet the `{validator}` condition here."


_TYPE_WORDS = {
    "object": "a mapping of keys",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
}

_FORMAT_WORDS = {
    "date": "a date written YYYY-MM-DD",
    "email": "an email address",
}


def _described(error: Any) -> str:
    schema = error.schema
    if "format" in schema and schema["format"] in _FORMAT_WORDS:
        return _FORMAT_WORDS[schema["format"]]
    description = schema.get("description")
    if description:
        return "valid: " + description[0].lower() + description[1:].rstrip(".")
    return f"of the form `{schema.get('pattern')}`"


def _kind_of(instance: Any) -> str:
    if instance is None:
        return "empty"
    if isinstance(instance, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(instance), type(instance).__name__
    )


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
