"""`govkit demo`: the whole loop on realistic sample data, in one command."""

from __future__ import annotations

import datetime as dt
import json

from govkit.commands.check import run_check
from govkit.repo import CharterRepo
from tests.conftest import govkit


def test_the_demo_builds_three_pilots_green_amber_and_red(tmp_path):
    run = govkit("demo", str(tmp_path / "demo"))
    assert run.exit_code == 0, run.stderr
    assert "govkit check:" in run.stdout and "claims-pilot" in run.stdout
    portfolio = tmp_path / "demo" / "charters" / "site" / "index.html"
    assert str(portfolio.resolve()) in run.stdout.replace("\n", "")
    assert all(
        f'href="{team}.html"' in portfolio.read_text() for team in ("reorder-pilot", "returns-pilot", "claims-pilot")
    )
    result = run_check(CharterRepo(tmp_path / "demo" / "charters"), [], dt.date.today())
    assert {t.team: t.status for t in result.teams} == {
        "reorder-pilot": "green",
        "returns-pilot": "amber",
        "claims-pilot": "red",
    }
    rules = {(f.team, f.rule) for f in result.findings}
    assert rules == {
        ("claims-pilot", "demo-cadence"),
        ("claims-pilot", "adoption-pace"),
        ("claims-pilot", "amendment-signoff"),
        ("claims-pilot", "guarded-paths"),
        ("returns-pilot", "retro-cadence"),
        ("returns-pilot", "roster-authors"),
    }


def test_the_demo_lints_clean(tmp_path):
    govkit("demo", str(tmp_path / "demo"))
    run = govkit("lint", "--root", str(tmp_path / "demo" / "charters"), "--format", "json")
    assert run.exit_code == 0 and json.loads(run.stdout)["findings"] == []


def test_the_demo_replaces_an_earlier_demo_but_refuses_other_folders(tmp_path):
    assert govkit("demo", str(tmp_path / "demo")).exit_code == 0
    assert govkit("demo", str(tmp_path / "demo")).exit_code == 0
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("precious")
    run = govkit("demo", str(tmp_path / "mine"))
    assert run.exit_code == 2 and "not empty" in run.stderr
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "precious"
