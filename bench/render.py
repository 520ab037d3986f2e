"""The render benchmark: a portfolio with every team's week-by-week history, against one `check`.

`govkit render` judges each team as `govkit check` does and, for its weekly row, once more for
every week of the time box (as `check --as-of` would), from one read of its files and history.
This times `govkit render --root R --out SITE --as-of DAY` on a generated charter repo of
--teams teams (default 500) with --events events each (default 2,000), against
`govkit check --root R --as-of DAY --format json` on the same repo. Target: render within 2x.
Best of --repeat runs each, taken in turns. The repo is generated once into bench/.work/ and
kept until its parameters change. Exits 1 when the target is missed; with --update-readme the
figures replace the block between the `render` markers in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import WORK, Row, fail, markdown_table, text_table, tool, update_readme

START, END, AS_OF = dt.date(2026, 3, 2), dt.date(2026, 8, 28), dt.date(2026, 8, 20)
TARGET = 2.0
KINDS = ["demo", "customer-feedback", "retro", "release", "knowledge-share", "decision", "other", "metric"]


def charter(team: str) -> str:
    return f"""govkit: 1
team: {team}
name: Pilot {team}
status: active
policy: firewalled-pilot@1
purpose: Deliver one new capability and learn to deliver together.
capability: {{name: Something new, criticality: important, users: Customers}}
timebox: {{start: {START}, end: {END}}}
leads: {{business: ana@example.com, technology: raj@example.com}}
members:
  - {{name: Ana, email: ana@example.com, side: business, role: Lead, allocation: 100}}
  - {{name: Raj, email: raj@example.com, side: technology, role: Lead, allocation: 100}}
  - {{name: Tom, email: tom@example.com, side: technology, role: Developer, allocation: 100}}
cadences: {{demo: 14d, customer-feedback: 14d, retro: 14d, release: 7d, knowledge-share: 30d}}
metrics:
  - {{id: weekly-users, kind: adoption, description: Weekly users, target: 5000, unit: users, every: 7d}}
exemptions:
  - {{process: Change Advisory Board, replaced_by: The tech lead approves each release}}
decisions: {{team: [backlog], escalate: [budget]}}
escalation: {{contact: cio@example.com, respond_within: 5d}}
exit_criteria: [5000 weekly users]
"""


def activity(rng: random.Random, count: int) -> str:
    days = (AS_OF - START).days + 1
    lines = ["govkit: 1", "events:"]
    users = 0
    for index in range(count):
        day = START + dt.timedelta(days=index * days // count)
        kind = KINDS[rng.randrange(len(KINDS))]
        lines += [f"  - date: {day}", f"    type: {kind}"]
        if kind == "metric":
            users += rng.randint(0, 5)
            lines += ["    metric: weekly-users", f"    value: {users}"]
        else:
            lines.append(f"    summary: Event {index} of the pilot")
    return "\n".join(lines) + "\n"


def build(root: Path, teams: int, events: int) -> None:
    stamp = root / ".built"
    wanted = f"{teams} {events}\n"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(5)
    for number in range(teams):
        folder = root / "teams" / f"pilot-{number:03d}"
        folder.mkdir(parents=True)
        (folder / "charter.yaml").write_text(charter(folder.name))
        (folder / "activity.yaml").write_text(activity(rng, events))
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "The charters"]):
        env = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
        env |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com", "PATH": "/usr/bin:/bin"}
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
    stamp.write_text(wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-readme", action="store_true")
    options = parser.parse_args()
    root = WORK / f"render-{options.teams}x{options.events}"
    build(root, options.teams, options.events)
    govkit = tool("govkit")
    site = WORK / "render-site"
    check = [
        govkit,
        "check",
        "--root",
        str(root),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]
    render = [govkit, "render", "--root", str(root), "--out", str(site), "--as-of", AS_OF.isoformat()]
    times: dict[str, list[float]] = {"check": [], "render": []}
    for _ in range(options.repeat):
        for name, command in (("check", check), ("render", render)):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False)
            times[name].append(time.perf_counter() - started)
            if done.returncode != 0:
                fail(f"`govkit {name}` failed with exit {done.returncode}: {done.stderr.decode()[:500]}")
    weeks = len(list((site).glob("*.html"))) - 1
    if weeks != options.teams:
        fail(f"render wrote {weeks} team pages for {options.teams} teams")
    rows = [
        Row(
            f"`govkit render`, {options.teams} teams x {options.events:,} events, weekly history",
            min(times["render"]),
            "govkit check",
            min(times["check"]),
            TARGET,
        )
    ]
    print(text_table(rows))
    if options.update_readme:
        head = (
            f"{dt.date.today()}: {options.teams} teams, {options.events:,} events each, 2 cores, "
            f"Python {platform.python_version()}. Best of {options.repeat} runs, taken in turns."
        )
        update_readme("render", head + "\n\n" + markdown_table(rows))
    if any(row.verdict == "FAIL" for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
