"""docs/hardening.md must list what the tests try, with the counts they use."""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostile import test_any_bytes
from tests.hostile.test_named_cases import CASES

RECORD = (Path(__file__).resolve().parents[2] / "docs" / "hardening.md").read_text()


def test_every_named_case_is_recorded():
    recorded = set(re.findall(r"^\| ([^|]+?) \|", RECORD, flags=re.MULTILINE))
    assert set(CASES) <= recorded


def test_the_recorded_example_counts_are_the_ones_the_tests_use():
    counts = sorted(int(n) for n in re.findall(r"^\| [^|]+ \| (\d+) \|", RECORD, flags=re.MULTILINE))
    used = sorted(
        test._hypothesis_internal_use_settings.max_examples
        for name, test in vars(test_any_bytes).items()
        if name.startswith("test_")
    )
    assert counts == used


FAULT_ROWS = {
    "test_a_missing_repo_path_is_a_located_finding": "a missing repo path",
    "test_a_folder_that_is_not_a_git_repo": "a folder that is not a git repo",
    "test_a_repo_path_that_is_a_file": "a repo path that is a file",
    "test_an_empty_repo_has_no_history": "an empty repo",
    "test_a_shallow_clone_says_shallow_and_what_to_run": "a shallow clone",
    "test_a_detached_head_is_read_like_any_other": "a detached HEAD",
    "test_git_missing_means_govkit_cannot_run": "git not on PATH",
    "test_a_broken_activity_log_is_reported_and_no_cadence_is_guessed": "a broken activity log",
    "test_history_that_breaks_mid_stream_is_a_finding_not_a_crash": "history that breaks mid-stream",
    "test_octopus_merges_and_non_utf8_author_names_are_read": "octopus merges and non-UTF-8 author names",
}


def test_every_git_fault_test_is_recorded():
    from tests import test_check_faults

    faults = {name for name in vars(test_check_faults) if name.startswith("test_")}
    assert faults == set(FAULT_ROWS), "a fault test was added or renamed: record it in docs/hardening.md"
    for row in FAULT_ROWS.values():
        assert f"| {row} |" in RECORD


def test_the_closed_pipe_case_is_recorded():
    from tests import test_packaging

    assert hasattr(test_packaging, "test_a_reader_that_stops_early_gets_no_error_message")
    assert "| a reader that closes the pipe early" in RECORD


def test_every_template_attack_is_recorded():
    from tests.render.test_template_limits import ATTACKS

    for name in ATTACKS:
        assert f"| {name} |" in RECORD
