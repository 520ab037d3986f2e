"""The pre-commit hook, run the way users run it: `pre-commit try-repo` in a new charter repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import govkit

ROOT = Path(__file__).resolve().parents[1]
IDENTITY = {"GIT_AUTHOR_NAME": "Ana Silva", "GIT_AUTHOR_EMAIL": "ana.silva@example.com"}
IDENTITY |= {"GIT_COMMITTER_NAME": "Ana Silva", "GIT_COMMITTER_EMAIL": "ana.silva@example.com"}
LEFT_OUT = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "demo-output")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, committed in a repo of its own: try-repo installs a commit, not a folder."""
    source = tmp_path_factory.mktemp("hook") / "govkit"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_OUT, "bench/.work", "site"), symlinks=True)
    env = {**os.environ, **IDENTITY}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The working tree under test"]):
        subprocess.run(["git", *args], cwd=source, env=env, check=True, capture_output=True)
    return source


def new_charter_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    target = tmp_path / "charters"
    run = govkit(
        "init",
        str(target),
        "--team",
        "reorder-pilot",
        "--name",
        "One-click Reorder Pilot",
        "--business-lead",
        "ana.silva@example.com",
        "--technology-lead",
        "raj.patel@example.com",
    )
    assert run.exit_code == 0, run.stderr
    return target


def try_repo(hook_repo: Path, charters: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(cache)}
    return subprocess.run(
        [str(pre_commit), "try-repo", str(hook_repo), "govkit-lint", "--all-files"],
        cwd=charters,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hook_passes_in_a_new_charter_repo_and_fails_once_its_charter_breaks(hook_repo, tmp_path, monkeypatch):
    charters = new_charter_repo(tmp_path, monkeypatch)
    cache = tmp_path / "pre-commit-cache"
    clean = try_repo(hook_repo, charters, cache)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "policies/tests/" not in clean.stdout
    charter = charters / "teams" / "reorder-pilot" / "charter.yaml"
    charter.write_text(charter.read_text().replace("criticality: important", "criticality: mission-critical"))
    broken = try_repo(hook_repo, charters, cache)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "teams/reorder-pilot/charter.yaml" in broken.stdout and "single-capability" in broken.stdout
    assert "policies/tests/" not in broken.stdout
