"""timebox: a fixed, short time box.

Passes (max_weeks 26): start 2026-09-01, end 2026-12-18.
Fails: an end before the start, a box longer than 26 weeks, or (in `govkit check`) an active
charter past its end: the team is in breach until the charter is closed or extended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.dates import days_text
from govkit.evidence.charter import Timebox
from govkit.measurements import Timebox as TimeboxMeasure

ID = "timebox"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema(
    {"max_weeks": {"type": "integer", "minimum": 1, "default": 26, "description": "The longest time box, in weeks."}}
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    box = charter.timebox
    if evidence.as_of is not None:
        yield measure(box, evidence.as_of)
    if box.end <= box.start:
        yield Problem(
            f"The time box ends ({box.end}) on or before it starts ({box.start}); fix the dates.",
            evidence.at("timebox", "end"),
        )
        return
    weeks = box.days / 7
    if weeks > params["max_weeks"]:
        yield Problem(
            f"The time box is {weeks:.1f} weeks ({box.start} to {box.end}); the policy allows at most "
            f"{params['max_weeks']} weeks. Shorten it.",
            evidence.at("timebox", "end"),
        )
    as_of = evidence.as_of
    if as_of is not None and charter.status == "active" and as_of > box.end:
        yield Problem(
            f"The time box ended on {box.end}, {days_text((as_of - box.end).days)} before {as_of}, "
            "but the charter is still active. Close the charter (`status: closed`) or extend the time box with "
            "both leads' approval.",
            evidence.at("timebox", "end"),
            day=box.end + dt.timedelta(days=1),
        )


def measure(box: Timebox, as_of: dt.date) -> TimeboxMeasure:
    """How much of the time box is gone on `as_of`: the one place this is counted."""
    total = box.days
    if total <= 0:
        return TimeboxMeasure(box.start, box.end, "invalid", max(total, 0), 0, 0, None, 0)
    elapsed = min(max((as_of - box.start).days, 0), total)
    state = "not started" if as_of < box.start else "ended" if as_of > box.end else "in progress"
    return TimeboxMeasure(
        start=box.start,
        end=box.end,
        state=state,
        total_days=total,
        elapsed_days=elapsed,
        days_left=total - elapsed,
        percent=100 * elapsed // total,
        starts_in=max((box.start - as_of).days, 0),
    )
