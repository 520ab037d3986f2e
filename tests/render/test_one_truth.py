"""Every state a page shows is what `govkit check --format json` says for the same team and date.

The pages mark their states (`data-status`, `data-state`, `data-overdue`, `data-late`,
`data-percent`, and each week's `data-day`/`data-status`); these tests read them back and hold
them against `check` (and `review`) run the way users run them.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govkit.commands.check import run_check
from govkit.repo import CharterRepo
from tests.conftest import govkit
from tests.generated import generated_repo
from tests.render.pages import parse


class States(HTMLParser):
    """The data-* attributes of every element of a page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marked: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {name[5:]: value or "" for name, value in attrs if name.startswith("data-")}
        if data:
            self.marked.append(data)


def states(path: Path) -> list[dict[str, str]]:
    parser = States()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.marked


def check_json(root: Path, as_of: dt.date) -> dict:
    run = govkit("check", "--root", str(root), "--as-of", as_of.isoformat(), "--format", "json", "--fail-on", "never")
    assert run.exit_code == 0, run.stderr
    return run.json()


def assert_pages_agree_with_check(root: Path, as_of: dt.date, shards: int = 0) -> int:
    """Render, check and review as of `as_of`, and compare every state on every page; how many were compared.

    With `shards`, the pages are rendered from the merged results of `check --shard K/shards`, as CI does."""
    site = root.parent / "site-for-one-truth"
    render = ["render", "--root", str(root), "--out", str(site)]
    if shards:
        for index in range(1, shards + 1):
            part = govkit(
                "check",
                "--root",
                str(root),
                "--as-of",
                as_of.isoformat(),
                "--shard",
                f"{index}/{shards}",
                "--format",
                "json",
                "--fail-on",
                "never",
            )
            assert part.exit_code == 0, part.stderr
            (root.parent / f"part-{index}.json").write_text(part.stdout, encoding="utf-8")
            render.append(f"--from={root.parent / f'part-{index}.json'}")
    run = govkit(*render) if shards else govkit(*render, "--as-of", as_of.isoformat())
    assert run.exit_code == 0, run.stderr
    checked = check_json(root, as_of)
    teams = {t["team"]: t for t in checked["teams"]}
    still_open = [f for f in checked["findings"] if f["open"]]
    compared = 0
    for row in (s for s in states(site / "index.html") if "team" in s):
        assert row["status"] == teams[row["team"]]["status"], row
        compared += 1
    for team, judged in teams.items():
        marked = states(site / f"{team}.html")
        header = next(s for s in marked if set(s) == {"status", "reason"})
        assert (header["status"], header["reason"]) == (judged["status"], judged["reason"])
        mine = [f for f in still_open if f["team"] == team]
        for cadence in (s for s in marked if "cadence" in s):
            rule = f"{cadence['cadence']}-cadence"
            assert (cadence["state"] == "overdue") == any(f["rule"] == rule for f in mine), (team, cadence)
            compared += 1
        for metric in (s for s in marked if "metric" in s):
            late = any(f["rule"] == "metric-readings" and f"`{metric['metric']}`" in f["message"] for f in mine)
            assert (metric["overdue"] == "yes") == late, (team, metric)
            compared += 1
        for escalation in (s for s in marked if "escalation" in s):
            late = any(
                f["rule"] == "escalation-response" and f"`{escalation['escalation']}`" in f["message"] for f in mine
            )
            assert (escalation["late"] == "yes") == late, (team, escalation)
            compared += 1
        percent = next((s["percent"] for s in marked if "percent" in s), None)
        if percent:
            review = govkit("review", team, "--root", str(root), "--as-of", as_of.isoformat(), "--format", "json")
            assert review.exit_code == 0, review.stderr
            assert int(percent) == review.json()["elapsed_percent"]
            assert review.json()["health"] == judged["status"] and review.json()["reason"] == judged["reason"]
            compared += 1
        for week in (s for s in marked if "day" in s):
            then = run_check(CharterRepo(root), [team], dt.date.fromisoformat(week["day"]), dt.date.today())
            assert week["status"] == then.status_of(team).status, (team, week)
            compared += 1
    return compared


def test_the_demo_pages_say_what_check_says(tmp_path):
    run = govkit("demo", str(tmp_path / "demo"))
    assert run.exit_code == 0, run.stderr
    assert assert_pages_agree_with_check(tmp_path / "demo" / "charters", dt.date.today()) > 30


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_pages_say_what_check_says(tmp_path, seed):
    as_of = dt.date(2026, 11, 20)
    root = generated_repo(tmp_path, seed, as_of)
    assert assert_pages_agree_with_check(root, as_of) > 20


def test_pages_rendered_from_merged_shards_say_what_check_says(tmp_path):
    as_of = dt.date(2026, 11, 20)
    root = generated_repo(tmp_path, 11, as_of)
    assert assert_pages_agree_with_check(root, as_of, shards=3) > 20


def test_a_cadence_is_overdue_on_the_page_while_check_reports_the_gap(tmp_path):
    from tests.pilot import healthy

    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-10-05", "demo"))  # no demo since 2026-09-22: 23 days on 10-15
    pilot.write()
    assert assert_pages_agree_with_check(pilot.charters.root, dt.date(2026, 10, 15)) > 10
    site = pilot.charters.root.parent / "site-for-one-truth"
    [demo] = [s for s in states(site / "reorder-pilot.html") if s.get("cadence") == "demo"]
    assert demo["state"] == "overdue"


def test_a_time_box_that_has_not_started_shows_nothing_gone_and_no_adherence(tmp_path):
    from tests.conftest import HEALTHY_CHARTER, Repo

    repo = Repo(tmp_path / "charters")
    repo.charter(HEALTHY_CHARTER)
    run = govkit("render", "--root", str(repo.root), "--out", str(tmp_path / "site"), "--as-of", "2026-08-25")
    assert run.exit_code == 0, run.stderr
    words = parse(tmp_path / "site" / "reorder-pilot.html").words
    assert "starts in 7 days, lasts 108 days" in words and "97 left" not in words
    assert "kept" not in words and "demo 14d none yet Not started" in words
    review = govkit("review", "reorder-pilot", "--root", str(repo.root), "--as-of", "2026-08-25", "--format", "json")
    assert set(review.json()["adherence"].values()) == {None}


def test_the_page_and_the_review_give_one_share_of_the_time_box(tmp_path):
    from tests.conftest import HEALTHY_CHARTER, Repo

    repo = Repo(tmp_path / "charters")
    repo.charter(HEALTHY_CHARTER)
    # 2026-09-01 to 2026-12-18 is 108 days; on 2026-12-03, 93 are gone: 86.1%, which rounds to 86 and not 87
    as_of = "2026-12-03"
    assert govkit("render", "--root", str(repo.root), "--out", str(tmp_path / "site"), "--as-of", as_of).exit_code == 0
    [percent] = [s["percent"] for s in states(tmp_path / "site" / "reorder-pilot.html") if "percent" in s]
    review = govkit("review", "reorder-pilot", "--root", str(repo.root), "--as-of", as_of, "--format", "json")
    assert int(percent) == review.json()["elapsed_percent"] == 86


def test_the_portfolio_lists_what_needs_a_decision_for_every_team(tmp_path):
    from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, Repo

    repo = Repo(tmp_path / "charters")
    as_of = "2026-12-05"  # the healthy charter's time box ends on 2026-12-18: 13 days left
    ending = HEALTHY_CHARTER + (
        "waivers:\n  - rule: retro-cadence\n    reason: Holidays\n"
        "    approved_by: [ana.silva@example.com, raj.patel@example.com]\n    expires: 2026-12-01\n"
    )
    repo.charter(ending)
    repo.activity(HEALTHY_ACTIVITY.replace("    type: escalation-resolved\n    ref: esc-1\n", "    type: other\n"))
    past = (
        HEALTHY_CHARTER.replace("team: reorder-pilot", "team: past-pilot")
        .replace("name: One-click Reorder Pilot", "name: Past Pilot")
        .replace("end: 2026-12-18", "end: 2026-11-20")
    )
    repo.charter(past, team="past-pilot")
    site = tmp_path / "site"
    assert govkit("render", "--root", str(repo.root), "--out", str(site), "--as-of", as_of).exit_code == 0
    words = parse(site / "index.html").words
    decide = words[words.index("Needs a decision now") : words.index("On track?")]
    assert "One-click Reorder Pilot : Its time box ends on 2026-12-18, in 13 days" in decide
    assert "One-click Reorder Pilot : Escalation esc-1 has waited 64 days for an answer (promised within 5d)" in decide
    assert "One-click Reorder Pilot : The waiver of retro-cadence expired on 2026-12-01" in decide
    assert "Past Pilot : Past its time box since 2026-11-20 and still active: close it or extend it" in decide
    # and each team's own page says the same, above its charter
    assert "Past its time box since 2026-11-20" in parse(site / "past-pilot.html").words
