"""`govkit diff TEAM@DATE …`: one charter at two dates, read from the charter repo's git history."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import HEALTHY_CHARTER, govkit
from tests.gitrepo import GitRepo

BOTH = ["Approved-by: ana.silva@example.com", "Approved-by: raj.patel@example.com"]
LEA = """  - name: Lea Novak
    email: lea.novak@example.com
    side: technology
    role: Developer
    allocation: 100
"""
AMENDED = HEALTHY_CHARTER.replace("  demo: 14d", "  demo: 7d").replace("repos:\n", LEA + "repos:\n", 1)


def amended(repo) -> GitRepo:
    """The charter agreed on 2025-03-01 and amended on 2025-06-01: a tighter demo cadence and a new member."""
    git = GitRepo(repo.root)
    repo.charter()
    git.commit("2025-03-01", message="Charter the reorder pilot")
    repo.charter(AMENDED)
    git.commit("2025-06-01", message="Demo weekly; Lea joins", trailers=BOTH)
    return git


def texts(repo, *refs: str) -> list[str]:
    run = govkit("diff", *refs, "--root", str(repo.root), "--format", "json")
    assert run.exit_code == 0, run.stderr
    return [change["text"] for change in run.json()["changes"]]


def test_a_dated_diff_shows_what_an_amendment_changed(repo):
    amended(repo)
    expected = [
        "Member lea.novak@example.com (technology, Developer, 100%) joined",
        "Cadence `demo` tightened from 14d to 7d",
    ]
    assert texts(repo, "reorder-pilot@2025-04-01", "reorder-pilot") == expected
    assert texts(repo, "reorder-pilot@2025-04-01", "reorder-pilot@2025-06-01") == expected
    assert texts(repo, "reorder-pilot@2025-06-01", "reorder-pilot@2025-04-01") == [
        "Member lea.novak@example.com (technology, Developer, 100%) left",
        "Cadence `demo` loosened from 7d to 14d",
    ]


def test_the_day_before_an_amendment_still_has_the_old_agreement(repo):
    amended(repo)
    assert texts(repo, "reorder-pilot@2025-05-31", "reorder-pilot@2025-03-01") == []
    assert len(texts(repo, "reorder-pilot@2025-05-31", "reorder-pilot@2025-06-01")) == 2


def test_a_day_before_the_first_commit_gives_the_first_version(repo):
    amended(repo)
    assert texts(repo, "reorder-pilot@2020-01-01", "reorder-pilot@2025-03-01") == []


def test_the_json_names_both_sides_as_given(repo):
    amended(repo)
    run = govkit("diff", "reorder-pilot@2025-04-01", "reorder-pilot", "--root", str(repo.root), "--format", "json")
    data = run.json()
    assert (data["command"], data["from"], data["to"]) == ("diff", "reorder-pilot@2025-04-01", "reorder-pilot")


def test_uncommitted_edits_are_the_working_charter_not_history(repo):
    amended(repo)
    repo.charter(AMENDED.replace("  retro: 14d", "  retro: 21d"))
    assert texts(repo, "reorder-pilot@2025-07-01", "reorder-pilot") == ["Cadence `retro` loosened from 14d to 21d"]


def test_a_team_at_a_date_can_be_compared_with_another_team(repo):
    amended(repo)
    repo.charter(HEALTHY_CHARTER.replace("team: reorder-pilot", "team: returns-pilot"), team="returns-pilot")
    assert texts(repo, "reorder-pilot@2025-04-01", "returns-pilot") == [
        "Team id changed from `reorder-pilot` to `returns-pilot`"
    ]


@pytest.mark.parametrize("day", ["2025-13-01", "2025-02-30", "yesterday", "20250401", ""])
def test_a_bad_date_cannot_run(repo, day):
    amended(repo)
    run = govkit("diff", f"reorder-pilot@{day}", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "is not a date" in run.stderr and "; write TEAM@YYYY-MM-DD" in run.stderr


def test_a_future_date_cannot_run(repo):
    amended(repo)
    run = govkit("diff", "reorder-pilot@2999-01-01", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and "after today" in run.stderr


def test_a_dated_charter_outside_git_cannot_run(repo):
    repo.charter()
    run = govkit("diff", "reorder-pilot@2025-04-01", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "is not in git" in run.stderr
    assert govkit("diff", "reorder-pilot", "reorder-pilot", "--root", str(repo.root)).exit_code == 0


def test_a_charter_never_committed_has_no_history(repo):
    git = GitRepo(repo.root)
    git.commit("2025-03-01", {"README.md": "charters"})
    repo.charter()
    run = govkit("diff", "reorder-pilot@2025-04-01", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and "has no valid committed version" in run.stderr


def test_an_unapproved_amendment_is_not_in_force_at_any_date(repo):
    git = GitRepo(repo.root)
    repo.charter()
    git.commit("2025-03-01", message="Charter the reorder pilot")
    repo.charter(AMENDED)
    git.commit("2025-06-01", message="Demo weekly; Lea joins", trailers=["Approved-by: ana.silva@example.com"])
    assert texts(repo, "reorder-pilot@2025-04-01", "reorder-pilot@2025-07-01") == []
    assert len(texts(repo, "reorder-pilot@2025-07-01", "reorder-pilot")) == 2  # the working copy has it


def test_an_amendment_approved_later_is_in_force_from_the_day_of_its_approval(repo):
    git = GitRepo(repo.root)
    repo.charter()
    git.commit("2025-03-01", message="Charter the reorder pilot")
    repo.charter(AMENDED)
    sha = git.commit("2025-06-01", message="Demo weekly; Lea joins")
    git.commit("2025-06-10", {"approvals.txt": "ok"}, message="Approve", trailers=[f"Approves: {sha}", *BOTH])
    assert texts(repo, "reorder-pilot@2025-03-01", "reorder-pilot@2025-06-09") == []
    assert len(texts(repo, "reorder-pilot@2025-03-01", "reorder-pilot@2025-06-10")) == 2


def test_a_dated_charter_in_a_shallow_clone_cannot_run_and_says_to_fetch_the_full_history(repo, tmp_path):
    amended(repo)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True, capture_output=True
    )
    run = govkit("diff", "reorder-pilot@2025-04-01", "reorder-pilot", "--root", str(clone))
    assert run.exit_code == 2 and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    assert "internal error" not in run.stderr
    assert "teams/reorder-pilot/charter.yaml" in run.stderr and "fetch --unshallow" in run.stderr
    assert govkit("diff", "reorder-pilot", "reorder-pilot", "--root", str(clone)).exit_code == 0


def test_a_dated_charter_whose_policy_is_unknown_is_still_compared(repo):
    # Comparing agreements needs no policy: an unknown pin is lint's finding, not a reason to refuse.
    git = GitRepo(repo.root)
    repo.charter(HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: no-such-policy@1"))
    git.commit("2025-03-01", message="Charter the reorder pilot")
    run = govkit("diff", "reorder-pilot@2025-04-01", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 0 and "No differences" in run.stdout


@pytest.mark.parametrize(
    ("day", "fix"), [("2025-02-30", "February 2025 has 28 days"), ("30/04/2025", "write 2025-04-30")]
)
def test_a_mistyped_date_says_how_to_write_it(repo, day, fix):
    amended(repo)
    run = govkit("diff", f"reorder-pilot@{day}", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and fix in run.stderr and "internal error" not in run.stderr
