"""Policies: rules with ids, check types, severities and validated params, the organisation's own
event types and guards, and what a policy takes from the one it extends."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from govkit.evidence.activity import BUILTIN_EVENT_TYPES
from govkit.evidence.charter import Duration, Guard, duration
from govkit.load import Document
from govkit.model import Finding, Location
from govkit.rules import CHANGED, INHERITED, OWN, Rule, read_rules, schema_error
from govkit.validate import schema_findings

__all__ = ["CHANGED", "INHERITED", "OWN", "EventType", "Policy", "Resolver", "Rule", "read_policy", "rule_help"]

RECOVERY = duration("28d")


@dataclass(frozen=True, slots=True)
class EventType:
    """An event type of the organisation's own, beside the built-in ones."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    version: str
    rules: tuple[Rule, ...]
    location: Location
    version_location: Location
    recovery: Duration = RECOVERY  # how long an error that ended still keeps a team amber
    extends: str | None = None  # as written: NAME@MAJOR or NAME@MAJOR@REV
    base: Policy | None = None  # the policy it extends, itself resolved
    events: tuple[EventType, ...] = ()  # declared here or by a base
    guards: tuple[Guard, ...] = ()  # guarded paths in every team repo, from here or a base
    path: Path | None = None  # the file it was read from

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

    @property
    def event_types(self) -> tuple[str, ...]:
        """Every event type a team under this policy may log: the built-in ones, then the declared ones."""
        return (*BUILTIN_EVENT_TYPES, *(event.id for event in self.events))


# How a policy's `extends` is looked up: the base policy, or why it cannot be used.
Resolver = Callable[[str], "Policy | str"]


def read_policy(doc: Document, resolve: Resolver | None = None) -> tuple[Policy | None, list[Finding]]:
    """Validate a loaded policy file, with the policy it extends; a policy with any error is not used.

    `resolve` finds the base of `extends`; without it, only the built-in policies can be extended.
    """
    findings = schema_findings(doc, "policy")
    if findings:
        return None, findings
    data = doc.data
    base = None
    if "extends" in data:
        if resolve is None:
            from govkit.policy_catalog import builtin_catalog

            resolve = builtin_catalog().resolve
        resolved = resolve(data["extends"])
        if isinstance(resolved, str):
            return None, [schema_error(doc, ("extends",), resolved)]
        base = resolved
    events = _events(doc, base, findings)
    event_types = (*BUILTIN_EVENT_TYPES, *(event.id for event in events))
    rules = read_rules(doc, base, event_types, findings)
    if findings:
        return None, findings
    own_guards = tuple(Guard(g["area"], g["owner"], tuple(g["paths"])) for g in data.get("guards", ()))
    recovery = duration(data["recovery"]) if "recovery" in data else base.recovery if base else RECOVERY
    policy = Policy(
        data["name"],
        data["version"],
        tuple(rules),
        doc.where(("name",)),
        doc.where(("version",)),
        recovery,
        extends=data.get("extends"),
        base=base,
        events=events,
        guards=(*(base.guards if base else ()), *own_guards),
        path=doc.path,
    )
    return policy, findings


def _events(doc: Document, base: Policy | None, findings: list[Finding]) -> tuple[EventType, ...]:
    """The base's event types, then this policy's own; a built-in or repeated id is an error."""
    inherited = {event.id: event for event in base.events} if base else {}
    own: dict[str, EventType] = {}
    for index, raw in enumerate(doc.data.get("events", ())):
        if raw["id"] in BUILTIN_EVENT_TYPES:
            message = f"`{raw['id']}` is a built-in event type already; declare only your organisation's own types."
            findings.append(schema_error(doc, ("events", index, "id"), message))
        elif raw["id"] in own:
            findings.append(
                schema_error(doc, ("events", index, "id"), f"The event type `{raw['id']}` is declared twice.")
            )
        else:
            own[raw["id"]] = EventType(raw["id"], raw["description"])
    return (*(event for key, event in inherited.items() if key not in own), *own.values())


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
    "The team id equals its folder, emails and metric ids are unique, events refer to known metrics, "
    "escalations and event types, and cadences to event types the policy knows.",
    "policy": "policy: the charter pins a policy that exists.\n\nA charter pins `name@major`; it is looked up in policies/ then among the built-in ones.",
}


def rule_help(policies: Iterable[Policy]) -> dict[str, str]:
    """rule id → its documentation: the policy's description, else the check's docstring."""
    docs = dict(FILE_RULES)
    for policy in policies:
        for rule in policy.rules:
            docs.setdefault(rule.id, (rule.description or rule.check.__doc__ or rule.id).strip())
    return docs
