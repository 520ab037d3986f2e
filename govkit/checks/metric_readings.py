"""metric-readings: every metric is read at least as often as its `every`.

Passes (every 7d): readings of `weekly-reorderers` each week of the time box.
Fails: no reading for 20 days. Gaps count like cadences: from the time-box start, between
readings and up to the as-of date. A closed charter is no longer checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.checks.pacing import PacedGap, paced_gaps
from govkit.dates import days_text
from govkit.evidence.charter import Charter, Duration, Metric
from govkit.measurements import Metric as MetricMeasure
from govkit.measurements import Reading

ID = "metric-readings"
EVIDENCE = frozenset({CHARTER, ACTIVITY})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    for metric in charter.metrics:
        readings = [e for e in evidence.events_of("metric") if e.metric == metric.id and e.value is not None]
        gaps = paced_gaps(evidence, [e.day for e in readings], _every(metric.id))
        yield _measure(
            evidence, metric, [Reading(e.day, float(e.value)) for e in readings if e.value is not None], gaps
        )
        if charter.status == "closed":
            continue
        for gap in gaps:
            if not gap.over:
                continue
            span = gap.span
            location = readings[span.after].location if span.after is not None else evidence.at("metrics", metric.index)
            yield Problem(
                f"No reading of `{metric.id}` for {days_text(span.days)} ({span.start} to {span.end}); "
                f"the charter expects one every {gap.agreed}. Record it with "
                f"`govkit log {evidence.team} metric --metric {metric.id} --value N`.",
                location,
                day=gap.breach_day,
                until=gap.breach_end,
            )


def _every(metric_id: str) -> Callable[[Charter], Duration | None]:
    """The reading interval a version of the charter agrees for this metric."""

    def every(charter: Charter) -> Duration | None:
        found = charter.metric(metric_id)
        return found.every if found else None

    return every


def _measure(
    evidence: TeamEvidence, metric: Metric, readings: list[Reading], gaps: Sequence[PacedGap]
) -> MetricMeasure:
    latest = readings[-1] if readings else None
    percent = round(100 * latest.value / metric.target) if latest and metric.target else None
    return MetricMeasure(
        id=metric.id,
        kind=metric.kind,
        description=metric.description,
        unit=metric.unit,
        target=metric.target,
        every=metric.every.text if metric.every else None,
        readings=tuple(readings),
        percent=percent,
        days_since=(evidence.judged_day - latest.day).days if latest else None,
        overdue=evidence.charter.status == "active" and any(gap.running and gap.over for gap in gaps),
    )
