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


POLICY_ROWS = {
    "test_policy_inheritance:test_a_cycle_of_extends_is_a_finding_at_each_extends_and_never_a_crash": (
        "a chain of `extends` that leads back to where it started"
    ),
    "test_policy_inheritance:test_a_policy_extending_its_own_pin_is_a_cycle": (
        "a policy that extends its own name and major"
    ),
    "test_central_guards:test_removing_a_guard_needs_its_owners_approval_as_well_as_both_leads": (
        "a team removing or narrowing a guard in its charter"
    ),
    "test_central_guards:test_dropping_a_repo_drops_its_guards_and_needs_the_owner_too": (
        "a team dropping the repo that holds a guard"
    ),
    "test_central_guards:test_a_charter_with_no_guards_at_all_is_still_held_to_the_policys": (
        "a charter with no guards of its own, under a policy with `guards`"
    ),
    "test_event_types:test_an_event_type_the_policy_does_not_declare_is_a_located_finding_listing_the_known_types": (
        "an event type nobody declared, in an activity log, a charter's cadence or a rule"
    ),
    "test_portfolio:test_a_person_is_known_by_their_aliases_across_charters": (
        "the same person under an alias in a second pilot at the same time"
    ),
    "test_policy_diff:test_an_unknown_revision_cannot_run_and_says_so_in_one_line": (
        "`NAME@MAJOR@REV` naming no revision of the charter repo"
    ),
}


def test_every_policy_case_is_recorded_and_tested():
    import importlib

    for test, row in POLICY_ROWS.items():
        module, name = test.split(":")
        assert hasattr(importlib.import_module(f"tests.{module}"), name), f"{test} was renamed: update the record"
        assert f"| {row} |" in RECORD
