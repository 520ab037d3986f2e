"""Team repos that git alone can judge: whether their files vouch for them or git is asked, the finding is the one
`probe` gives, in plain repos and odd ones alike (real git repos, nothing mocked)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from govkit.git.run import RepoProblem, plainly_top, probe
from tests.gitrepo import GitRepo
from tests.pilot import Pilot, healthy


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _outer_repo(pilot: Pilot) -> None:
    """Make the folder holding the team repo a repo with a commit of its own."""
    outer = GitRepo(pilot.team_repo.path.parent)
    outer.write({"outer.txt": "outer"})
    outer.git("add", "outer.txt")
    outer.git("-c", "user.name=Outer", "-c", "user.email=outer@example.com", "commit", "-q", "-m", "Outer")


def plain(pilot: Pilot) -> None:
    pass


def detached_head(pilot: Pilot) -> None:
    pilot.team_repo.git("checkout", "-q", "--detach", "HEAD")


def no_commits_yet(pilot: Pilot) -> None:
    shutil.rmtree(pilot.team_repo.path)
    GitRepo(pilot.team_repo.path)


def no_commits_yet_inside_another_repo(pilot: Pilot) -> None:
    no_commits_yet(pilot)
    _outer_repo(pilot)


def no_git_inside_another_repo(pilot: Pilot) -> None:
    shutil.rmtree(pilot.team_repo.path / ".git")
    _outer_repo(pilot)


def empty_dot_git_inside_another_repo(pilot: Pilot) -> None:
    shutil.rmtree(pilot.team_repo.path / ".git")
    (pilot.team_repo.path / ".git").mkdir()
    _outer_repo(pilot)


def dot_git_without_head_inside_another_repo(pilot: Pilot) -> None:
    (pilot.team_repo.path / ".git" / "HEAD").unlink()
    _outer_repo(pilot)


def head_naming_no_ref(pilot: Pilot) -> None:
    (pilot.team_repo.path / ".git" / "HEAD").write_text("not a ref\n")


def work_tree_elsewhere(pilot: Pilot) -> None:
    elsewhere = pilot.team_repo.path.parent / "elsewhere"
    elsewhere.mkdir()
    pilot.team_repo.git("config", "core.worktree", str(elsewhere))


def bare(pilot: Pilot) -> None:
    pilot.team_repo.git("config", "core.bare", "true")


def bare_spelled_yes(pilot: Pilot) -> None:
    pilot.team_repo.git("config", "core.bare", "yes")


def config_with_an_include(pilot: Pilot) -> None:
    extra = pilot.team_repo.path.parent / "extra.gitconfig"
    extra.write_text("[core]\n\tbare = true\n")
    pilot.team_repo.git("config", "include.path", str(extra))


def shallow(pilot: Pilot) -> None:
    source = pilot.team_repo.path.parent / "source"
    pilot.team_repo.path.rename(source)
    _git(source.parent, "clone", "-q", "--depth", "3", f"file://{source}", str(pilot.team_repo.path))


def linked_work_tree(pilot: Pilot) -> None:
    source = pilot.team_repo.path.parent / "source"
    pilot.team_repo.path.rename(source)
    _git(source, "worktree", "add", "-q", "--detach", str(pilot.team_repo.path))


def dot_git_a_symlink(pilot: Pilot) -> None:
    moved = pilot.team_repo.path.parent / "moved.git"
    (pilot.team_repo.path / ".git").rename(moved)
    (pilot.team_repo.path / ".git").symlink_to(moved)


def repo_through_a_symlink(pilot: Pilot) -> None:
    real = pilot.team_repo.path.parent / "real-reorder-service"
    pilot.team_repo.path.rename(real)
    pilot.team_repo.path.symlink_to(real)


def symlink_to_a_folder_inside_a_repo(pilot: Pilot) -> None:
    real = pilot.team_repo.path.parent / "real-reorder-service"
    pilot.team_repo.path.rename(real)
    (real / "docs").mkdir()
    pilot.team_repo.path.symlink_to(real / "docs")


# case → whether the files alone vouch for the repo (else git is asked), and what `probe` says
CASES: list[tuple[Callable[[Pilot], None], bool, str | None]] = [
    (plain, True, None),
    (detached_head, True, None),
    (repo_through_a_symlink, True, None),
    (no_commits_yet, True, "has no commits yet"),
    (no_commits_yet_inside_another_repo, True, "has no commits yet"),
    (no_git_inside_another_repo, False, "is not a git repo of its own"),
    (empty_dot_git_inside_another_repo, False, "is not a git repo of its own"),
    (dot_git_without_head_inside_another_repo, False, "is not a git repo of its own"),
    (symlink_to_a_folder_inside_a_repo, False, "is not a git repo of its own"),
    (head_naming_no_ref, False, "is not a git repo"),
    (work_tree_elsewhere, False, "is not a git repo of its own"),
    (bare, False, "is not a git repo"),
    (bare_spelled_yes, False, "is not a git repo"),
    (config_with_an_include, False, None),  # git reads no include to find a repo: left to git all the same
    (shallow, False, "is a shallow clone"),
    (linked_work_tree, False, None),
    (dot_git_a_symlink, False, None),
]


@pytest.mark.parametrize(("breakage", "vouched", "said"), CASES, ids=[case[0].__name__ for case in CASES])
def test_the_finding_is_the_probes_whether_or_not_the_files_vouch(tmp_path, breakage, vouched, said):
    pilot = healthy(tmp_path)
    breakage(pilot)
    path = pilot.team_repo.path.resolve()  # as the charter's path is read
    assert plainly_top(path) is vouched
    try:
        probe(path)
        expected = []
    except RepoProblem as problem:
        expected = [f"Cannot read the history of repo `reorder-service`: {problem}."]
    assert (said is None) == (not expected)
    assert said is None or said in expected[0]
    assert [finding["message"] for finding in pilot.findings("git")] == expected
    if not expected:
        assert pilot.findings() == []  # read like any healthy repo


@pytest.mark.parametrize("name", ["GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_PARAMETERS"])
def test_an_environment_that_can_move_the_repo_leaves_it_to_git(tmp_path, monkeypatch, name):
    pilot = healthy(tmp_path)
    assert plainly_top(pilot.team_repo.path)
    monkeypatch.setitem(os.environ, name, os.environ.get(name, ""))
    assert not plainly_top(pilot.team_repo.path)


def test_a_missing_path_or_a_file_is_left_to_the_probe(tmp_path):
    assert not plainly_top(tmp_path / "nothing-here")
    (tmp_path / "a-file").write_text("not a repo")
    assert not plainly_top(tmp_path / "a-file")
