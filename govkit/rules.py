"""A policy's rules as written, read into Rules: each check type known and its params valid, and,
in a policy that extends another, the base's rules changed, switched off or kept as they are."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from govkit.checks import broken_plugins, check_type, registry
from govkit.checks.base import AnyCheck, defaults
from govkit.load import Document
from govkit.model import Finding, Location, Severity
from govkit.validate import dotted, explained
from govkit.validity import DRAFT_2020_12
from govkit.wording import closest_name

# Where a rule of a policy comes from, against the policy it extends.
OWN, INHERITED, CHANGED = "own", "inherited", "changed"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: AnyCheck
    severity: Severity
    params: Mapping[str, Any]
    location: Location
    description: str | None = None
    origin: str = OWN  # own | inherited (as the base has it) | changed (the base's, with severity or params changed)


class Base(Protocol):
    """What a policy's rules take from the policy it extends."""

    @property
    def rules(self) -> tuple[Rule, ...]: ...

    @property
    def rule_ids(self) -> frozenset[str]: ...

    @property
    def pin(self) -> str: ...


def read_rules(doc: Document, base: Base | None, event_types: tuple[str, ...], findings: list[Finding]) -> list[Rule]:
    """The base's rules, each as this policy changes it (or switches it off), then this policy's own."""
    inherited = {rule.id: rule for rule in base.rules} if base else {}
    overrides: dict[str, Rule | None] = {}  # inherited id → this policy's version; None: switched off
    own: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.data.get("rules", ())):
        rule_id = raw["id"]
        if rule_id in seen:
            message = f"The rule id `{rule_id}` is used twice; rule ids must be unique."
            findings.append(schema_error(doc, ("rules", index, "id"), message))
            continue
        seen.add(rule_id)
        if base is not None and rule_id not in inherited and ("check" not in raw or "severity" not in raw):
            findings.append(schema_error(doc, ("rules", index, "id"), _not_inherited(rule_id, raw, base)))
            continue
        if raw.get("disabled"):
            if rule_id in inherited:
                overrides[rule_id] = None
            continue
        if rule_id in inherited:
            overrides[rule_id] = _override(doc, index, raw, inherited[rule_id], event_types, findings)
        else:
            rule = _own_rule(doc, index, raw, event_types, findings)
            if rule is not None:
                own.append(rule)
    kept = []
    for rule in base.rules if base else ():
        mine = overrides.get(rule.id, _as_inherited(rule))
        if mine is not None:
            kept.append(mine)
    return [*kept, *own]


def _as_inherited(rule: Rule) -> Rule:
    return replace(rule, origin=INHERITED)


def _not_inherited(rule_id: str, raw: Mapping[str, Any], base: Base) -> str:
    hint = closest_name(rule_id, sorted(base.rule_ids))
    advice = f" Did you mean `{hint}`?" if hint else ""
    if raw.get("disabled"):
        return f"There is no rule `{rule_id}` in {base.pin} to switch off.{advice}"
    return (
        f"There is no rule `{rule_id}` in {base.pin}, so this is a rule of your own: give it a `check` and a "
        f"`severity`.{advice}"
    )


def _own_rule(
    doc: Document, index: int, raw: Mapping[str, Any], event_types: tuple[str, ...], findings: list[Finding]
) -> Rule | None:
    check = check_type(raw["check"])
    if check is None:
        findings.append(schema_error(doc, ("rules", index, "check"), _unknown_check(raw["check"])))
        return None
    params = raw.get("params", {})
    if not _params_sound(doc, index, raw["id"], check, params, event_types, findings):
        return None
    return Rule(
        id=raw["id"],
        check=check,
        severity=Severity.parse(raw["severity"]),
        params={**defaults(check.PARAMS), **params},
        location=doc.where(("rules", index, "id")),
        description=raw.get("description"),
    )


def _override(
    doc: Document,
    index: int,
    raw: Mapping[str, Any],
    inherited: Rule,
    event_types: tuple[str, ...],
    findings: list[Finding],
) -> Rule | None:
    """An inherited rule with this policy's severity, params (merged into the base's) and description."""
    if "check" in raw and raw["check"] != inherited.check.ID:
        findings.append(
            schema_error(
                doc,
                ("rules", index, "check"),
                f"Rule `{raw['id']}` is a `{inherited.check.ID}` rule in the policy this one extends; a policy may "
                "change its severity, params or description, not its check type. Give your rule an id of its own, "
                f"and switch `{raw['id']}` off with `disabled: true` if it should no longer hold.",
            )
        )
        return None
    params = merged(inherited.params, raw.get("params", {}))
    if not _params_sound(doc, index, raw["id"], inherited.check, params, event_types, findings):
        return None
    severity = Severity.parse(raw["severity"]) if "severity" in raw else inherited.severity
    description = raw.get("description", inherited.description)
    same = (severity, params, description) == (inherited.severity, inherited.params, inherited.description)
    return Rule(
        id=inherited.id,
        check=inherited.check,
        severity=severity,
        params=params,
        location=doc.where(("rules", index, "id")),
        description=description,
        origin=INHERITED if same else CHANGED,
    )


def merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The base's params with the changes laid over them: mappings merge key by key, at any depth;
    anything else (a number, a text, a list) is replaced whole."""
    result = dict(base)
    for key, value in changes.items():
        before = result.get(key)
        result[key] = merged(before, value) if isinstance(before, Mapping) and isinstance(value, Mapping) else value
    return result


def _params_sound(
    doc: Document,
    index: int,
    rule_id: str,
    check: AnyCheck,
    params: Any,
    event_types: tuple[str, ...],
    findings: list[Finding],
) -> bool:
    problems = _params_problems(check.ID, params)
    if not problems:
        problems = list(_unknown_event_types(check, params, event_types))
    for path, message in problems:
        findings.append(schema_error(doc, ("rules", index, "params", *path), f"Rule `{rule_id}`: {message}"))
    return not problems


def _unknown_event_types(
    check: AnyCheck, params: Mapping[str, Any], event_types: tuple[str, ...]
) -> Iterable[tuple[tuple[Any, ...], str]]:
    """Event types a rule names that no policy declares: teams could never log them, so it could never pass."""
    named = getattr(check, "event_params", None)
    for path, kind in named(params) if named is not None else ():
        if kind not in event_types:
            hint = closest_name(kind, list(event_types))
            advice = f"Did you mean `{hint}`? " if hint else ""
            yield (
                path,
                f"the event type `{kind}` is neither built in nor declared under `events`, so teams cannot log it "
                f"and the rule could never pass. {advice}Declare it under `events` (with an id and a description), "
                f"or use a known type: {', '.join(event_types)}.",
            )


def _unknown_check(name: str) -> str:
    broken = broken_plugins().get(name)
    if broken:
        return f"The check type `{name}` cannot be used: {broken}."
    known = registry()
    hint = closest_name(name, known)
    advice = f" Did you mean `{hint}`?" if hint else f" Known check types: {', '.join(sorted(known))}."
    return f"Unknown check type `{name}`.{advice} Plugins add more when installed."


def schema_error(doc: Document, path: tuple[Any, ...], message: str) -> Finding:
    """A problem in a policy file, at its place."""
    return Finding(rule="schema", severity=Severity.ERROR, message=message, location=doc.where(path))


@functools.cache
def _params_validator(check_id: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_known(check_id).PARAMS)


def _known(check_id: str) -> AnyCheck:
    check = check_type(check_id)
    assert check is not None, f"{check_id} was resolved when its rule was read"
    return check


@functools.cache
def _params_valid(check_id: str) -> Callable[[Any], bool] | None:
    """A quick yes to "are these params valid?", as for documents (govkit.validity); jsonschema words the no."""
    from govkit.validity import NATIVE_FORMATS, compile_validity

    return compile_validity({"$schema": DRAFT_2020_12, **_known(check_id).PARAMS}, NATIVE_FORMATS)


def _params_problems(check_id: str, params: Any) -> list[tuple[tuple[Any, ...], str]]:
    problems = []
    quick = _params_valid(check_id)
    errors = () if quick is not None and quick(params) else _params_validator(check_id).iter_errors(params)
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = ", ".join(sorted(error.schema.get("properties", {}))) or "none"
            for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                problems.append(
                    (path + (extra,), f"unknown param `{extra}` for check `{check_id}`. Known params: {known}.")
                )
        else:
            problems.extend(explained(error, lambda at: f"param `{dotted(at)}`" if at else "`params`"))
    own_validation = getattr(_known(check_id), "validate_params", None)
    if not problems and own_validation is not None:
        problems.extend(own_validation(params))
    return problems
