"""Generated charter repos: teams with random time boxes, events, escalations, waivers, commits and
amendments (approved or not), each a real charter repo in git beside real team repos."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from govkit.sample import SampleCommit, write_history
from tests.gitrepo import GitRepo

MEMBERS = [
    ("Ana Silva", "ana.silva@example.com", "business"),
    ("Raj Patel", "raj.patel@example.com", "technology"),
    ("Tom Becker", "tom.becker@example.com", "technology"),
    ("Mia Jensen", "mia.jensen@example.com", "business"),
]
LEADS = ["Approved-by: Ana Silva <ana.silva@example.com>", "Approved-by: Raj Patel <raj.patel@example.com>"]
EVENTS = ("demo", "customer-feedback", "retro", "release", "knowledge-share")


def charter_text(team: str, rng: random.Random, start: dt.date, status: str, cadence: dict[str, int]) -> str:
    end = start + dt.timedelta(weeks=rng.choice([10, 14, 18]))
    members = "".join(
        f"  - name: {name}\n    email: {email}\n    side: {side}\n    role: Member\n    allocation: 100\n"
        for name, email, side in MEMBERS
    )
    waiver = ""
    if rng.random() < 0.5:
        expires = start + dt.timedelta(days=rng.randint(10, 80))
        waiver = (
            f"waivers:\n  - rule: {rng.choice(['retro-cadence', 'knowledge-share-cadence', 'demo-cadence'])}\n"
            f"    reason: Busy weeks\n    approved_by: [ana.silva@example.com, raj.patel@example.com]\n"
            f"    expires: {expires}\n"
        )
    cadences = "".join(f"  {kind}: {days}d\n" for kind, days in cadence.items())
    return (
        f"govkit: 1\nteam: {team}\nname: Pilot {team}\nstatus: {status}\npolicy: firewalled-pilot@1\n"
        f"purpose: Learn to deliver together.\ncapability:\n  name: Something new\n  criticality: important\n"
        f"timebox:\n  start: {start}\n  end: {end}\n"
        f"leads:\n  business: ana.silva@example.com\n  technology: raj.patel@example.com\n"
        f"members:\n{members}"
        f"repos:\n  - name: {team}-service\n    path: ../{team}-service\n    guarded:\n"
        f'      - area: security\n        owner: it-security@example.com\n        paths: ["auth/**"]\n'
        f"cadences:\n{cadences}"
        f"metrics:\n  - id: weekly-users\n    kind: adoption\n    description: Weekly users\n    target: 100\n"
        f"    every: 7d\n"
        f"exemptions:\n  - process: Change Advisory Board\n    replaced_by: The tech lead approves releases\n"
        f"decisions:\n  team: [backlog]\n  escalate: [budget]\n"
        f"escalation:\n  contact: cio-office@example.com\n  respond_within: 5d\n"
        f"exit_criteria:\n  - 100 weekly users\n{waiver}"
    )


def activity_text(rng: random.Random, start: dt.date, as_of: dt.date) -> str:
    lines = ["govkit: 1", "events:"]
    day, users, refs = start - dt.timedelta(days=3), 0, 0
    while day <= as_of:
        for kind in EVENTS:
            if rng.random() < 0.09:
                lines += [f"  - date: {day}", f"    type: {kind}", f"    summary: A {kind}"]
        if rng.random() < 0.14:
            users += rng.randint(0, 12)
            lines += [f"  - date: {day}", "    type: metric", "    metric: weekly-users", f"    value: {users}"]
        if rng.random() < 0.03:
            refs += 1
            lines += [f"  - date: {day}", "    type: escalation", f"    ref: esc-{refs}", "    summary: A question"]
            answered = day + dt.timedelta(days=rng.randint(1, 12))
            if answered <= as_of and rng.random() < 0.8:
                resolved = [f"  - date: {answered}", "    type: escalation-resolved", f"    ref: esc-{refs}"]
                lines += resolved
        day += dt.timedelta(days=1)
    return _sorted_events(lines)


def _sorted_events(lines: list[str]) -> str:
    """Events in date order, as people append them."""
    head, body = lines[:2], lines[2:]
    events, current = [], []
    for line in body:
        if line.startswith("  - ") and current:
            events.append(current)
            current = []
        current.append(line)
    if current:
        events.append(current)
    events.sort(key=lambda event: event[0])
    return "\n".join(head + [line for event in events for line in event]) + ("\n" if events else " []\n")


def team_commits(rng: random.Random, start: dt.date, as_of: dt.date) -> list[SampleCommit]:
    commits, day = [], start - dt.timedelta(days=5)
    while day <= as_of:
        if rng.random() < 0.3:
            author = rng.choice([*(f"{n} <{e}>" for n, e, _ in MEMBERS), "Eve Outside <eve@example.org>"])
            guarded = rng.random() < 0.1
            files = {"auth/login.py": f"{day}"} if guarded else {f"src/{day}.py": "x"}
            trailers = ("Reviewed-by: Raj Patel <raj.patel@example.com>",) if guarded and rng.random() < 0.5 else ()
            commits.append(SampleCommit(day, author, f"Work of {day}", files, trailers))
        day += dt.timedelta(days=1)
    return commits


def generated_repo(tmp_path: Path, seed: int, as_of: dt.date, teams: int = 4) -> Path:
    """A charter repo in git with `teams` generated pilots, their team repos beside it."""
    rng = random.Random(seed)
    root = tmp_path / "charters"
    charters = GitRepo(root)
    first_day = as_of - dt.timedelta(weeks=16)
    for number in range(teams):
        team = f"pilot-{number}"
        start = as_of - dt.timedelta(days=rng.randint(-10, 110))  # some not started yet
        status = "draft" if number == teams - 1 else "active"
        cadence = {kind: rng.choice([7, 14, 21]) for kind in EVENTS}
        folder = root / "teams" / team
        folder.mkdir(parents=True)
        (folder / "charter.yaml").write_text(charter_text(team, rng, start, status, cadence), encoding="utf-8")
        (folder / "activity.yaml").write_text(activity_text(rng, start, as_of), encoding="utf-8")
        write_history(tmp_path / f"{team}-service", team_commits(rng, start, as_of))
    charters.commit(first_day.isoformat(), {}, message="The first charters")
    amended = sorted((as_of - dt.timedelta(days=rng.randint(5, 60)), number) for number in range(teams - 1))
    for day, number in amended:
        path = root / "teams" / f"pilot-{number}" / "charter.yaml"
        days = rng.choice([10, 14, 21, 28])
        path.write_text(re.sub(r"(?m)^  demo: \d+d$", f"  demo: {days}d", path.read_text(encoding="utf-8")))
        approved = LEADS if rng.random() < 0.6 else LEADS[:1]
        charters.commit(day.isoformat(), {}, message=f"Demo cadence of pilot-{number}", trailers=approved)
    return root
