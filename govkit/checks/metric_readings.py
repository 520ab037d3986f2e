"""metric-readings: every metric is read at least as often as its `every`.

Passes (every 7d): readings of `weekly-reorderers` each week of the time box.
Fails: no reading for 20 days. Gaps count like cadences: from the time-box start, between
readings and up to the as-of date. A closed charter is no longer checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Problem, TeamContext, params_schema
from govkit.dates import days_text, duration_days, spans

ID = "metric-readings"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    if ctx.standing()["status"] == "closed":
        return
    start, end = ctx.window()
    for index, metric in enumerate(ctx.charter.get("metrics", [])):
        readings = [e for e in ctx.events if e.type == "metric" and e.metric == metric["id"]]
        for span in spans([e.day for e in readings], start, end):
            every = _every(ctx.in_force(span.end), metric["id"])
            if every is None or span.days <= duration_days(every):
                continue
            location = readings[span.after].location if span.after is not None else ctx.at("metrics", index)
            yield Problem(
                f"No reading of `{metric['id']}` for {days_text(span.days)} ({span.start} to {span.end}); "
                f"the charter expects one every {every}. Record it with "
                f"`govkit log {ctx.team} metric --metric {metric['id']} --value N`.",
                location,
            )


def _every(charter: Mapping[str, Any], metric_id: str) -> str | None:
    return next((m.get("every") for m in charter.get("metrics", []) if m["id"] == metric_id), None)
