"""View-models: plain values the templates place on a page, computed here, never in templates.

Every field a template may use is declared on these dataclasses (the README lists them);
templates run with StrictUndefined, so a misspelt name fails the render instead of
printing nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from govkit.model import Finding, Result
from govkit.render import parts
from govkit.render.parts import Cadence, Metric, Person, Timebox
from govkit.render.sources import TeamSource


@dataclass(frozen=True, slots=True)
class FindingView:
    severity: str  # error | warning | info
    tone: str  # red | amber | info: the colour the severity is shown in
    rule: str
    message: str
    where: str  # file:line:column, or "" when the finding has no place
    waived: bool


@dataclass(frozen=True, slots=True)
class TeamView:
    id: str
    page: str  # the file name of the team's page
    href: str  # the same, ready for a link
    name: str
    status: str  # red | amber | green
    readable: bool  # False: the charter does not load or fails its schema; only findings are shown
    notes: tuple[str, ...] = ()  # problems reading the charter or activity log, in plain words
    findings: tuple[FindingView, ...] = ()
    errors: int = 0  # unwaived findings by severity
    warnings: int = 0
    charter_status: str = ""  # draft | active | closed
    policy: str = ""
    purpose: str = ""
    capabilities: tuple[parts.Capability, ...] = ()
    timebox: Timebox | None = None
    leads: tuple[Person, ...] = ()
    members: tuple[Person, ...] = ()
    repos: tuple[parts.Repo, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    metrics: tuple[Metric, ...] = ()
    adoption: Metric | None = None  # the first adoption metric with a target
    exemptions: tuple[parts.Exemption, ...] = ()
    decisions_team: tuple[str, ...] = ()
    decisions_escalate: tuple[str, ...] = ()
    escalation: parts.Escalation | None = None
    exit_criteria: tuple[str, ...] = ()
    waivers: tuple[parts.Waiver, ...] = ()
    recent_events: tuple[parts.EventView, ...] = ()


@dataclass(frozen=True, slots=True)
class PortfolioView:
    teams: tuple[TeamView, ...]
    red: int
    amber: int
    green: int


def page_name(team: str, extension: str) -> str:
    """The team's page beside index.<ext>; a team called `index` must not replace the portfolio."""
    stem = "index.team" if team == "index" else team
    return f"{stem}.{extension}"


def team_view(
    source: TeamSource, result: Result, as_of: dt.date, extension: str, latest_commit: tuple[str, str] | None = None
) -> TeamView:
    status = next((t.status for t in result.teams if t.team == source.team), "green")
    found = [f for f in result.findings if f.team == source.team]
    page = page_name(source.team, extension)
    common: dict[str, Any] = {
        "id": source.team,
        "page": page,
        "href": quote(page),
        "notes": tuple(source.problems),
        "findings": tuple(_finding_view(f) for f in _by_severity(found)),
        "errors": sum(1 for f in found if not f.waived and f.severity.label == "error"),
        "warnings": sum(1 for f in found if not f.waived and f.severity.label == "warning"),
    }
    charter = source.charter
    if charter is None:
        # Unreadable charters are red whatever was found: leadership must not see them as fine.
        return TeamView(name=source.name or source.team, status="red", readable=False, **common)
    tracked = charter["status"] == "active"
    timebox = parts.timebox_view(charter["timebox"], as_of)
    start = parts.parse_day(charter["timebox"]["start"])
    events = [e for e in source.events if e.day <= as_of]
    metrics = tuple(parts.metric_view(m, events, as_of, start, tracked) for m in charter.get("metrics", []))
    members = tuple(parts.person(m, charter["leads"]) for m in charter["members"])
    return TeamView(
        name=charter["name"],
        status=status,
        readable=True,
        charter_status=charter["status"],
        policy=charter["policy"],
        purpose=charter["purpose"],
        capabilities=parts.capabilities(charter["capability"]),
        timebox=timebox,
        leads=parts.leads(charter["leads"], members),
        members=members,
        repos=tuple(parts.repo_view(r) for r in charter.get("repos", [])),
        cadences=tuple(
            parts.cadence_view(kind, agreed, events, as_of, start, charter["status"], latest_commit)
            for kind, agreed in charter.get("cadences", {}).items()
        ),
        metrics=metrics,
        adoption=next((m for m in metrics if m.kind == "adoption" and m.target is not None), None),
        exemptions=tuple(parts.Exemption(e["process"], e["replaced_by"]) for e in charter.get("exemptions", [])),
        decisions_team=tuple(charter.get("decisions", {}).get("team", [])),
        decisions_escalate=tuple(charter.get("decisions", {}).get("escalate", [])),
        escalation=parts.escalation_view(charter.get("escalation"), events, as_of),
        exit_criteria=tuple(charter.get("exit_criteria", [])),
        waivers=tuple(parts.waiver_view(w, as_of) for w in charter.get("waivers", [])),
        recent_events=tuple(parts.event_view(e) for e in reversed(events[-RECENT:])),
        **common,
    )


RECENT = 10  # events listed under "Recent activity"


def portfolio_view(teams: list[TeamView]) -> PortfolioView:
    def count(status: str) -> int:
        return sum(1 for t in teams if t.status == status)

    return PortfolioView(teams=tuple(teams), red=count("red"), amber=count("amber"), green=count("green"))


def _by_severity(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.waived, -f.severity))


def _finding_view(finding: Finding) -> FindingView:
    return FindingView(
        severity=finding.severity.label,
        tone={"error": "red", "warning": "amber"}.get(finding.severity.label, "info"),
        rule=finding.rule,
        message=finding.message,
        where=str(finding.location) if finding.location else (finding.commit or ""),
        waived=finding.waived,
    )
