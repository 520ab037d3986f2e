"""concurrent-pilots: a lead leads at most `max` active pilots at the same time.

Paired leadership is a real job: a business or technology lead spread over many pilots at once
leads none of them. A lead is known by every identity the charters give them (emails and
aliases, joined across charters). On each day a pilot they lead starts, the pilots they lead
that are active and running that day are counted; more than `max` is a finding in each of those
charters, at the lead. The check looks at every charter of the repo at once, in one pass.

Passes (max 1): a lead of two pilots, one after the other.
Fails (max 1): ana.silva@example.com business lead of two active pilots whose time boxes overlap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, PORTFOLIO, Judged, Portfolio, Problem, params_schema
from govkit.evidence.charter import Charter
from govkit.evidence.team import TeamEvidence

ID = "concurrent-pilots"
SCOPE = PORTFOLIO
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {
        "max": {
            "type": "integer",
            "minimum": 1,
            "default": 1,
            "description": "Active pilots one person may lead at once.",
        }
    }
)

Led = tuple[TeamEvidence, Charter, str]  # a pilot, its charter, and the side its lead leads


def check(portfolio: Portfolio, params: Mapping[str, Any]) -> Iterator[Judged]:
    limit, day = params["max"], portfolio.judged_day
    person = portfolio.people()
    leading: dict[str, list[Led]] = {}
    for evidence, charter in portfolio.active():
        for side, lead in charter.leads.items():
            who = person.get(lead.lower(), lead.lower())
            leading.setdefault(who, []).append((evidence, charter, side))
    for pilots in leading.values():
        if len(pilots) <= limit:
            continue
        told: set[str] = set()
        for _, charter, _ in sorted(pilots, key=lambda led: led[1].timebox.start):
            starts = charter.timebox.start
            running = [led for led in pilots if led[1].timebox.start <= starts <= led[1].timebox.end]
            if len(running) > limit:
                yield from _over(running, limit, starts, day, told)


def _over(running: list[Led], limit: int, starts: dt.date, day: dt.date, told: set[str]) -> Iterator[Problem]:
    ends = min(charter.timebox.end for _, charter, _ in running)
    names = ", ".join(f"`{evidence.team}`" for evidence, _, _ in running)
    for evidence, charter, side in running:
        if evidence.team in told:
            continue
        told.add(evidence.team)
        lead = getattr(charter.leads, side)
        yield Problem(
            f"{lead} leads {len(running)} active pilots at once from {starts} ({names}); the policy allows at most "
            f"{limit}. Hand one to another lead, or end one time box before the next starts.",
            evidence.at("leads", side),
            day=min(starts, day),
            until=ends if ends < day else None,
            team=evidence.team,
        )
