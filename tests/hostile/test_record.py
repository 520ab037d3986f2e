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


EVIDENCE_ROWS = {
    "test_a_subject_ending_in_a_record_separator_is_still_judged": "a subject ending in a record separator",
    "test_a_fake_record_in_commit_text_invents_no_commit_and_hides_none": "a fake record",
    "test_a_subject_cannot_forge_a_review_or_hide_the_files_a_commit_changed": "a subject claiming a review",
    "test_a_subject_cannot_forge_the_leads_approval_of_an_amendment": "a subject claiming both leads' approval",
    "test_approved_by_lines_in_the_body_are_not_the_leads_approval": "`Approved-by:` lines in the body",
    "test_a_commit_object_holding_nul_bytes_forges_nothing_and_hides_nothing": "a hand-made commit object",
    "test_a_commit_whose_dates_git_cannot_read_is_a_git_error": "a commit whose dates git cannot read",
    "test_file_names_that_look_like_records_are_only_file_names": "file names shaped like records",
    "test_a_local_replacement_does_not_hide_a_commit": "a local stand-in for a commit",
    "test_a_commit_with_one_date_set_before_the_time_box_is_judged": "author date or committer date set before",
    "test_a_commit_is_judged_by_the_charter_in_force_on_the_later_of_its_dates": "author and committer dates on either",
    "test_a_commit_dated_after_today_counts_while_the_time_box_is_open": "a commit dated after today",
    "test_an_evil_merge_that_changes_a_guarded_path_needs_a_review": "an evil merge",
    "test_a_shallow_charter_repo_is_a_git_error_that_says_how_to_fetch_the_history": "a shallow charter repo",
    "test_a_charter_history_git_cannot_read_is_an_error": "a charter history git cannot read",
    "test_a_charter_repo_with_no_commit_yet_is_judged_by_its_working_copy": "a charter repo with no commit yet",
}


def test_every_git_evidence_test_is_recorded():
    from tests import test_git_evidence

    tests = {name for name in vars(test_git_evidence) if name.startswith("test_")}
    assert tests == set(EVIDENCE_ROWS), "a git evidence test was added or renamed: record it in docs/hardening.md"
    rows = re.findall(r"^\| ([^|]+?) \|", RECORD, flags=re.MULTILINE)
    for start in EVIDENCE_ROWS.values():
        assert any(row.startswith(start) for row in rows), start
