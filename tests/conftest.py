"""Shared fixtures: real charter repos in temporary folders, and the real CLI."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govkit.cli import cli

HEALTHY_CHARTER = """\
govkit: 1
team: reorder-pilot
name: One-click Reorder Pilot
status: active
policy: firewalled-pilot@1
purpose: Let repeat buyers reorder in one click, and learn to deliver together.
capability:
  name: One-click reorder
  criticality: important
  users: Repeat B2B buyers in the EU webshop
timebox:
  start: 2026-09-01
  end: 2026-12-18
leads:
  business: ana.silva@example.com
  technology: raj.patel@example.com
members:
  - name: Ana Silva
    email: ana.silva@example.com
    side: business
    role: Product lead
    allocation: 100
  - name: Raj Patel
    email: raj.patel@example.com
    side: technology
    role: Tech lead
    allocation: 100
    aliases: [raj@users.noreply.example.com]
  - name: Tom Becker
    email: tom.becker@example.com
    side: technology
    role: Developer
    allocation: 90
repos:
  - name: reorder-service
    path: ../reorder-service
    guarded:
      - area: security
        owner: it-security@example.com
        paths: ["auth/**", "infra/**"]
cadences:
  demo: 14d
  customer-feedback: 14d
  retro: 14d
  release: 7d
  knowledge-share: 30d
metrics:
  - id: weekly-reorderers
    kind: adoption
    description: Distinct buyers who reordered in the week
    target: 200
    unit: buyers
    every: 7d
exemptions:
  - process: Change Advisory Board
    replaced_by: Tech lead approves each release; the CAB chair attends every demo
decisions:
  team: [backlog, user interface, release timing]
  escalate: [budget, data retention, vendor contracts]
escalation:
  contact: cio-office@example.com
  respond_within: 5d
exit_criteria:
  - 200 weekly reorderers by the end of the time box
"""

HEALTHY_ACTIVITY = """\
govkit: 1
events:
  - date: 2026-09-12
    type: demo
    summary: Prototype shown to five buyers and the CAB chair
    by: ana.silva@example.com
  - date: 2026-09-19
    type: metric
    metric: weekly-reorderers
    value: 12
  - date: 2026-10-02
    type: escalation
    ref: esc-1
    summary: Need a data-retention decision for order history
  - date: 2026-10-06
    type: escalation-resolved
    ref: esc-1
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing `fragment`; fails loudly if absent."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) >= occurrence, f"{fragment!r} not in the text"
    return hits[occurrence - 1]


@dataclass
class Repo:
    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def charter(self, text: str = HEALTHY_CHARTER, team: str = "reorder-pilot") -> Path:
        return self.write(f"teams/{team}/charter.yaml", text)

    def activity(self, text: str = HEALTHY_ACTIVITY, team: str = "reorder-pilot") -> Path:
        return self.write(f"teams/{team}/activity.yaml", text)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "charters"
    (root / "teams").mkdir(parents=True)
    return Repo(root)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)  # type: ignore[no-any-return]


def govkit(*args: str, input: str | None = None) -> Run:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def lint_json(repo: Repo, *extra: str) -> dict[str, Any]:
    run = govkit("lint", "--root", str(repo.root), "--format", "json", *extra)
    assert run.exit_code in (0, 1), run.stderr
    return run.json()


def findings(repo: Repo, rule: str | None = None) -> list[dict[str, Any]]:
    found = lint_json(repo)["findings"]
    return [f for f in found if rule is None or f["rule"] == rule]


def statuses(result: dict[str, Any]) -> dict[str, str]:
    """team → red | amber | green, from a JSON result."""
    return {team["team"]: team["status"] for team in result["teams"]}


@dataclass
class Finished:
    """A govkit run in a process of its own: its exit code, output, time and peak memory."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)  # type: ignore[no-any-return]


def govkit_process(*args: str, timeout: float = 60, memory_mb: int = 1024) -> Finished:
    """Run govkit as users do, in its own process, with a ceiling on its memory and time.

    Hostile inputs can make an unguarded reader hang or allocate without end; the ceiling
    turns that into a failed test instead of a stuck or exhausted machine. The peak memory
    is this run's own (wait4 on its pid), not the largest of earlier child processes."""

    def ceiling() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "govkit", *args], stdout=out, stderr=err, preexec_fn=ceiling)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                raise AssertionError(f"govkit {' '.join(args)} ran longer than {timeout} seconds")
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Finished(process.returncode, out.read().decode(), err.read().decode(), seconds, usage.ru_maxrss / 1024)
