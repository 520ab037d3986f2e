"""A team's charter as typed values: the one place a charter's dates, durations and lists are read.

`parse_charter` takes the data of a charter that passed its JSON Schema and returns frozen
values with real dates and durations. Rules, views and comparisons read these; none of them
walks the YAML's dicts or parses a date again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SIDES = ("business", "technology")


@dataclass(frozen=True, slots=True)
class Duration:
    """A span the files write as `14d` or `2w`; compared and counted in days."""

    days: int
    text: str  # as written

    def __str__(self) -> str:
        return self.text


def duration(text: str) -> Duration:
    """`14d` → 14 days, `2w` → 14 days. The schema guarantees the form."""
    number, unit = int(text[:-1]), text[-1]
    return Duration(number * 7 if unit == "w" else number, text)


@dataclass(frozen=True, slots=True)
class Capability:
    name: str
    criticality: str  # supporting | important | mission-critical
    users: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Timebox:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class Member:
    index: int  # its place in `members`, for locations
    name: str
    email: str
    side: str  # business | technology
    allocation: int
    role: str = ""
    aliases: tuple[str, ...] = ()
    joined: dt.date | None = None

    @property
    def identities(self) -> frozenset[str]:
        """Email and aliases, lower-cased: every identity git may show for this person."""
        return frozenset(identity.lower() for identity in (self.email, *self.aliases))


@dataclass(frozen=True, slots=True)
class Leads:
    business: str
    technology: str

    def items(self) -> tuple[tuple[str, str], ...]:
        return (("business", self.business), ("technology", self.technology))


@dataclass(frozen=True, slots=True)
class Guard:
    area: str
    owner: str
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Repo:
    index: int  # its place in `repos`, for locations
    name: str
    path: str  # relative to the charter repo root, as written
    url: str | None = None
    guards: tuple[Guard, ...] = ()


@dataclass(frozen=True, slots=True)
class Cadence:
    event: str  # the event type it paces: demo, retro, release, ...
    every: Duration


@dataclass(frozen=True, slots=True)
class Metric:
    index: int
    id: str
    kind: str  # adoption | outcome | delivery
    description: str
    target: float | None = None
    unit: str = ""
    every: Duration | None = None


@dataclass(frozen=True, slots=True)
class Exemption:
    process: str
    replaced_by: str


@dataclass(frozen=True, slots=True)
class Decisions:
    team: tuple[str, ...] = ()
    escalate: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EscalationPath:
    contact: str
    respond_within: Duration


@dataclass(frozen=True, slots=True)
class Waiver:
    index: int
    rule: str
    reason: str | None = None
    approved_by: tuple[str, ...] = ()
    expires: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Charter:
    """One version of a team's agreement."""

    team: str
    name: str
    status: str  # draft | active | closed
    policy: str  # name@major
    purpose: str
    capabilities: tuple[Capability, ...]
    capability_is_list: bool  # written as a list (which the policy may refuse when longer than one)
    timebox: Timebox
    leads: Leads
    members: tuple[Member, ...]
    repos: tuple[Repo, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    metrics: tuple[Metric, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    decisions: Decisions | None = None
    escalation: EscalationPath | None = None
    exit_criteria: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    # The document as written: for the rules that are schemas or text searches over it
    # (`require`, `required-sections`), and for telling an absent section from an empty one.
    source: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def cadence(self, event: str) -> Duration | None:
        return next((c.every for c in self.cadences if c.event == event), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)

    def member(self, identity: str) -> Member | None:
        """The member with this email or alias (any case)."""
        wanted = identity.lower()
        return next((m for m in self.members if wanted in m.identities), None)

    def closest_member(self, identity: str) -> tuple[Member, str, int] | None:
        """The member whose email or alias is fewest letters from `identity`: (member, that identity, letters)."""
        from govkit.wording import letters_apart

        scored = [
            (letters_apart(identity, known), member.index, known)
            for member in self.members
            for known in (member.email, *member.aliases)
        ]
        if not scored:
            return None
        letters, index, known = min(scored)
        return self.members[index], known, letters

    def identities_of(self, identity: str) -> frozenset[str]:
        """Every identity of the member behind `identity`; just itself for a non-member."""
        member = self.member(identity)
        return member.identities if member else frozenset({identity.lower()})

    def side_of(self, identity: str) -> str | None:
        member = self.member(identity)
        return member.side if member else None

    def texts(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every text the charter holds, with its path."""
        yield from _texts(self.source, ())


def parse_charter(data: Mapping[str, Any]) -> Charter:
    """The typed charter of schema-valid data."""
    capability = data["capability"]
    items = capability if isinstance(capability, list) else [capability]
    decisions = data.get("decisions")
    escalation = data.get("escalation")
    return Charter(
        team=data["team"],
        name=data["name"],
        status=data["status"],
        policy=data["policy"],
        purpose=data["purpose"],
        capabilities=tuple(
            Capability(c["name"], c["criticality"], c.get("users", ""), c.get("description", "")) for c in items
        ),
        capability_is_list=isinstance(capability, list),
        timebox=Timebox(_day(data["timebox"]["start"]), _day(data["timebox"]["end"])),
        leads=Leads(data["leads"]["business"], data["leads"]["technology"]),
        members=tuple(
            Member(
                index=index,
                name=m["name"],
                email=m["email"],
                side=m["side"],
                allocation=m["allocation"],
                role=m.get("role", ""),
                aliases=tuple(m.get("aliases", ())),
                joined=_day(m["joined"]) if "joined" in m else None,
            )
            for index, m in enumerate(data["members"])
        ),
        repos=tuple(
            Repo(
                index=index,
                name=r["name"],
                path=r["path"],
                url=r.get("url"),
                guards=tuple(Guard(g["area"], g["owner"], tuple(g["paths"])) for g in r.get("guarded", ())),
            )
            for index, r in enumerate(data.get("repos", ()))
        ),
        cadences=tuple(Cadence(event, duration(every)) for event, every in data.get("cadences", {}).items()),
        metrics=tuple(
            Metric(
                index=index,
                id=m["id"],
                kind=m["kind"],
                description=m["description"],
                target=m.get("target"),
                unit=m.get("unit", ""),
                every=duration(m["every"]) if "every" in m else None,
            )
            for index, m in enumerate(data.get("metrics", ()))
        ),
        exemptions=tuple(Exemption(e["process"], e["replaced_by"]) for e in data.get("exemptions", ())),
        decisions=Decisions(tuple(decisions.get("team", ())), tuple(decisions.get("escalate", ())))
        if decisions is not None
        else None,
        escalation=EscalationPath(escalation["contact"], duration(escalation["respond_within"]))
        if escalation is not None
        else None,
        exit_criteria=tuple(data.get("exit_criteria", ())),
        waivers=tuple(
            Waiver(
                index=index,
                rule=w["rule"],
                reason=w.get("reason"),
                approved_by=tuple(w.get("approved_by", ())),
                expires=_day(w["expires"]) if "expires" in w else None,
            )
            for index, w in enumerate(data.get("waivers", ()))
        ),
        source=data,
    )


# Days and numbers govkit can count with: far from the ends of Python's calendar and floats,
# so that adding a cadence to any day, or taking a share of any target, never overflows.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
LARGEST = 1e15


def implausible_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where schema-valid data holds a day or a number govkit cannot count with, and what to write instead."""
    if isinstance(data, str):
        if len(data) == 10 and data[4] == data[7] == "-" and data[:4].isdigit():
            try:
                day = dt.date.fromisoformat(data)
            except ValueError:
                return
            if not EARLIEST <= day <= LATEST:
                yield path, f"`{data}` is not a day govkit can count with; write a date between 1900 and 2999."
    elif isinstance(data, bool):
        return
    elif isinstance(data, int | float):
        if abs(data) > LARGEST:
            yield path, f"`{data:g}` is too large a number to count with; write a number below a million billion."
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from implausible_values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from implausible_values(value, (*path, index))


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
