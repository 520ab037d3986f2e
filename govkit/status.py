"""A team's status: is this pilot on track now?

`red` with an open, unwaived error; `amber` with an open, unwaived warning, or with an error
that ended within the policy's `recovery` window; `green` otherwise. A past breach stays in the
findings (and on the team's page), but one slip in October does not keep a team red for the rest
of its pilot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from govkit.model import Finding, Severity, TeamStatus


def team_status(
    team: str, findings: Sequence[Finding], as_of: dt.date, recovery_days: int, charter_status: str | None
) -> TeamStatus:
    live = [f for f in findings if not f.waived and f.severity >= Severity.WARNING]
    errors = [f for f in live if f.open and f.severity is Severity.ERROR]
    if errors:
        return TeamStatus(team, "red", headline(errors[0]))
    warnings = [f for f in live if f.open]
    if warnings:
        return TeamStatus(team, "amber", headline(warnings[0]))
    since = (as_of - dt.timedelta(days=recovery_days)).isoformat()
    recent = [f for f in live if f.severity is Severity.ERROR and f.until is not None and f.until >= since]
    if recent:
        last = max(recent, key=lambda f: f.until or "")
        return TeamStatus(team, "amber", f"Recovering since {last.until}: {headline(last)}")
    calm = {"draft": "A draft: its activity is not checked yet", "closed": "Closed"}
    return TeamStatus(team, "green", calm.get(charter_status or "", "Keeping its agreements"))


def headline(finding: Finding) -> str:
    """A finding's first clause, for a one-line reason: `No demo for 23 days (2026-10-01 to 2026-10-24)`."""
    text = finding.message.replace("`", "")  # plain words: a reason is read by people, not typed
    cut = min((i for i in (text.find("; "), text.find(". ")) if i > 0), default=len(text))
    return text[:cut].rstrip(".")
