"""Governance files are read bounded: a pipe, a device, a folder or a file of 500,000 keys is a
located `file` finding in seconds and little memory, for lint, check and render alike.

Each run is a process of its own with a ceiling on memory and time, as an unguarded reader
would hang on a pipe or fill the machine from /dev/zero.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, Finished, Repo, govkit_process

SECONDS = 10  # the runs below take about one; the ceiling leaves room for a busy machine
PEAK_MB = 200

COMMANDS = {
    "lint": ["lint", "--format", "json"],
    "check": ["check", "--as-of", "2026-10-15", "--format", "json"],
}


def run(repo: Repo, command: str) -> Finished:
    finished = govkit_process(*COMMANDS[command], "--root", str(repo.root), timeout=SECONDS * 3)
    assert finished.exit_code in (0, 1), finished.stderr
    assert finished.seconds < SECONDS and finished.peak_mb < PEAK_MB, (finished.seconds, finished.peak_mb)
    return finished


def file_findings(finished: Finished, name: str) -> list[dict[str, object]]:
    return [f for f in finished.json()["findings"] if f["rule"] == "file" and f["file"] == name]


def rendered(repo: Repo) -> str:
    """The team's page, rendered in a process of its own within the same bounds."""
    out = repo.root.parent / "site"
    finished = govkit_process(
        "render", "--root", str(repo.root), "--out", str(out), "--as-of", "2026-10-15", timeout=SECONDS * 3
    )
    assert finished.exit_code == 0, finished.stderr
    assert finished.seconds < SECONDS and finished.peak_mb < PEAK_MB, (finished.seconds, finished.peak_mb)
    return (out / "reorder-pilot.html").read_text()


def fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_activity_log_that_is_a_named_pipe_is_a_finding_not_a_hang(repo, command):
    repo.charter()
    fifo(repo.root / "teams/reorder-pilot/activity.yaml")
    [found] = file_findings(run(repo, command), "teams/reorder-pilot/activity.yaml")
    assert "named pipe" in found["message"]


def test_render_says_an_activity_log_that_is_a_named_pipe_cannot_be_read(repo):
    repo.charter()
    fifo(repo.root / "teams/reorder-pilot/activity.yaml")
    assert "The activity log could not be read" in rendered(repo)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_activity_log_linked_to_dev_zero_is_a_finding(repo, command):
    repo.charter()
    os.symlink("/dev/zero", repo.root / "teams/reorder-pilot/activity.yaml")
    [found] = file_findings(run(repo, command), "teams/reorder-pilot/activity.yaml")
    assert "outside the charter repo" in found["message"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", ["charter.yaml", "activity.yaml"])
def test_a_folder_named_like_a_governance_file_is_a_file_finding(repo, command, name):
    repo.charter()
    repo.activity()
    path = repo.root / "teams/reorder-pilot" / name
    path.unlink()
    path.mkdir()
    [found] = file_findings(run(repo, command), f"teams/reorder-pilot/{name}")
    assert "is a folder" in found["message"]


def test_render_shows_a_charter_that_is_a_folder_as_unreadable(repo):
    (repo.root / "teams/reorder-pilot/charter.yaml").mkdir(parents=True)
    assert "charter.yaml is a folder" in rendered(repo)


def keys(count: int) -> str:
    return "govkit: 1\nevents: []\n" + "".join(f"k{n}: {n}\n" for n in range(count))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_activity_log_of_500000_keys_is_one_file_finding_in_bounded_time_and_memory(repo, command):
    repo.charter()
    repo.activity(keys(500_000))
    [found] = file_findings(run(repo, command), "teams/reorder-pilot/activity.yaml")
    assert "more than 100,000 values" in found["message"] and found["line"] is not None


def test_render_shows_an_activity_log_of_500000_keys_as_unreadable_in_bounded_time_and_memory(repo):
    repo.charter()
    repo.activity(keys(500_000))
    assert "more than 100,000 values" in rendered(repo)


def test_a_charter_of_500000_keys_is_one_file_finding_in_bounded_time_and_memory(repo):
    repo.charter(HEALTHY_CHARTER + "".join(f"x-k{n}: {n}\n" for n in range(500_000)))
    repo.activity(HEALTHY_ACTIVITY)
    [found] = file_findings(run(repo, "lint"), "teams/reorder-pilot/charter.yaml")
    assert "more than 100,000 values" in found["message"]
