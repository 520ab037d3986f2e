"""adoption-pace: adoption keeps pace with the time box.

The team's adoption metric (the first of `kind: adoption` with a target) is judged against the
time box: its latest reading as a share of the target against the share of the time box gone.
A team more than `margin` percentage points behind is behind pace, unless the trend of its
last readings, carried to the end date, still reaches the target. The message gives that
projection. Judged only for an active charter, once its time box has started.

Passes (margin 20): 60 of 100 users with half of the time box gone.
Fails: 44 of 100 users with 86% of the time box gone, and a trend that reaches about 58.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.checks.timebox import measure as timebox_measure
from govkit.measurements import Pace, Reading
from govkit.wording import number_text

ID = "adoption-pace"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema(
    {
        "margin": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100,
            "default": 20,
            "description": "Percentage points behind the share of the time box gone that still count as on pace.",
        },
        "trend_readings": {
            "type": "integer",
            "minimum": 2,
            "default": 4,
            "description": "The last readings the trend to the end date is drawn through.",
        },
    }
)


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    metric = next((m for m in charter.metrics if m.kind == "adoption" and m.target), None)
    if metric is None or metric.target is None or evidence.as_of is None or charter.status != "active":
        return
    box = timebox_measure(charter.timebox, evidence.as_of)
    if box.percent is None or box.state == "not started":
        return
    readings = [
        Reading(e.day, float(e.value))
        for e in evidence.events_of("metric")
        if e.metric == metric.id and e.value is not None
    ]
    latest = readings[-1].value if readings else None
    target_percent = round(100 * (latest or 0) / metric.target)
    projected = projection(readings[-params["trend_readings"] :], charter.timebox.end)
    reaches = projected is not None and projected >= metric.target
    behind = target_percent < box.percent - params["margin"] and not reaches
    yield Pace(metric.id, metric.unit, metric.target, latest, target_percent, box.percent, projected, behind)
    if not behind:
        return
    unit = f" {metric.unit}" if metric.unit else ""
    now = f"at {number_text(latest)} of {number_text(metric.target)}{unit}" if latest is not None else "not read yet"
    trend = (
        f"; at the trend of its last readings it reaches about {number_text(round(projected))} by {charter.timebox.end}"
        if projected is not None
        else ""
    )
    yield Problem(
        f"Adoption is behind pace: `{metric.id}` is {now} ({target_percent}% of the target) with {box.percent}% of "
        f"the time box gone{trend}. Agree with the leads how to catch up, or what to change.",
        evidence.at("metrics", metric.index),
    )


def projection(readings: Sequence[Reading], end: dt.date) -> float | None:
    """The least-squares line through the readings, carried to `end`; None with fewer than two days."""
    if len(readings) < 2:
        return None
    origin = readings[0].day
    xs = [(r.day - origin).days for r in readings]
    ys = [r.value for r in readings]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if not spread:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return max(0.0, mean_y + slope * ((end - origin).days - mean_x))
