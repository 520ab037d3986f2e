"""Killing govkit log, render or init at any moment leaves every file as before or fully written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from govkit.load import Document, load_file
from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, Repo

GOVKIT = str(Path(sys.executable).with_name("govkit"))
KILLS = 12


def killed_at_random(command: list[str], rng: random.Random, env: dict[str, str] | None = None) -> None:
    """Start `command`, SIGKILL it after a random delay within its usual run time, reap it."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(rng.uniform(0.05, 1.2))
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_killed_log_leaves_the_old_log_or_the_old_log_plus_the_event(tmp_path):
    rng = random.Random(1)
    repo = Repo(tmp_path / "charters")
    repo.charter(HEALTHY_CHARTER)
    path = repo.activity(HEALTHY_ACTIVITY)
    for attempt in range(KILLS):
        before = path.read_bytes()
        summary = f"Attempt {attempt}"
        killed_at_random(
            [
                GOVKIT,
                "log",
                "reorder-pilot",
                "other",
                "--date",
                "2026-10-10",
                "--summary",
                summary,
                "--root",
                str(repo.root),
            ],
            rng,
        )
        after = path.read_bytes()
        assert after == before or (after.startswith(before) and summary.encode() in after[len(before) :])
        assert isinstance(load_file(path, "activity.yaml"), Document)


def test_a_killed_render_leaves_the_old_site_or_the_new_one(tmp_path):
    rng = random.Random(2)
    repo = Repo(tmp_path / "charters")
    repo.charter(HEALTHY_CHARTER)
    repo.activity(HEALTHY_ACTIVITY)
    site = tmp_path / "site"
    command = [GOVKIT, "render", "--root", str(repo.root), "--out", str(site), "--as-of", "2026-10-15"]
    subprocess.run(command, check=True, capture_output=True)
    expected = sorted(p.name for p in site.iterdir())
    for _ in range(KILLS):
        killed_at_random(command, rng)
        if not site.exists():
            # The one moment between the two renames of the swap: the finished site waits beside it.
            waiting = [p for p in tmp_path.iterdir() if p.name.startswith(".site") and (p / "index.html").is_file()]
            assert waiting, "the site vanished and no finished copy waits beside it"
            continue
        assert sorted(p.name for p in site.iterdir()) == expected
        assert (site / "index.html").read_text().rstrip().endswith("</html>")


def test_a_killed_init_leaves_no_repo_or_a_whole_one(tmp_path):
    rng = random.Random(3)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"}
    for attempt in range(KILLS):
        target = tmp_path / f"charters-{attempt}"
        command = [GOVKIT, "init", str(target), "--team", "reorder-pilot", "--name", "Reorder"]
        command += ["--business-lead", "ana@example.com", "--technology-lead", "raj@example.com"]
        killed_at_random(command, rng, env)
        if target.exists():
            log = subprocess.run(["git", "log", "--oneline"], cwd=target, capture_output=True, text=True)
            assert log.returncode == 0 and len(log.stdout.splitlines()) == 1
            assert (target / "teams/reorder-pilot/charter.yaml").is_file()
            assert (target / ".github/workflows/govkit.yml").is_file()


def test_a_killed_ci_github_leaves_the_old_workflow_or_the_new_one(tmp_path):
    rng = random.Random(4)
    repo = Repo(tmp_path / "charters")
    block = "repos:\n  - name: {0}\n    path: ../{0}\n    url: https://github.com/acme/{0}\n"
    start, end = HEALTHY_CHARTER.index("repos:\n"), HEALTHY_CHARTER.index("cadences:\n")
    workflow = repo.root / ".github" / "workflows" / "govkit.yml"
    command = [GOVKIT, "ci", "github", "--root", str(repo.root)]
    for attempt in range(KILLS):
        repo.charter(HEALTHY_CHARTER[:start] + block.format(f"old-{attempt}") + HEALTHY_CHARTER[end:])
        subprocess.run(command, check=True, capture_output=True)
        before = workflow.read_bytes()
        repo.charter(HEALTHY_CHARTER[:start] + block.format(f"new-{attempt}") + HEALTHY_CHARTER[end:])
        killed_at_random(command, rng)
        after = workflow.read_bytes()
        assert after == before or after == before.replace(b"old-", b"new-")
