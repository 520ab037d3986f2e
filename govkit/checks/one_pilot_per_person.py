"""one-pilot-per-person: nobody is a member of two active pilots at the same time.

A pilot's members are dedicated to it: their other tasks are taken away. A person is known by
every identity the charters give them (emails and aliases, joined across charters), and holds a
seat in an active pilot from its time-box start (or the day they joined) to its end. Two seats
of one person whose days overlap are a finding in each of the two charters, at the member.
The check looks at every charter of the repo at once, in one pass.

Passes: two active pilots whose time boxes overlap, with no member in common; or the same
person in two pilots one after the other.
Fails: raj.patel@example.com in one active pilot and, by the alias raj@users.noreply.example.com,
in another whose time box overlaps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, PORTFOLIO, Judged, Portfolio, Problem, params_schema
from govkit.evidence.portfolio import Seat

ID = "one-pilot-per-person"
SCOPE = PORTFOLIO
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(portfolio: Portfolio, params: Mapping[str, Any]) -> Iterator[Judged]:
    day = portfolio.judged_day
    for seats in portfolio.seats().values():
        if len({seat.evidence.team for seat in seats}) < 2:
            continue  # the common case: one pilot per person
        for seat in seats:
            for other in seats:
                if other.evidence.team == seat.evidence.team:
                    continue
                start, end = max(seat.start, other.start), min(seat.end, other.end)
                if start <= end:
                    yield _clash(seat, other, start, end, day)


def _clash(seat: Seat, other: Seat, start: dt.date, end: dt.date, day: dt.date) -> Problem:
    member, evidence = seat.member, seat.evidence
    also = other.member.email if other.member.email.lower() != member.email.lower() else None
    known_as = f" (as {also})" if also else ""
    return Problem(
        f"{member.name} ({member.email}) is also a member of the active pilot `{other.evidence.team}`{known_as} "
        f"from {start} to {end}, while this pilot runs; a pilot's members are dedicated to it. Take them off one "
        "of the two, or end one time box before the other starts.",
        evidence.at("members", member.index, "email"),
        day=min(start, day),
        until=end if end < day else None,
        team=evidence.team,
    )
