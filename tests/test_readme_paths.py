"""The README's three paths, played end to end from a fresh clone with nothing but the README's commands.

What stands in for what a test cannot do (as README.md says): `pip install` installs from the
clone, not from GitHub; `$EDITOR` makes the example change shown under it; the organisation's git
server is a bare repository in a folder; each person's computer is a folder with a git
configuration of its own (`GIT_CONFIG_GLOBAL`), so `git config --global` in the README sets it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.readme_paths import Played, ReadmePath, paths, play, script_of

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class World:
    """A fresh clone of this repository, an empty environment to install into, and a git server."""

    top: Path
    clone: Path
    venv: Path
    server: Path

    def env(self, person: str) -> dict[str, str]:
        home = self.top / "computers" / person
        home.mkdir(parents=True, exist_ok=True)
        ours = {str(Path(sys.executable).parent)}
        system = [d for d in os.environ["PATH"].split(os.pathsep) if d not in ours]
        # Nothing of this test run's own environment: no git identity, no virtual environment.
        # The machine's pip settings (an index mirror) stay, as they would on a person's computer.
        env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PYTHON", "VIRTUAL_ENV"))}
        env |= {
            "PATH": os.pathsep.join([str(self.venv / "bin"), *system]),
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "NO_COLOR": "1",
            "TERM": "dumb",
        }
        return env

    def computer(self, person: str) -> Path:
        return self.top / "computers" / person

    def play(self, path: ReadmePath) -> list[Played]:
        changes = []
        for number, diff in enumerate(path.changes):
            written = self.top / f"change-{path.title[:12].replace(' ', '-')}-{number}.diff"
            written.write_text(diff, encoding="utf-8")
            changes.append(written)
        played = []
        for block in path.blocks:
            env = self.env(block.person)
            done = play(script_of(block, changes, self.clone, self.server), self.computer(block.person), env)
            assert done.exit_code == 0, f"{path.title}, {block.person}:\n{done.output}"
            played.append(done)
        assert not changes, "an example change no `$EDITOR` step made"
        return played

    def govkit(self, person: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "govkit"), *args],
            cwd=self.computer(person) / "charters",
            env=self.env(person),
            capture_output=True,
            text=True,
            timeout=300,
        )


def fresh_clone(target: Path) -> Path:
    """Every file a clone of this repository holds once the work is committed: tracked or not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, copy)
    return target


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    top = tmp_path_factory.mktemp("readme-paths")
    clone = fresh_clone(top / "govkit")
    venv = top / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    server = top / "git.example.com" / "charters.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(server)], check=True, timeout=60)
    return World(top, clone, venv, server)


@pytest.fixture(scope="module")
def readme() -> dict[str, ReadmePath]:
    return paths((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def leads(world: World, readme: dict[str, ReadmePath]) -> list[Played]:
    return world.play(readme["team leads"])


def test_the_readme_has_a_path_for_team_leads_for_it_and_for_leadership(readme):
    assert list(readme) == ["team leads", "IT", "leadership"]
    assert [block.person for block in readme["team leads"].blocks] == ["Ana", "Raj", "Ana"]


def test_the_team_leads_path_agrees_approves_records_and_shows_the_pilot(world, leads):
    agree, approve, run = leads
    assert "0 errors, 0 warnings" in agree.output
    # Each lead was shown the change and asked, as themselves, in their own clone.
    assert agree.answered == 1 and "Approve this change as Ana Silva <ana.silva@example.com>?" in agree.output
    assert approve.answered == 1 and "Approve this change as Raj Patel <raj.patel@example.com>?" in approve.output
    assert "Recorded demo" in run.output
    checked = world.govkit("Ana", "check", "--format", "json")
    result = json.loads(checked.stdout)
    assert checked.returncode == 0 and result["findings"] == [], checked.stdout
    assert [(t["team"], t["status"]) for t in result["teams"]] == [("reorder-pilot", "green")]
    page = (world.computer("Ana") / "charters" / "site" / "reorder-pilot.html").read_text()
    assert "Showed the prototype to five buyers" in page and "One-click reorder" in page
    trailers = subprocess.run(
        ["git", "log", "--format=%(trailers:key=Approved-by,valueonly)"],
        cwd=world.server,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "<ana.silva@example.com>" in trailers and "<raj.patel@example.com>" in trailers


def test_the_it_path_writes_ci_adds_a_rule_and_proves_it(world, leads, readme):
    [played] = world.play(readme["IT"])
    assert "govkit policy test: 0 errors" in played.output
    rules = (world.clone / "govkit" / "builtin" / "policies" / "firewalled-pilot.yaml").read_text().count("\n  - id: ")
    assert f"for {rules + 1} rules" in played.output
    pushed = subprocess.run(
        ["git", "show", "--name-only", "--format=%an: %s", "main"], cwd=world.server, capture_output=True, text=True
    ).stdout
    assert pushed.startswith("Lea Novak: Ask every pilot for two customer sessions")
    assert "policies/tests/customer-sessions/pass/" in pushed
    assert (world.computer("Lea") / "charters" / ".github" / "workflows" / "govkit.yml").is_file()


def test_the_leadership_path_renders_the_portfolio_and_reviews_a_pilot(world, leads, readme):
    [played] = world.play(readme["leadership"])
    portfolio = (world.computer("Mia") / "charters" / "site" / "index.html").read_text()
    assert "One-click Reorder Pilot" in portfolio and 'href="reorder-pilot.html"' in portfolio
    assert "Green" in portfolio
    assert "Review of One-click Reorder Pilot (reorder-pilot)" in played.output and "GREEN" in played.output
