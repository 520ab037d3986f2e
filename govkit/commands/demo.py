"""`govkit demo`: a realistic charter repo with three pilot teams and their team repos.

One team keeps every agreement (green), one slips on warnings (amber: an outsider's commit,
a late retro), one breaks errors (red: a guarded-path change without review, an amendment
signed by one lead, a missed demo). Dates are relative to the day it runs, so the pilots are
always mid-flight.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govkit.errors import GovkitError
from govkit.model import Result, Severity
from govkit.repo import builtin_dir
from govkit.sample import SampleCommit, every, write_history

if TYPE_CHECKING:
    from rich.table import Table

MARKER = ".govkit-demo"
BOTH = ("Approved-by: {business}", "Approved-by: {technology}")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    side: str
    role: str

    @property
    def ident(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True, slots=True)
class PilotSpec:
    team: str
    name: str
    purpose: str
    capability: str
    users: str
    repo: str
    people: tuple[Person, ...]
    skip_demo: bool = False
    late_retro: bool = False
    outsider: bool = False
    unreviewed_guarded: bool = False
    one_lead_amendment: bool = False


PILOTS = (
    PilotSpec(
        "reorder-pilot",
        "One-click Reorder Pilot",
        "Let repeat buyers reorder in one click, and learn to deliver together.",
        "One-click reorder",
        "Repeat B2B buyers in the EU webshop",
        "reorder-service",
        (
            Person("Ana Silva", "ana.silva@example.com", "business", "Product lead"),
            Person("Raj Patel", "raj.patel@example.com", "technology", "Tech lead"),
            Person("Mia Jensen", "mia.jensen@example.com", "business", "Customer success"),
            Person("Tom Becker", "tom.becker@example.com", "technology", "Developer"),
        ),
    ),
    PilotSpec(
        "returns-pilot",
        "Easy Returns Pilot",
        "Let buyers start a return from their phone in under a minute.",
        "Mobile returns",
        "Consumers of the UK store",
        "returns-portal",
        (
            Person("Grace Okafor", "grace.okafor@example.com", "business", "Returns manager"),
            Person("Luis Romero", "luis.romero@example.com", "technology", "Tech lead"),
            Person("Hana Sato", "hana.sato@example.com", "technology", "Developer"),
        ),
        late_retro=True,
        outsider=True,
    ),
    PilotSpec(
        "claims-pilot",
        "Claims Chat Pilot",
        "Let policy holders file a simple claim in a chat, with a person one tap away.",
        "Chat-based claims intake",
        "Home insurance customers",
        "claims-chat",
        (
            Person("Sofia Rossi", "sofia.rossi@example.com", "business", "Claims lead"),
            Person("Ken Adams", "ken.adams@example.com", "technology", "Tech lead"),
            Person("Nora Vik", "nora.vik@example.com", "business", "Claims handler"),
            Person("Ivan Petrov", "ivan.petrov@example.com", "technology", "Developer"),
        ),
        skip_demo=True,
        unreviewed_guarded=True,
        one_lead_amendment=True,
    ),
)

CADENCES = {"demo": 14, "customer-feedback": 14, "retro": 14, "release": 7, "knowledge-share": 30}


def build(target: Path, today: dt.date) -> Path:
    """Write the sample charter repo and team repos under `target`; return the charter repo."""
    _prepare(target)
    start, end = today - dt.timedelta(days=70), today + dt.timedelta(days=50)
    charters = target / "charters"
    for spec in PILOTS:
        write_history(target / spec.repo, _team_commits(spec, start, today))
    files = {f"policies/{p.name}": p.read_text() for p in sorted(builtin_dir("policies").glob("*.yaml"))}
    files |= {f"teams/{s.team}/charter.yaml": _charter(s, start, end, amended=False) for s in PILOTS}
    history = [
        SampleCommit(start - dt.timedelta(days=10), PILOTS[0].people[0].ident, "Agree the pilot charters", files)
    ]
    for offset, spec in enumerate(PILOTS):
        leads = {"business": spec.people[0].ident, "technology": spec.people[1].ident}
        trailers = tuple(t.format(**leads) for t in (BOTH[:1] if spec.one_lead_amendment else BOTH))
        amended = {f"teams/{spec.team}/charter.yaml": _charter(spec, start, end, amended=True)}
        day = start + dt.timedelta(days=20 + offset)
        history.append(SampleCommit(day, spec.people[1].ident, "Add a second guarded area", amended, trailers))
    logs = {f"teams/{s.team}/activity.yaml": _activity(s, start, today) for s in PILOTS}
    history.append(SampleCommit(today, PILOTS[0].people[0].ident, "Record this week's activity", logs, hour=9))
    write_history(charters, history)
    (target / MARKER).write_text("Built by `govkit demo`; safe to delete.\n")
    return charters


def _prepare(target: Path) -> None:
    """Refuse a folder that holds anything but an earlier demo; clear an earlier demo."""
    if target.exists() and not target.is_dir():
        raise GovkitError(f"{target} is a file; give a folder for the demo.")
    if target.exists() and any(target.iterdir()):
        if not (target / MARKER).exists():
            raise GovkitError(f"{target} is not empty and was not made by `govkit demo`; give an empty or new folder.")
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def _team_commits(spec: PilotSpec, start: dt.date, today: dt.date) -> list[SampleCommit]:
    coders = [p for p in spec.people if p.side == "technology"] + [spec.people[0]]
    commits = [
        SampleCommit(day, coders[i % len(coders)].ident, f"{spec.capability}: step {i + 1}")
        for i, day in enumerate(every(start + dt.timedelta(days=1), today, 2))
    ]
    reviewer = spec.people[1].ident
    guarded = start + dt.timedelta(days=30)
    commits.append(
        SampleCommit(
            guarded,
            spec.people[-1].ident,
            "Tighten token checks",
            {"auth/tokens.py": "STRICT = True\n"},
            (f"Reviewed-by: {reviewer}",),
            hour=15,
        )
    )
    if spec.outsider:
        commits.append(
            SampleCommit(
                today - dt.timedelta(days=9), "Sam Vendor <sam@vendor.example>", "Hotfix label printing", hour=16
            )
        )
    if spec.unreviewed_guarded:
        commits.append(
            SampleCommit(
                today - dt.timedelta(days=5),
                spec.people[-1].ident,
                "Let partners call the chat API without a token",
                {"auth/partners.py": "TOKEN_REQUIRED = False\n"},
                hour=17,
            )
        )
    return sorted(commits, key=lambda c: (c.day, c.hour))


def _activity(spec: PilotSpec, start: dt.date, today: dt.date) -> str:
    events: list[tuple[dt.date, str, str]] = []
    for kind, cadence in CADENCES.items():
        if kind == "release":
            continue
        step = cadence - 3
        days = every(start + dt.timedelta(days=step), today, step)
        if kind == "demo" and spec.skip_demo:
            days = [d for d in days if not today - dt.timedelta(days=32) < d < today - dt.timedelta(days=12)]
        if kind == "retro" and spec.late_retro:
            days = [d for d in days if d < today - dt.timedelta(days=20)]
        events += [(day, kind, f"    summary: {_SUMMARY[kind]}\n    by: {spec.people[0].email}\n") for day in days]
    for index, day in enumerate(every(start + dt.timedelta(days=6), today, 7)):
        events.append(
            (
                day,
                "metric",
                f"    metric: adoption\n    value: {12 + index * (17 if spec.team != 'claims-pilot' else 4)}\n",
            )
        )
    opened = start + dt.timedelta(days=25)
    events.append((opened, "escalation", f"    ref: esc-1\n    summary: {_SUMMARY['escalation']}\n"))
    events.append((opened + dt.timedelta(days=3), "escalation-resolved", "    ref: esc-1\n"))
    lines = [f"  - date: {day}\n    type: {kind}\n{extra}" for day, kind, extra in sorted(events, key=lambda e: e[0])]
    return (
        f"# What {spec.name} did, oldest first. Append with `govkit log {spec.team} TYPE`.\ngovkit: 1\nevents:\n"
        + "".join(lines)
    )


_SUMMARY = {
    "demo": "Sprint demo to users and stakeholders",
    "customer-feedback": "Session with five users on the latest build",
    "retro": "Team retrospective",
    "knowledge-share": "Job shadowing between business and IT",
    "escalation": "Need a decision on data retention",
}


def _charter(spec: PilotSpec, start: dt.date, end: dt.date, *, amended: bool) -> str:
    members = "".join(
        f"  - name: {p.name}\n    email: {p.email}\n    side: {p.side}\n    role: {p.role}\n    allocation: 100\n"
        for p in spec.people
    )
    paths = '["auth/**", "infra/**"]' if amended else '["auth/**"]'
    cadences = "".join(f"  {kind}: {days}d\n" for kind, days in CADENCES.items())
    return f"""# yaml-language-server: $schema=https://schemas.govkit.dev/v1/charter.json
govkit: 1
team: {spec.team}
name: {spec.name}
status: active
policy: firewalled-pilot@1
purpose: {spec.purpose}
capability:
  name: {spec.capability}
  criticality: important
  users: {spec.users}
timebox:
  start: {start}
  end: {end}
leads:
  business: {spec.people[0].email}
  technology: {spec.people[1].email}
members:
{members}repos:
  - name: {spec.repo}
    path: ../{spec.repo}
    guarded:
      - area: security
        owner: it-security@example.com
        paths: {paths}
cadences:
{cadences}metrics:
  - id: adoption
    kind: adoption
    description: Weekly active users of the new capability
    target: 200
    unit: users
    every: 7d
exemptions:
  - process: Change Advisory Board
    replaced_by: The tech lead approves each release; the CAB chair attends every demo
decisions:
  team: [backlog, user interface, release timing]
  escalate: [budget, data retention, vendor contracts]
escalation:
  contact: cio-office@example.com
  respond_within: 5d
exit_criteria:
  - 200 weekly active users by the end of the time box
"""


def summary_table(result: Result) -> Table:
    """A rich table: each team's status and counts, for the demo's closing screen."""
    from rich.table import Table

    table = Table(title=f"govkit check as of {result.as_of}")
    for column in ("team", "status", "errors", "warnings", "waived"):
        table.add_column(column)
    colour = {"red": "bold red", "amber": "yellow", "green": "green"}
    for team in result.teams:
        mine = [f for f in result.findings if f.team == team.team]
        errors = sum(1 for f in mine if not f.waived and f.severity is Severity.ERROR)
        warnings = sum(1 for f in mine if not f.waived and f.severity is Severity.WARNING)
        waived = sum(1 for f in mine if f.waived)
        table.add_row(team.team, f"[{colour[team.status]}]{team.status}[/]", str(errors), str(warnings), str(waived))
    return table
