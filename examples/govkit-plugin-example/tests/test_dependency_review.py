"""The example git check: its watcher sees commits one by one, as govkit's one pass over history shows them."""

from __future__ import annotations

import sys
from pathlib import Path

from govkit.plugin import Commit, RepoRef, evidence_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govkit_example_checks import dependency_review

CHARTER = """govkit: 1
team: example-team
name: Example
status: active
policy: firewalled-pilot@1
purpose: Try the plugin.
capability: {name: Reorder, criticality: important}
timebox: {start: 2026-09-01, end: 2026-12-18}
leads: {business: ana@example.com, technology: raj@example.com}
members:
  - {name: Ana, email: ana@example.com, side: business, allocation: 100}
  - {name: Raj, email: raj@example.com, side: technology, allocation: 100}
"""
REPO = RepoRef(0, "reorder-service", Path("reorder-service"))


def see(files: tuple[str, ...], trailers: str = "", author: str = "ana@example.com") -> list:
    evidence = evidence_for(CHARTER)
    params = {"paths": dependency_review.PARAMS["properties"]["paths"]["default"]}
    watcher = dependency_review.watch(evidence, params)
    commit = Commit(
        sha="a" * 40,
        author_email=author,
        author_name="Ana",
        day="2026-10-01",
        authored_day="2026-10-01",
        committed_day="2026-10-01",
        subject="Bump requests",
        trailer_text=trailers,
        files=files,
    )
    return list(watcher.see(REPO, commit))


def test_a_commit_that_touches_no_dependency_file_is_not_judged():
    assert see(("app/main.py",)) == []


def test_a_dependency_change_reviewed_by_a_technologist_passes():
    assert see(("requirements.txt",), "Reviewed-by: Raj <raj@example.com>") == []


def test_an_unreviewed_dependency_change_is_a_problem_naming_the_commit_and_the_file():
    [problem] = see(("services/api/requirements-dev.txt",))
    assert problem.commit == "a" * 40 and "requirements-dev.txt" in problem.message
    assert "commit aaaaaaaaaa in reorder-service by Ana <ana@example.com>" in problem.message


def test_a_technologist_cannot_review_their_own_change():
    assert see(("go.sum",), "Reviewed-by: raj@example.com", author="raj@example.com")
