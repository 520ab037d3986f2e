"""What every check type shares: its protocol, the evidence it reads, what it yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from govkit.load import Document
from govkit.model import Location, Severity

# Evidence kinds a check can declare. `lint` offers only CHARTER; `check` offers all.
CHARTER = "charter"
ACTIVITY = "activity"
GIT = "git"


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check yields; the engine turns it into a Finding under the rule's id."""

    message: str
    location: Location | None = None
    commit: str | None = None
    severity: Severity | None = None  # None: the rule's own severity


@dataclass(slots=True)
class TeamContext:
    """The evidence about one team that checks may read."""

    team: str
    charter_doc: Document
    policy_rule_ids: frozenset[str] = frozenset()
    as_of: dt.date | None = None  # None in lint: no date-dependent judgements
    activity_doc: Document | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def charter(self) -> dict[str, Any]:
        return self.charter_doc.data  # type: ignore[no-any-return]

    def at(self, *path: str | int, key: bool = False) -> Location:
        return self.charter_doc.where(tuple(path), key=key)

    def members(self) -> list[dict[str, Any]]:
        return list(self.charter.get("members", []))

    def member_sides(self) -> dict[str, str]:
        """Every identity (email or alias, lower-cased) → the member's side."""
        sides: dict[str, str] = {}
        for member in self.members():
            for identity in [member["email"], *member.get("aliases", [])]:
                sides[identity.lower()] = member["side"]
        return sides


class Check(Protocol):
    """A check type: registered by ID, its params validated when the policy loads.

    Its module docstring is the rule's user documentation (SARIF help, rendered docs).
    """

    ID: str
    EVIDENCE: frozenset[str]
    PARAMS: Mapping[str, Any]  # JSON Schema of `params`; defaults live in it
    __doc__: str | None

    def check(self, ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]: ...


def params_schema(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed params schema: unknown params are rejected when the policy loads."""
    return {"type": "object", "properties": properties, "additionalProperties": False, "required": list(required)}


def defaults(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {name: spec["default"] for name, spec in schema.get("properties", {}).items() if "default" in spec}
