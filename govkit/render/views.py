"""View-models: plain values the templates place on a page, shaped here, never in templates.

Every field a template may use is declared on these dataclasses (the README lists them);
templates run with StrictUndefined, so a misspelt name fails the render instead of printing
nothing. Every status, reason and state comes from `govkit check`'s judgement for the same
date (govkit.engine.TeamResult): views shape it, they never judge.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from govkit import measurements as measured
from govkit.engine import TeamResult
from govkit.evidence.charter import Capability, Exemption, Repo
from govkit.evidence.team import TeamEvidence
from govkit.model import Finding
from govkit.render import parts
from govkit.render.parts import Cadence, Metric, Person, Timebox
from govkit.wording import counted

SOON = 21  # days: a time box ending this soon needs a decision
WAIVER_SOON = 14  # days: a waiver expiring this soon needs a decision
RECENT = 10  # events listed under "Recent activity"


@dataclass(frozen=True, slots=True)
class FindingView:
    severity: str  # error | warning | info
    tone: str  # red | amber | info: the colour the severity is shown in
    rule: str
    text: str  # what happened and what to do, for people: no commands, no code quotes
    how: str  # the commands that do it, for IT ("" when there are none)
    message: str  # the whole message, as `govkit check` words it
    where: str  # file:line:column, or the commit, or "" (for IT: shown apart from the message)
    waived: bool
    when: str  # "since 2026-10-02" while it holds, "2026-09-20 to 2026-10-01" once past, or ""
    open: bool


@dataclass(frozen=True, slots=True)
class Week:
    day: str  # the last day of the week (or the as-of date)
    status: str  # red | amber | green, as `govkit check --as-of day` judges it


@dataclass(frozen=True, slots=True)
class Decision:
    team: str  # the team's id
    name: str
    href: str
    text: str  # what needs deciding, in plain words


@dataclass(frozen=True, slots=True)
class TeamView:
    id: str
    page: str  # the file name of the team's page
    href: str  # the same, ready for a link
    name: str
    status: str  # red | amber | green
    reason: str  # why, in one line of plain words
    readable: bool  # False: the charter does not load or fails its schema; only findings are shown
    notes: tuple[str, ...] = ()  # problems reading the charter or activity log, in plain words
    findings: tuple[FindingView, ...] = ()
    errors: int = 0  # unwaived findings by severity
    warnings: int = 0
    decisions: tuple[Decision, ...] = ()  # what needs a decision now
    weeks: tuple[Week, ...] = ()  # the status week by week over the time box
    charter_status: str = ""  # draft | active | closed
    policy: str = ""
    purpose: str = ""
    capabilities: tuple[Capability, ...] = ()  # as the charter in force says: name, criticality, users, description
    timebox: Timebox | None = None
    leads: tuple[Person, ...] = ()
    members: tuple[Person, ...] = ()
    repos: tuple[Repo, ...] = ()  # name, path, guards (area, owner, paths)
    cadences: tuple[Cadence, ...] = ()
    metrics: tuple[Metric, ...] = ()
    adoption: Metric | None = None  # the first adoption metric with a target
    pace: parts.Pace | None = None
    exemptions: tuple[Exemption, ...] = ()  # process, replaced_by
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
    decisions: tuple[Decision, ...]  # every team's, most urgent kinds first


def page_name(team: str, extension: str) -> str:
    """The team's page beside index.<ext>; a team called `index` must not replace the portfolio."""
    stem = "index.team" if team == "index" else team
    return f"{stem}.{extension}"


def week_days(evidence: TeamEvidence) -> list[dt.date]:
    """The last day of each week of the time box so far, ending with the as-of date."""
    if not evidence.judgeable or evidence.as_of is None or evidence.charter.status == "draft":
        return []
    box = evidence.charter.timebox
    last = min(box.end, evidence.as_of)
    days, day = [], box.start + dt.timedelta(days=6)
    while day < last:
        days.append(day)
        day += dt.timedelta(days=7)
    return [*days, last] if last >= box.start else []


def team_view(
    evidence: TeamEvidence, result: TeamResult, weeks: tuple[tuple[dt.date, str], ...], extension: str
) -> TeamView:
    page = page_name(evidence.team, extension)
    common: dict[str, Any] = {
        "id": evidence.team,
        "page": page,
        "href": quote(page),
        "name": evidence.name,
        "status": result.status.status,
        "reason": result.status.reason,
        "findings": tuple(_finding_view(f, evidence.judged_day) for f in _by_severity(list(result.findings))),
        "errors": sum(1 for f in result.findings if not f.waived and f.severity.label == "error"),
        "warnings": sum(1 for f in result.findings if not f.waived and f.severity.label == "warning"),
        "weeks": tuple(Week(day.isoformat(), status) for day, status in weeks),
    }
    if not evidence.judgeable:
        return TeamView(readable=False, notes=_notes(evidence), **common)
    charter, m = evidence.charter, result.measurements
    members = tuple(parts.person(member, charter) for member in charter.members)
    metrics = tuple(parts.metric_view(metric) for metric in m.all(measured.Metric))
    decisions = tuple(needs_decision(evidence, result, page))
    return TeamView(
        readable=True,
        notes=_notes(evidence),
        decisions=decisions,
        charter_status=charter.status,
        policy=charter.policy,
        purpose=charter.purpose,
        capabilities=charter.capabilities,
        timebox=parts.timebox_view(m.first(measured.Timebox)),
        leads=parts.leads(charter, members),
        members=members,
        repos=charter.repos,
        cadences=parts.cadence_views(charter, m.all(measured.Cadence)),
        metrics=metrics,
        adoption=next((x for x in metrics if x.kind == "adoption" and x.target is not None), None),
        pace=parts.pace_view(m.first(measured.Pace)),
        exemptions=charter.exemptions,
        decisions_team=charter.decisions.team if charter.decisions else (),
        decisions_escalate=charter.decisions.escalate if charter.decisions else (),
        escalation=parts.escalation_view(charter, m.all(measured.Escalation)),
        exit_criteria=charter.exit_criteria,
        waivers=tuple(parts.waiver_view(w) for w in m.all(measured.Waiver)),
        recent_events=tuple(parts.event_view(e) for e in reversed(evidence.events[-RECENT:])),
        **common,
    )


def needs_decision(evidence: TeamEvidence, result: TeamResult, page: str) -> list[Decision]:
    """What leadership must decide about this team now, from what the check measured."""
    texts = []
    m = result.measurements
    box = m.first(measured.Timebox)
    active = evidence.charter.status == "active"
    if box and active and box.state == "ended":
        texts.append(f"Past its time box since {box.end} and still active: close it or extend it.")
    elif box and active and box.state == "in progress" and box.days_left <= SOON:
        texts.append(
            f"Its time box ends on {box.end}, in {counted(box.days_left, 'day')}: extend, close or pass it on."
        )
    for escalation in m.all(measured.Escalation):
        if escalation.late and escalation.resolved is None:
            texts.append(
                f"Escalation {escalation.ref} has waited {counted(escalation.waited_days, 'day')} for an answer "
                f"(promised within {escalation.respond_within})."
            )
    for waiver in m.all(measured.Waiver):
        if waiver.expires_in is not None and waiver.expires_in < 0:
            texts.append(f"The waiver of {waiver.rule} expired on {waiver.expires}: renew it or keep the rule.")
        elif waiver.expires_in is not None and waiver.expires_in <= WAIVER_SOON:
            texts.append(f"The waiver of {waiver.rule} expires on {waiver.expires}: renew it or let it end.")
    return [Decision(evidence.team, evidence.name, quote(page), text) for text in texts]


def portfolio_view(teams: list[TeamView]) -> PortfolioView:
    def count(status: str) -> int:
        return sum(1 for t in teams if t.status == status)

    decisions = tuple(decision for team in teams for decision in team.decisions)
    return PortfolioView(tuple(teams), count("red"), count("amber"), count("green"), decisions)


def _notes(evidence: TeamEvidence) -> tuple[str, ...]:
    """Problems reading the team's files, in plain words; the findings below say what to change."""
    notes = []
    charter_name = f"teams/{evidence.team}/charter.yaml"
    log_name = f"teams/{evidence.team}/activity.yaml"
    for finding in evidence.findings:
        place = finding.location.file if finding.location else ""
        if place == charter_name and not evidence.judgeable and finding.rule in ("file", "yaml"):
            notes.append(f"The charter could not be read: {finding.message} ({finding.location}).")
            break
        if place == charter_name and evidence.current is None:
            notes.append(
                f"The charter {charter_name} does not match its schema, so its sections are not shown; "
                "fix the findings below."
            )
            break
    log_problems = [f for f in evidence.findings if f.location and f.location.file == log_name]
    if not evidence.activity_present:
        notes.append(f"There is no activity log yet ({log_name}): no events are shown.")
    elif log_problems and log_problems[0].rule in ("file", "yaml"):
        notes.append(f"The activity log could not be read: {log_problems[0].message} ({log_problems[0].location}).")
    elif evidence.activity_findings:
        notes.append(
            f"The activity log {log_name} does not match its schema, so none of its events are used and no cadence "
            "or metric is judged from it; fix the findings below."
        )
    if evidence.history is not None and evidence.history.uncommitted:
        notes.append("The charter has changes that are not in force yet: they need both leads' approval.")
    return tuple(notes)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(])")
_COMMAND = re.compile(r"`(?:govkit|git) [^`]*`")
_QUOTED = re.compile(r"`([^`]*)`")


def for_people(message: str) -> tuple[str, str]:
    """A finding's message split for two readers: the sentences a business lead reads (code quotes
    shown as plain words), and the sentences that give a command, which go to IT's detail."""
    sentences = _SENTENCE.split(message)
    commands = [sentence for sentence in sentences if _COMMAND.search(sentence)]
    people = " ".join(_QUOTED.sub(r"\1", sentence) for sentence in sentences if sentence not in commands)
    return people or _QUOTED.sub(r"\1", message), " ".join(commands)


def _by_severity(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.waived, not f.open, -f.severity))


def _finding_view(finding: Finding, as_of: dt.date) -> FindingView:
    if finding.day is None or (finding.open and finding.day == as_of.isoformat()):
        when = ""  # it holds on the date shown, with no earlier beginning to name
    elif finding.until is None:
        when = f"since {finding.day}"
    else:
        when = f"{finding.day} to {finding.until}"
    people, how = for_people(finding.message)
    return FindingView(
        severity=finding.severity.label,
        tone={"error": "red", "warning": "amber"}.get(finding.severity.label, "info"),
        rule=finding.rule,
        text=people,
        how=how,
        message=finding.message,
        where=str(finding.location) if finding.location else (finding.commit or ""),
        waived=finding.waived,
        when=when,
        open=finding.open,
    )
