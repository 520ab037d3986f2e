"""How long a team went without something it agreed to do: the one reading of gaps.

Demos, customer sessions, retros, releases and metric readings are all paced the same way:
gaps run from the time-box start to the first event, between events, and from the last event
up to the as-of date (or the time-box end); each gap is judged by the interval in force on its
last day. A gap that ended with an event is a past breach; one still running is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from govkit.checks.base import TeamEvidence
from govkit.dates import Gap, spans
from govkit.evidence.charter import Charter, Duration
from govkit.measurements import Cadence
from govkit.measurements import Gap as MeasuredGap


@dataclass(frozen=True, slots=True)
class PacedGap:
    span: Gap
    agreed: Duration | None  # the interval in force on the gap's last day; None: none agreed then
    running: bool  # still running on the as-of date
    over: bool  # longer than agreed

    @property
    def breach_day(self) -> dt.date:
        """The first day the gap was longer than agreed."""
        assert self.agreed is not None
        return self.span.start + dt.timedelta(days=self.agreed.days + 1)

    @property
    def breach_end(self) -> dt.date | None:
        """The day the breach ended (the event that closed the gap, or the time-box end); None while open."""
        return None if self.running else self.span.end


def paced_gaps(
    evidence: TeamEvidence, days: Sequence[dt.date], agreed: Callable[[Charter], Duration | None]
) -> list[PacedGap]:
    """Every gap in the window between sorted `days`, with the interval in force when it ended."""
    start, end = evidence.window()
    as_of = evidence.judged_day
    by_version: dict[int, Duration | None] = {}  # a handful of versions, asked once per gap
    found = []
    for span in spans(days, start, end):
        version = evidence.in_force(span.end)
        key = id(version)
        if key not in by_version:
            by_version[key] = agreed(version)
        limit = by_version[key]
        over = limit is not None and (span.end - span.start).days > limit.days
        found.append(PacedGap(span, limit, not span.closed and span.end >= as_of, over))
    return found


def kept_percent(gaps: Sequence[PacedGap]) -> int | None:
    """The share of days so far within the agreed interval; None before anything could be kept."""
    covered = within = 0
    for gap in gaps:
        days = (gap.span.end - gap.span.start).days
        covered += days
        within += min(days, gap.agreed.days) if gap.over and gap.agreed else days
    return 100 * within // covered if covered else None


def cadence_measure(
    event: str,
    evidence: TeamEvidence,
    gaps: Sequence[PacedGap],
    last: tuple[dt.date, str | None] | None,
) -> Cadence:
    """What a cadence rule publishes: the state on the as-of date, the last event and every gap."""
    as_of = evidence.judged_day
    agreed = evidence.charter.cadence(event)
    if evidence.charter.status == "closed":
        state = "not checked"
    elif as_of < evidence.charter.timebox.start:
        state = "not started"
    elif any(gap.running and gap.over for gap in gaps):
        state = "overdue"
    else:
        state = "on track"
    return Cadence(
        event=event,
        agreed=agreed.text if agreed else None,
        state=state,
        last_day=last[0] if last else None,
        last_what=last[1] if last else None,
        days_since=(as_of - last[0]).days if last else None,
        gaps=tuple(MeasuredGap(g.span.start, g.span.end, g.over, g.running) for g in gaps if g.over),
        kept_percent=kept_percent(gaps) if state != "not started" else None,
    )
