"""A team member cannot flood the roster warnings, and one team's bad values stop only that team."""

from __future__ import annotations

from tests.conftest import govkit, statuses
from tests.pilot import healthy

SAM = "Sam Vendor <sam@vendor.example>"


def test_forty_commits_by_one_outsider_are_one_readable_finding_per_repo(tmp_path):
    pilot = healthy(tmp_path)
    first = pilot.team_repo.commit("2026-09-03", author=SAM, message="Vendor fix 1")
    for number in range(2, 40):
        pilot.team_repo.commit("2026-09-04", author=SAM, message=f"Vendor fix {number}")
    last = pilot.team_repo.commit("2026-09-05", author=SAM, message="Vendor fix 40")
    [roster] = pilot.findings("roster-authors")
    assert "Sam Vendor <sam@vendor.example> (40 commits" in roster["message"]
    assert first[:10] in roster["message"] and last[:10] in roster["message"]
    assert "2026-09-03" in roster["message"] and "2026-09-05" in roster["message"]
    assert roster["commit"] == first and roster["day"] == "2026-09-03"


def copy_of(pilot, team: str, text: str) -> None:
    pilot.charters.charter(text.replace("team: reorder-pilot", f"team: {team}"), team=team)
    pilot.charters.activity(pilot.activity_text(), team=team)


def test_a_team_with_a_year_one_or_an_enormous_reading_gets_a_finding_and_the_others_are_still_checked(tmp_path):
    pilot = healthy(tmp_path)
    copy_of(pilot, "year-one", pilot.charter_text.replace("start: 2026-09-01", "start: 0001-09-01"))
    copy_of(pilot, "huge-target", pilot.charter_text.replace("target: 200", "target: 1e308"))
    pilot.charters.activity(
        pilot.activity_text() + "  - date: 2026-10-13\n    type: metric\n"
        "    metric: weekly-reorderers\n    value: 1e308\n",
        team="reorder-pilot",
    )
    run = pilot.check()
    assert run.exit_code == 1 and "internal error" not in run.stderr, run.stderr
    found = run.json()["findings"]
    assert statuses(run.json()) == {"huge-target": "red", "reorder-pilot": "red", "year-one": "red"}
    [year] = [f for f in found if f["team"] == "year-one" and f["rule"] == "schema"]
    assert "0001-09-01" in year["message"] and year["line"] == 12
    assert any(f["team"] == "huge-target" and "too large a number" in f["message"] for f in found)
    assert any(f["team"] == "reorder-pilot" and "too large a number" in f["message"] for f in found)
    site = tmp_path / "site"
    render = govkit("render", "--root", str(pilot.charters.root), "--out", str(site), "--as-of", "2026-10-15")
    assert render.exit_code == 0 and "internal error" not in render.stderr, render.stderr
    assert {p.name for p in site.glob("*.html")} == {
        "index.html",
        "huge-target.html",
        "reorder-pilot.html",
        "year-one.html",
    }


def test_an_unreadable_team_folder_or_repo_stops_only_that_team(tmp_path):
    pilot = healthy(tmp_path)
    copy_of(pilot, "no-repo", pilot.charter_text.replace("path: ../reorder-service", "path: ../nowhere"))
    run = pilot.check()
    assert run.exit_code == 1 and "internal error" not in run.stderr
    found = run.json()["findings"]
    assert [f["rule"] for f in found if f["team"] == "no-repo" and f["rule"] == "git"] == ["git"]
    assert statuses(run.json())["reorder-pilot"] == "green"
