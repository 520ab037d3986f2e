"""What counts as a charter repo, and what in its policies/ folder govkit reads."""

from __future__ import annotations

import os

import pytest

from tests.conftest import govkit, lint_json

TEAM = ["--name", "New", "--business-lead", "a@example.com", "--technology-lead", "b@example.com"]
COMMANDS = {
    "lint": ["lint"],
    "check": ["check"],
    "render": ["render"],
    "review": ["review", "reorder-pilot"],
    "diff": ["diff", "reorder-pilot", "reorder-pilot"],
    "team add": ["team", "add", "new-pilot", *TEAM],
    "log": ["log", "reorder-pilot", "retro"],
    "policy test": ["policy", "test"],
    "policy diff": ["policy", "diff", "firewalled-pilot@1", "firewalled-pilot@1"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_root_without_teams_or_policies_cannot_be_used(tmp_path, command):
    folder = tmp_path / "not-a-repo"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello")
    run = govkit(*COMMANDS[command], "--root", str(folder))
    assert run.exit_code == 2, run.stdout
    assert "is not a charter repo: it has neither teams/ nor policies/" in run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_root_with_only_policies_is_a_charter_repo(tmp_path):
    (tmp_path / "policies").mkdir()
    assert govkit("lint", "--root", str(tmp_path)).exit_code == 0


def policy_findings(repo) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = lint_json(repo)["findings"]
    return {f["file"]: (f["rule"], f["severity"]) for f in found if str(f["file"]).startswith("policies")}


def test_a_yml_policy_is_an_error_at_it_saying_to_rename_it(repo):
    repo.charter()
    repo.write("policies/firewalled-pilot.yml", "govkit: 1\n")
    assert policy_findings(repo) == {"policies/firewalled-pilot.yml": ("file", "error")}
    [found] = [f for f in lint_json(repo)["findings"] if f["file"] == "policies/firewalled-pilot.yml"]
    assert "Rename it to firewalled-pilot.yaml" in found["message"]


def test_check_reports_a_policy_file_it_does_not_read(repo):
    repo.charter()
    repo.write("policies/firewalled-pilot.YAML", "govkit: 1\n")
    run = govkit("check", "--root", str(repo.root), "reorder-pilot", "--format", "json")
    assert run.exit_code == 1, run.stderr
    assert [f["file"] for f in run.json()["findings"] if f["rule"] == "file"] == ["policies/firewalled-pilot.YAML"]


def test_a_folder_named_like_a_policy_is_an_error_at_it(repo):
    repo.charter()
    (repo.root / "policies" / "firewalled-pilot.yaml").mkdir(parents=True)
    assert policy_findings(repo) == {"policies/firewalled-pilot.yaml": ("file", "error")}


def test_a_policy_that_cannot_be_read_is_an_error_at_it(repo):
    repo.charter()
    (repo.root / "policies").mkdir()
    os.symlink("gone.yaml", repo.root / "policies" / "firewalled-pilot.yaml")
    assert policy_findings(repo) == {"policies/firewalled-pilot.yaml": ("file", "error")}


def test_another_file_or_folder_in_policies_is_a_warning_and_examples_and_hidden_files_are_not(repo):
    repo.charter()
    repo.write("policies/README.md", "Our policies.\n")
    repo.write("policies/drafts/next.txt", "later\n")
    repo.write("policies/tests/team-size/pass/ok.yaml", "govkit: 1\n")
    repo.write("policies/.gitkeep", "")
    assert policy_findings(repo) == {"policies/README.md": ("file", "warning"), "policies/drafts": ("file", "warning")}
