"""timebox: a fixed, short time box.

Passes (max_weeks 26): start 2026-09-01, end 2026-12-18.
Fails: an end before the start, a box longer than 26 weeks, or (in `govkit check`) an active
charter past its end: the team is in breach until the charter is closed or extended.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema
from govkit.dates import days_text, parse_date

ID = "timebox"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({"max_weeks": {"type": "integer", "minimum": 1, "default": 26}})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    start = parse_date(ctx.charter["timebox"]["start"])
    end = parse_date(ctx.charter["timebox"]["end"])
    if end <= start:
        yield Problem(
            f"The time box ends ({end}) on or before it starts ({start}); fix the dates.", ctx.at("timebox", "end")
        )
        return
    weeks = (end - start).days / 7
    if weeks > params["max_weeks"]:
        yield Problem(
            f"The time box is {weeks:.1f} weeks ({start} to {end}); the policy allows at most "
            f"{params['max_weeks']} weeks. Shorten it.",
            ctx.at("timebox", "end"),
        )
    standing = ctx.standing()  # in `govkit check --as-of`, the charter as it stood that day
    end_then = parse_date(standing["timebox"]["end"])
    if ctx.as_of is not None and standing["status"] == "active" and ctx.as_of > end_then:
        yield Problem(
            f"The time box ended on {end_then}, {days_text((ctx.as_of - end_then).days)} before {ctx.as_of}, "
            "but the charter is still active. Close the charter (`status: closed`) or extend the time box with both leads' approval.",
            ctx.at("timebox", "end"),
        )
