"""`govkit demo`: the whole loop on realistic sample data, in one command."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

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


def demo_hint(tmp_path, path_dirs: list[str]) -> tuple[str, dict[str, str]]:
    """Run the installed console script as `make demo` does, with this PATH; return its closing hint."""
    script = Path(sys.executable).with_name("govkit")
    env = {**os.environ, "PATH": os.pathsep.join(path_dirs)}
    done = subprocess.run([str(script), "demo", "demo-output"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [hint] = [line for line in done.stdout.splitlines() if line.startswith("Try it yourself")]
    return hint, env


def test_after_make_demo_the_hint_runs_govkit_even_though_it_is_not_on_path(tmp_path):
    system = [d for d in os.environ["PATH"].split(os.pathsep) if Path(d) != Path(sys.executable).parent]
    hint, env = demo_hint(tmp_path, system)
    commands = re.findall(r"`([^`]+)`", hint)
    assert commands[0].startswith(". ") and commands[0].endswith("bin/activate")
    assert commands[1] == "cd demo-output/charters" and commands[2] == "govkit check"
    done = subprocess.run(
        ["bash", "-c", " && ".join(commands[:3])], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1 and "govkit check:" in done.stdout, done.stderr  # the red pilot fails the check


def test_with_govkit_on_path_the_hint_is_plain_govkit(tmp_path):
    hint, _ = demo_hint(tmp_path, [str(Path(sys.executable).parent), *os.environ["PATH"].split(os.pathsep)])
    assert re.findall(r"`([^`]+)`", hint) == ["cd demo-output/charters", "govkit check", "govkit review claims-pilot"]
