"""Repos that several teams list: read once per run, and each team judged as if read alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govkit.sample import SampleCommit, write_history
from tests.conftest import HEALTHY_CHARTER, Repo, govkit

AS_OF = "2026-10-15"
MEMBERS = [
    "Ana Silva <ana.silva@example.com>",
    "Raj Patel <raj.patel@example.com>",
    "Tom Becker <tom.becker@example.com>",
]


def charter(team: str, repos: list[str], start: str = "2026-09-01", without_tom: bool = False) -> str:
    """The healthy charter as `team`'s, listing `repos` (`NAME` at ../NAME, or `NAME:FOLDER`; the first guards auth/)."""
    listed = "repos:\n"
    for index, entry in enumerate(repos):
        name, _, folder = entry.partition(":")
        listed += f"  - name: {name}\n    path: ../{folder or name}\n"
        if index == 0:
            listed += '    guarded:\n      - area: security\n        owner: it-security@example.com\n        paths: ["auth/**"]\n'
    text = HEALTHY_CHARTER[: HEALTHY_CHARTER.index("repos:\n")] + listed
    text += HEALTHY_CHARTER[HEALTHY_CHARTER.index("cadences:\n") :]
    text = text.replace("reorder-pilot", team).replace("start: 2026-09-01", f"start: {start}")
    if without_tom:  # Tom's commits are then an outsider's
        text = text.replace("Tom Becker", "Mia Jensen").replace("tom.becker@", "mia.jensen@")
    return text


def history(folder: Path, seed: int) -> None:
    """A team repo with a commit every other day by the team, an outsider now and then, and guarded changes."""
    commits, day = [], dt.date(2026, 8, 20)
    while day <= dt.date(2026, 10, 14):
        number = (day.toordinal() + seed) % 7
        author = "Eve Outside <eve@example.org>" if number == 0 else MEMBERS[number % 3]
        files = {"auth/login.py": str(day)} if number == 3 else {f"src/{day}-{seed}.py": "x"}
        commits.append(SampleCommit(day, author, f"Work of {day}", files))
        day += dt.timedelta(days=2)
    write_history(folder, commits)


def organisation(tmp_path: Path, teams: dict[str, str]) -> Repo:
    """A charter repo with `teams` (id → charter text) and every repo they list, beside it."""
    repo = Repo(tmp_path / "charters")
    for seed, name in enumerate(["shared-ui", "orders", "billing"]):
        history(tmp_path / name, seed)
    for team, text in teams.items():
        repo.charter(text, team=team)
    return repo


def team_json(repo: Repo, *teams: str) -> dict[str, str]:
    """Each team's findings and status, as `check --format json` gives them, one JSON text per team."""
    run = govkit("check", *teams, "--root", str(repo.root), "--as-of", AS_OF, "--format", "json", "--fail-on", "never")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    return {
        team["team"]: json.dumps([team, [f for f in data["findings"] if f["team"] == team["team"]]])
        for team in data["teams"]
    }


def git_logs(trace: Path) -> list[str]:
    """The team-repo `git log` runs that git traced (the charter repo's own log ends with `--`: it lists files)."""
    lines = trace.read_text().split("\n")
    return [line for line in lines if "built-in: git log" in line and not line.rstrip().endswith(" --")]


def test_a_repo_that_several_teams_list_is_read_once(tmp_path, monkeypatch):
    repo = organisation(
        tmp_path,
        {
            "ui-pilot": charter("ui-pilot", ["shared-ui", "orders"]),
            "pay-pilot": charter("pay-pilot", ["shared-ui", "billing"], start="2026-10-01"),
        },
    )
    trace = tmp_path / "git-trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    judged = team_json(repo)
    assert len(git_logs(trace)) == 3  # shared-ui, orders, billing: one `git log` each
    assert set(judged) == {"ui-pilot", "pay-pilot"}


def test_each_team_sharing_a_repo_is_judged_as_if_it_were_checked_alone(tmp_path):
    teams = {
        "ui-pilot": charter("ui-pilot", ["shared-ui", "orders"]),
        # a later time box and another roster: the shared history judged by its own window and members
        "pay-pilot": charter("pay-pilot", ["shared-ui", "billing"], start="2026-10-01", without_tom=True),
        # the shared repos in the other order, and one repo listed twice: each still sees its own order
        "ops-pilot": charter("ops-pilot", ["orders", "shared-ui"], without_tom=True),
        "twice-pilot": charter("twice-pilot", ["billing", "billing-again:billing"]),
    }
    repo = organisation(tmp_path, teams)
    together = team_json(repo)
    for team in teams:
        assert together[team] == team_json(repo, team)[team], team
    roster = {
        team: [f for f in json.loads(text)[1] if f["rule"] == "roster-authors"] for team, text in together.items()
    }
    assert "Tom Becker" not in json.dumps(roster["ui-pilot"]) and "Tom Becker" in json.dumps(roster["pay-pilot"])
    assert len(roster["twice-pilot"]) == 2  # the repo listed twice is named at each of its two entries


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_teams_that_share_a_repo_get_the_same_judgement_with_any_number_of_jobs(tmp_path, jobs):
    repo = organisation(
        tmp_path,
        {
            "ui-pilot": charter("ui-pilot", ["shared-ui", "orders"]),
            "pay-pilot": charter("pay-pilot", ["shared-ui"], without_tom=True),
            "billing-pilot": charter("billing-pilot", ["billing"]),
        },
    )
    alone = {team: team_json(repo, team)[team] for team in ("ui-pilot", "pay-pilot", "billing-pilot")}
    run = govkit("check", "--root", str(repo.root), "--as-of", AS_OF, "--format", "json", "--jobs", jobs)
    data = run.json()
    assert {
        team["team"]: json.dumps([team, [f for f in data["findings"] if f["team"] == team["team"]]])
        for team in data["teams"]
    } == alone
