"""Faults in the evidence: each a clear finding or exit 2, never a traceback."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import govkit, line_of
from tests.pilot import healthy


def repo_problem(pilot):
    [finding] = pilot.findings("git")
    assert finding["line"] == line_of(pilot.charter_text, "path: ../reorder-service")
    return finding["message"]


def test_a_missing_repo_path_is_a_located_finding(tmp_path):
    pilot = healthy(tmp_path)
    shutil.rmtree(pilot.team_repo.path)
    assert "does not exist" in repo_problem(pilot)


def test_a_folder_that_is_not_a_git_repo(tmp_path):
    pilot = healthy(tmp_path)
    shutil.rmtree(pilot.team_repo.path / ".git")
    assert "is not a git repo" in repo_problem(pilot)


def test_a_repo_path_that_is_a_file(tmp_path):
    pilot = healthy(tmp_path)
    shutil.rmtree(pilot.team_repo.path)
    pilot.team_repo.path.write_text("not a repo")
    assert "is a file" in repo_problem(pilot)


def test_an_empty_repo_has_no_history(tmp_path):
    pilot = healthy(tmp_path)
    shutil.rmtree(pilot.team_repo.path)
    pilot.team_repo.path.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=pilot.team_repo.path, check=True)
    assert "has no commits yet" in repo_problem(pilot)


def test_a_shallow_clone_says_shallow_and_what_to_run(tmp_path):
    pilot = healthy(tmp_path)
    source = tmp_path / "source"
    pilot.team_repo.path.rename(source)
    subprocess.run(
        ["git", "clone", "-q", "--depth", "3", f"file://{source}", str(pilot.team_repo.path)],
        check=True,
        capture_output=True,
    )
    message = repo_problem(pilot)
    assert "shallow" in message and "fetch --unshallow" in message


def test_a_detached_head_is_read_like_any_other(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.git("checkout", "-q", "--detach", "HEAD")
    assert pilot.findings() == []


def test_git_missing_means_govkit_cannot_run(tmp_path, monkeypatch):
    pilot = healthy(tmp_path)
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    run = govkit("check", "--root", str(pilot.charters.root), "--as-of", "2026-10-15")
    assert run.exit_code == 2
    assert "git is not installed" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_broken_activity_log_is_reported_and_no_cadence_is_guessed(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charters.activity("govkit: 1\nevents:\n  - date: 2026-13-01\n    type: demo\n")
    rules = {f["rule"] for f in pilot.findings()}
    assert rules == {"schema"}


def test_history_that_breaks_mid_stream_is_a_finding_not_a_crash(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.team_repo
    middle = repo.git("rev-list", "--skip=10", "-1", "HEAD")
    (repo.path / ".git" / "objects" / middle[:2] / middle[2:]).unlink()
    message = repo_problem(pilot)
    assert "git log failed" in message


def test_octopus_merges_and_non_utf8_author_names_are_read(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.team_repo
    for branch in ("one", "two"):
        repo.git("checkout", "-q", "-b", branch, "main")
        repo.commit("2026-10-02", {f"{branch}.txt": branch})
    repo.git("checkout", "-q", "main")
    env = {"GIT_AUTHOR_DATE": "2026-10-03T12:00:00Z", "GIT_COMMITTER_DATE": "2026-10-03T12:00:00Z"}
    env |= {"GIT_AUTHOR_NAME": "Tom", "GIT_AUTHOR_EMAIL": "tom.becker@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Tom", "GIT_COMMITTER_EMAIL": "tom.becker@example.com"}
    repo.git("merge", "-q", "--no-ff", "-m", "Octopus", "one", "two", env=env)
    assert len(repo.git("log", "-1", "--format=%P").split()) == 3
    # git rewrites invalid UTF-8 in commits it makes, so write the raw object ourselves.
    tree, parent = repo.git("rev-parse", "HEAD^{tree}"), repo.git("rev-parse", "HEAD")
    raw = (
        f"tree {tree}\nparent {parent}\n".encode()
        + b"author Jos\xe9 <tom.becker@example.com> 1791028800 +0000\n"
        + b"committer Tom <tom.becker@example.com> 1791028800 +0000\n\nCaf\xe9 au lait\n"
    )
    made = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo.path,
        input=raw,
        capture_output=True,
        check=True,
    )
    sha = made.stdout.decode().strip()
    repo.git("update-ref", "refs/heads/main", sha)
    stored = subprocess.run(["git", "cat-file", "commit", sha], cwd=repo.path, capture_output=True, check=True).stdout
    assert b"author Jos\xe9 <" in stored
    assert pilot.findings() == []
