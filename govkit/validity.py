"""A quick yes or no to "is this document valid against its JSON Schema?".

jsonschema walks a schema generically: a validator object for every node it descends into,
every `$ref` looked up through its registry. That costs about two milliseconds per charter,
most of `govkit lint`'s time on a large charter repo, and nearly every file in a run is
valid, with nothing to explain. So each schema is compiled once into plain Python
predicates, and jsonschema runs (and words the findings) only for a document they reject.

Each keyword mirrors jsonschema's own rule for it (`jsonschema/_keywords.py`, `_types.py`,
`_utils.equal`), with the same format checker, so the predicate answers exactly what
`is_valid` would. A schema that uses anything not mirrored here (`oneOf`, `prefixItems`,
a remote `$ref`, ...) compiles to None, and every document then takes the full path.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

Predicate = Callable[[Any], bool]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
# Keywords that only annotate: they never make a document invalid. (`$id` and `$schema`
# are accepted at the root only, where they change nothing for local references.)
_ANNOTATIONS = frozenset({"$comment", "$defs", "title", "description", "default", "examples"})

_TYPES: dict[str, Predicate] = {
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "integer": lambda x: not isinstance(x, bool) and (isinstance(x, int) or (isinstance(x, float) and x.is_integer())),
    "null": lambda x: x is None,
    "number": lambda x: not isinstance(x, bool) and isinstance(x, numbers.Number),
    "object": lambda x: isinstance(x, dict),
    "string": lambda x: isinstance(x, str),
}


class Unsupported(Exception):
    """The schema uses something this module does not mirror."""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class NativeFormats:
    """The formats govkit's own schemas use, checked exactly as jsonschema's FORMAT_CHECKER checks
    them (`jsonschema/_format.py`: `is_date`, `is_email`), so a run whose files are all valid never
    needs to import jsonschema. Any other format is left to jsonschema."""

    KNOWN = frozenset({"date", "email"})

    def conforms(self, instance: Any, format: str) -> bool:
        if not isinstance(instance, str):
            return True
        if format == "email":
            return "@" in instance
        if not _DATE.fullmatch(instance):
            return False
        try:
            date.fromisoformat(instance)
        except ValueError:
            return False
        return True


NATIVE_FORMATS = NativeFormats()


def compile_validity(schema: Mapping[str, Any], format_checker: Any) -> Predicate | None:
    """A predicate equal to `is_valid` of a Draft 2020-12 validator, or None if unsure."""
    if schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        return None
    body = {name: value for name, value in schema.items() if name not in ("$schema", "$id")}
    try:
        return _Compiler(schema, format_checker).compile(body)
    except Unsupported:
        return None


def _equal(instance: Any, value: Any) -> bool:
    """jsonschema's `equal` for a scalar `value`: True and 1 differ, 1 and 1.0 do not."""
    if instance is value:
        return True
    if isinstance(instance, str) or isinstance(value, str):
        return bool(instance == value)
    return not isinstance(instance, bool) and not isinstance(value, bool) and bool(instance == value)


class _Compiler:
    def __init__(self, root: Mapping[str, Any], format_checker: Any) -> None:
        self.defs: Mapping[str, Any] = root.get("$defs", {})
        self.format_checker = format_checker
        self.compiled_defs: dict[str, Predicate] = {}
        self.resolving: set[str] = set()

    def compile(self, schema: Any) -> Predicate:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, Mapping):
            raise Unsupported(f"a schema of type {type(schema).__name__}")
        checks = [self.keyword(name, value, schema) for name, value in schema.items() if name not in _ANNOTATIONS]
        return _every([check for check in checks if check is not None])

    def ref(self, target: str) -> Predicate:
        name = target.removeprefix("#/$defs/")
        if name == target or "/" in name or name not in self.defs:
            raise Unsupported(f"the reference {target}")
        if name not in self.compiled_defs:
            if name in self.resolving:  # a recursive schema: leave it to jsonschema
                raise Unsupported(f"the recursive reference {target}")
            self.resolving.add(name)
            self.compiled_defs[name] = self.compile(self.defs[name])
            self.resolving.discard(name)
        return self.compiled_defs[name]

    def keyword(self, name: str, value: Any, schema: Mapping[str, Any]) -> Predicate | None:
        """One keyword's rule, as jsonschema applies it; None for a keyword that checks nothing alone."""
        if name == "$ref":
            return self.ref(value)
        if name == "type":
            names = [value] if isinstance(value, str) else value
            if any(t not in _TYPES for t in names):
                raise Unsupported(f"the type {value}")
            return _some([_TYPES[t] for t in names])
        if name == "const":
            return self.keyword("enum", [value], schema)
        if name == "enum":
            if any(isinstance(choice, (dict, list)) for choice in value):
                raise Unsupported("an enum of lists or mappings")
            return lambda x: any(_equal(x, choice) for choice in value)
        if name == "pattern":
            search = re.compile(value).search
            return lambda x: not isinstance(x, str) or search(x) is not None
        if name == "format":
            if self.format_checker is None:
                return None  # without a checker, jsonschema treats formats as notes
            if isinstance(self.format_checker, NativeFormats) and value not in NativeFormats.KNOWN:
                raise Unsupported(f"the format {value}")
            conforms = self.format_checker.conforms
            return lambda x: bool(conforms(x, value))
        if name == "minLength":
            return lambda x: not isinstance(x, str) or len(x) >= value
        if name == "minItems":
            return lambda x: not isinstance(x, list) or len(x) >= value
        if name in ("minimum", "maximum"):
            # `not x < value` rather than `x >= value`: the same answer as jsonschema for NaN too.
            beyond = (lambda x: x < value) if name == "minimum" else (lambda x: x > value)
            return lambda x: not _TYPES["number"](x) or not beyond(x)
        if name == "required":
            return lambda x: not isinstance(x, dict) or all(key in x for key in value)
        if name == "properties":
            return _properties({key: self.compile(sub) for key, sub in value.items()})
        if name == "patternProperties":
            # A pattern whose schema only annotates (the charter's own `x-` fields) accepts any value:
            # nothing to search for in every key of every mapping.
            checked = {pattern: sub for pattern, sub in value.items() if not _accepts_anything(sub)}
            if not checked:
                return None
            return _pattern_properties(
                [(re.compile(pattern).search, self.compile(sub)) for pattern, sub in checked.items()]
            )
        if name == "additionalProperties":
            patterns = tuple(re.compile(pattern).search for pattern in schema.get("patternProperties", {}))
            return _additional_properties(frozenset(schema.get("properties", {})), patterns, self.compile(value))
        if name == "propertyNames":
            return _property_names(self.compile(value))
        if name == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            return _items(self.compile(value))
        if name in ("anyOf", "allOf"):
            branches = [self.compile(sub) for sub in value]
            return _some(branches) if name == "anyOf" else _every(branches)
        if name == "if":
            condition = self.compile(value)
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            return lambda x: then(x) if condition(x) else otherwise(x)
        if name in ("then", "else"):
            return None  # applied by `if`; without an `if` they check nothing
        raise Unsupported(f"the keyword {name}")


def _accepts_anything(schema: Any) -> bool:
    return schema is True or (isinstance(schema, Mapping) and not set(schema) - _ANNOTATIONS)


# The combinators below are plain loops rather than all()/any() over generators: they run
# for every value of every document, and a generator per call doubles their cost.


def _every(checks: list[Predicate]) -> Predicate:
    if len(checks) == 1:
        return checks[0]

    def every(x: Any) -> bool:
        for check in checks:  # noqa: SIM110 (see above: no generator)
            if not check(x):
                return False
        return True

    return every


def _some(checks: list[Predicate]) -> Predicate:
    if len(checks) == 1:
        return checks[0]

    def some(x: Any) -> bool:
        for check in checks:  # noqa: SIM110 (see above: no generator)
            if check(x):
                return True
        return False

    return some


def _properties(known: dict[str, Predicate]) -> Predicate:
    def properties(x: Any) -> bool:
        if isinstance(x, dict):
            for key, value in x.items():
                check = known.get(key)
                if check is not None and not check(value):
                    return False
        return True

    return properties


def _pattern_properties(patterns: list[tuple[Callable[[str], Any], Predicate]]) -> Predicate:
    def pattern_properties(x: Any) -> bool:
        if isinstance(x, dict):
            for key, value in x.items():
                for search, check in patterns:
                    if search(key) and not check(value):
                        return False
        return True

    return pattern_properties


def _additional_properties(
    declared: frozenset[str], patterns: tuple[Callable[[str], Any], ...], extra: Predicate
) -> Predicate:
    def additional_properties(x: Any) -> bool:
        if isinstance(x, dict):
            for key, value in x.items():
                if key in declared or any(search(key) for search in patterns):
                    continue
                if not extra(value):
                    return False
        return True

    return additional_properties


def _property_names(key_check: Predicate) -> Predicate:
    def property_names(x: Any) -> bool:
        if isinstance(x, dict):
            for key in x:
                if not key_check(key):
                    return False
        return True

    return property_names


def _items(item_check: Predicate) -> Predicate:
    def items(x: Any) -> bool:
        if isinstance(x, list):
            for item in x:
                if not item_check(item):
                    return False
        return True

    return items
