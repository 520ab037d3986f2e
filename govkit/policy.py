"""Policies: rules with ids, check types, severities and validated params."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from govkit.checks import broken_plugins, registry
from govkit.checks.base import AnyCheck, defaults
from govkit.evidence.charter import Duration, duration
from govkit.load import Document
from govkit.model import Finding, Location, Severity
from govkit.validate import dotted, explained, schema_findings
from govkit.wording import closest_name

RECOVERY = duration("28d")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: AnyCheck
    severity: Severity
    params: Mapping[str, Any]
    location: Location
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    version: str
    rules: tuple[Rule, ...]
    location: Location
    version_location: Location
    recovery: Duration = RECOVERY  # how long an error that ended still keeps a team amber

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))

    @property
    def pin(self) -> str:
        return f"{self.name}@{self.major}"

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rules)


def read_policy(doc: Document) -> tuple[Policy | None, list[Finding]]:
    """Validate a loaded policy file; a policy with any error is not used."""
    findings = schema_findings(doc, "policy")
    if findings:
        return None, findings
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(doc.data["rules"]):
        if raw["id"] in seen:
            findings.append(
                _error(
                    doc, ("rules", index, "id"), f"The rule id `{raw['id']}` is used twice; rule ids must be unique."
                )
            )
            continue
        seen[raw["id"]] = index
        check = registry().get(raw["check"])
        if check is None:
            findings.append(_error(doc, ("rules", index, "check"), _unknown_check(raw["check"])))
            continue
        params = raw.get("params", {})
        problems = _params_problems(check.ID, params)
        for path, message in problems:
            findings.append(_error(doc, ("rules", index, "params", *path), f"Rule `{raw['id']}`: {message}"))
        if problems:
            continue
        rules.append(
            Rule(
                id=raw["id"],
                check=check,
                severity=Severity.parse(raw["severity"]),
                params={**defaults(check.PARAMS), **params},
                location=doc.where(("rules", index, "id")),
                description=raw.get("description"),
            )
        )
    if findings:
        return None, findings
    recovery = duration(doc.data["recovery"]) if "recovery" in doc.data else RECOVERY
    policy = Policy(
        doc.data["name"], doc.data["version"], tuple(rules), doc.where(("name",)), doc.where(("version",)), recovery
    )
    return policy, findings


def _unknown_check(name: str) -> str:
    broken = broken_plugins().get(name)
    if broken:
        return f"The check type `{name}` cannot be used: {broken}."
    known = registry()
    hint = closest_name(name, known)
    advice = f" Did you mean `{hint}`?" if hint else f" Known check types: {', '.join(sorted(known))}."
    return f"Unknown check type `{name}`.{advice} Plugins add more when installed."


def _error(doc: Document, path: tuple[Any, ...], message: str) -> Finding:
    return Finding(rule="schema", severity=Severity.ERROR, message=message, location=doc.where(path))


@functools.cache
def _params_validator(check_id: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(registry()[check_id].PARAMS)


def _params_problems(check_id: str, params: Any) -> list[tuple[tuple[Any, ...], str]]:
    problems = []
    for error in _params_validator(check_id).iter_errors(params):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = ", ".join(sorted(error.schema.get("properties", {}))) or "none"
            for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                problems.append(
                    (path + (extra,), f"unknown param `{extra}` for check `{check_id}`. Known params: {known}.")
                )
        else:
            problems.extend(explained(error, lambda at: f"param `{dotted(at)}`" if at else "`params`"))
    own_validation = getattr(registry()[check_id], "validate_params", None)
    if not problems and own_validation is not None:
        problems.extend(own_validation(params))
    return problems


# Rules that hold whatever the policy: what each means, for SARIF help and rendered docs.
FILE_RULES = {
    "git": "git: the git history govkit reads as evidence can be read in full.\n\n"
    "Each repo a charter lists (`repos[].path`) exists, is a git repo with commits, and is not a shallow clone "
    "(in CI, check out with `fetch-depth: 0`); the charter repo's own history must be whole too.",
    "file": "file: the governance file can be read as UTF-8 text.\n\nSave it as UTF-8; it must not be empty, binary or huge.",
    "yaml": "yaml: the file is valid, plain YAML.\n\nOne document, no duplicate keys, no custom tags or merge keys, and no alias bombs.",
    "schema": "schema: the file matches its JSON Schema (`govkit schema charter|activity|policy`).\n\n"
    "Every key is known, every value has the right type and form.",
    "consistency": "consistency: the files agree with each other.\n\n"
    "The team id equals its folder, emails and metric ids are unique, and events refer to known metrics and escalations.",
    "policy": "policy: the charter pins a policy that exists.\n\nA charter pins `name@major`; it is looked up in policies/ then among the built-in ones.",
}


def rule_help(policies: Iterable[Policy]) -> dict[str, str]:
    """rule id → its documentation: the policy's description, else the check's docstring."""
    docs = dict(FILE_RULES)
    for policy in policies:
        for rule in policy.rules:
            docs.setdefault(rule.id, (rule.description or rule.check.__doc__ or rule.id).strip())
    return docs
