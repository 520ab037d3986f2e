"""Portfolio: every team's evidence at once, for the rules that hold across teams.

Each team is read once (govkit.evidence.read); a portfolio rule then looks at all of them in
one pass. People are known across charters by every identity any charter gives them: an
email in one charter and an alias of the same member in another are one person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from govkit.evidence.charter import Charter, Member
from govkit.evidence.team import TeamEvidence


@dataclass(frozen=True, slots=True)
class Seat:
    """A person's place in one active pilot, and the days it holds them."""

    evidence: TeamEvidence
    member: Member
    start: dt.date  # the time-box start, or the day they joined when later
    end: dt.date


@dataclass(frozen=True, slots=True)
class Portfolio:
    teams: tuple[TeamEvidence, ...]  # every team whose charter can be judged, in team order
    today: dt.date
    as_of: dt.date | None  # None in lint: the charters alone

    @property
    def judged_day(self) -> dt.date:
        return self.as_of or self.today

    def active(self) -> Iterator[tuple[TeamEvidence, Charter]]:
        """Each active pilot with the charter version it is judged by."""
        for evidence in self.teams:
            if evidence.charter.status == "active":
                yield evidence, evidence.charter

    def seats(self) -> dict[str, list[Seat]]:
        """person → their seats in active pilots; a person is named by one of their identities."""
        person = self.people()
        seats: dict[str, list[Seat]] = {}
        for evidence, charter in self.active():
            box = charter.timebox
            for member in charter.members:
                start = max(box.start, member.joined) if member.joined else box.start
                seats.setdefault(person[member.email.lower()], []).append(Seat(evidence, member, start, box.end))
        return seats

    def people(self) -> dict[str, str]:
        """identity (lower-cased) → the person it belongs to, joining identities any charter gives one member."""
        parent: dict[str, str] = {}

        def root(identity: str) -> str:
            parent.setdefault(identity, identity)
            while parent[identity] != identity:
                parent[identity] = parent[parent[identity]]
                identity = parent[identity]
            return identity

        for _, charter in self.active():
            for member in charter.members:
                first, *others = sorted(member.identities)
                root(first)
                for other in others:
                    a, b = root(first), root(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        return {identity: root(identity) for identity in list(parent)}

    def on(self, day: dt.date) -> Portfolio:
        """The same portfolio judged as of an earlier `day`: each charter as it was in force then."""
        return Portfolio(tuple(evidence.on(day) for evidence in self.teams), self.today, day)
