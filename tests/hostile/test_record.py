"""docs/hardening.md must list what the tests try, with the counts they use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile import test_any_bytes, test_any_text
from tests.hostile.test_named_cases import CASES

RECORD = (Path(__file__).resolve().parents[2] / "docs" / "hardening.md").read_text()


def test_every_named_case_is_recorded():
    recorded = set(re.findall(r"^\| ([^|]+?) \|", RECORD, flags=re.MULTILINE))
    assert set(CASES) <= recorded


def test_the_recorded_example_counts_are_the_ones_the_tests_use():
    counts = sorted(int(n) for n in re.findall(r"^\| [^|]+ \| (\d+) \|", RECORD, flags=re.MULTILINE))
    used = sorted(
        test._hypothesis_internal_use_settings.max_examples
        for module in (test_any_bytes, test_any_text)
        for name, test in vars(module).items()
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


QUOTED_ROWS = {
    "test_a_charter_key_full_of_markup_and_commands_is_shown_as_text": "a charter key full of markup and commands",
    "test_an_event_naming_a_hostile_metric_is_shown_as_text": "an event naming a hostile metric",
    "test_a_commit_by_a_hostile_author_with_a_hostile_subject_and_file_is_shown_as_text": (
        "a hostile commit author, subject and file name"
    ),
    "test_a_team_folder_named_like_a_workflow_command_is_shown_as_text": (
        "a team folder named like a workflow command, and one not in UTF-8"
    ),
    "test_a_rendered_markdown_page_shows_hostile_charter_text_as_text": (
        "a hostile team name, purpose, exit criterion and event summary"
    ),
    "test_a_rendered_html_page_shows_controls_and_bidi_overrides_escaped": (
        "a hostile team name, purpose, exit criterion and event summary"
    ),
    "test_a_review_shows_hostile_exit_criteria_as_text": "a hostile exit criterion",
    "test_a_diff_shows_hostile_names_as_text": "a hostile team name",
    "test_a_policy_file_whose_name_is_not_utf8_is_named_in_every_diff_format": "a policy file whose name is not UTF-8",
}


def test_every_quoted_text_test_is_recorded():
    from tests.hostile import test_quoted_text

    tests = {name for name in vars(test_quoted_text) if name.startswith("test_")}
    assert tests == set(QUOTED_ROWS), "a quoted-text test was added or renamed: record it in docs/hardening.md"
    for row in QUOTED_ROWS.values():
        assert f"| {row} |" in RECORD


LINK_ROWS = {
    "test_a_charter_linked_out_of_the_repo_is_a_file_finding_and_is_not_read": "a charter linked out of the repo",
    "test_an_activity_log_linked_out_of_the_repo_is_a_file_finding_and_is_not_read": (
        "an activity log linked out of the repo"
    ),
    "test_a_team_folder_linked_out_of_the_repo_is_a_file_finding_at_the_link": "a team folder linked out of the repo",
    "test_teams_linked_out_of_the_repo_is_a_file_finding_and_render_refuses": "`teams/` linked out of the repo",
    "test_policies_linked_out_of_the_repo_is_a_file_finding_and_render_refuses": "`policies/` linked out of the repo",
    "test_a_policy_file_linked_out_of_the_repo_is_a_file_finding": "a policy file linked out of the repo",
    "test_a_template_linked_out_of_the_repo_is_refused_and_not_read": "a template linked out of the repo",
    "test_templates_linked_out_of_the_repo_is_refused": "`templates/` linked out of the repo",
    "test_links_that_stay_inside_the_repo_are_followed": "links that stay inside the repo",
    "test_render_refuses_a_site_folder_linked_out_of_the_repo": (
        "`site/` (render's default `--out`) linked out of the repo"
    ),
    "test_render_refuses_an_out_inside_the_repo_reached_through_a_link_out": (
        "an `--out` inside the repo reached through a link leading out"
    ),
    "test_log_refuses_an_activity_log_linked_out_of_the_repo": (
        "`govkit log` to an activity log linked out of the repo"
    ),
    "test_log_refuses_a_lock_file_linked_out_of_the_repo": "`govkit log` with its lock file linked out of the repo",
    "test_log_appends_to_an_activity_log_linked_inside_the_repo": (
        "`govkit log` to an activity log linked inside the repo"
    ),
    "test_team_add_refuses_teams_linked_out_of_the_repo": "`govkit team add` with `teams/` linked out of the repo",
    "test_team_add_refuses_an_id_taken_by_a_broken_link": "`govkit team add` with the new id taken by a broken link",
    "test_init_refuses_a_link_and_writes_nothing_where_it_points": "`govkit init` into a link",
}

READ_ROWS = {
    "test_an_activity_log_that_is_a_named_pipe_is_a_finding_not_a_hang": "an activity log that is a named pipe",
    "test_render_says_an_activity_log_that_is_a_named_pipe_cannot_be_read": "an activity log that is a named pipe",
    "test_an_activity_log_linked_to_dev_zero_is_a_finding": "an activity log linked to /dev/zero",
    "test_a_folder_named_like_a_governance_file_is_a_file_finding": (
        "a folder named `charter.yaml` or `activity.yaml`"
    ),
    "test_render_shows_a_charter_that_is_a_folder_as_unreadable": "a folder named `charter.yaml` or `activity.yaml`",
    "test_an_activity_log_of_500000_keys_is_one_file_finding_in_bounded_time_and_memory": (
        "an activity log of 500,000 keys (7.8 MB)"
    ),
    "test_render_shows_an_activity_log_of_500000_keys_as_unreadable_in_bounded_time_and_memory": (
        "an activity log of 500,000 keys (7.8 MB)"
    ),
    "test_a_charter_of_500000_keys_is_one_file_finding_in_bounded_time_and_memory": "a charter of 500,000 keys",
}

REPO_ROWS = {
    "test_a_root_without_teams_or_policies_cannot_be_used": ("`--root` a folder with neither `teams/` nor `policies/`"),
    "test_a_root_with_only_policies_is_a_charter_repo": "`--root` a folder with only `policies/`",
    "test_a_yml_policy_is_an_error_at_it_saying_to_rename_it": "a `*.yml` (or `*.YAML`) file in `policies/`",
    "test_check_reports_a_policy_file_it_does_not_read": "a `*.yml` (or `*.YAML`) file in `policies/`",
    "test_a_folder_named_like_a_policy_is_an_error_at_it": "a folder named `*.yaml` in `policies/`",
    "test_a_policy_that_cannot_be_read_is_an_error_at_it": "a policy file that cannot be read (a broken link)",
    "test_another_file_or_folder_in_policies_is_a_warning_and_examples_and_hidden_files_are_not": (
        "any other file or folder in `policies/`"
    ),
}


def functions_of(module: object) -> set[str]:
    return {name for name in vars(module) if name.startswith("test_")}


@pytest.mark.parametrize(
    ("module", "rows"),
    [
        ("tests.hostile.test_links", LINK_ROWS),
        ("tests.hostile.test_bounded_reads", READ_ROWS),
        ("tests.test_charter_repo", REPO_ROWS),
    ],
)
def test_every_link_read_and_repo_case_is_recorded(module, rows):
    import importlib

    tested = functions_of(importlib.import_module(module))
    assert tested == set(rows), "a test was added or renamed: record it in docs/hardening.md"
    for row in rows.values():
        assert f"| {row} |" in RECORD


def test_every_template_attack_is_recorded():
    from tests.render.test_template_limits import ATTACKS

    for name in ATTACKS:
        assert f"| {name} |" in RECORD
    assert "| a template over 1 MB |" in RECORD and "| a template that is a named pipe |" in RECORD


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


AGREEMENT_ROWS = {
    ("test_amendments_in_force", "test_an_unapproved_loosening_loosens_nothing"): (
        "a loosening committed without the leads' approval"
    ),
    ("test_amendments_in_force", "test_an_approval_naming_no_single_commit_approves_nothing"): (
        "an approval commit naming no single change (an unknown or too short sha)"
    ),
    ("test_amendments_in_force", "test_a_waiver_added_without_approval_waives_nothing"): (
        "a waiver added in an unapproved change (a waiver that approves itself)"
    ),
    ("test_amendments_in_force", "test_amendment_signoff_cannot_be_waived"): "a waiver of `amendment-signoff`",
    ("test_amendments_in_force", "test_a_back_dated_amendment_is_in_force_from_the_day_it_was_committed"): (
        'an amendment authored "in August" but committed later'
    ),
    ("test_approve", "test_someone_who_is_not_a_lead_cannot_approve"): (
        "someone who is not a lead running `govkit approve`"
    ),
    ("test_approve", "test_staged_work_stays_out_of_the_approval"): "`govkit approve` with other work staged",
    ("test_one_team_never_stops_the_rest", "test_forty_commits_by_one_outsider_are_one_readable_finding_per_repo"): (
        "one outsider with 40 commits"
    ),
    ("test_one_team_never_stops_the_rest", "test_an_unreadable_team_folder_or_repo_stops_only_that_team"): (
        "a team whose repo path leads nowhere"
    ),
}


def test_every_agreement_attack_is_recorded_and_tested():
    import importlib

    for (module, test), row in AGREEMENT_ROWS.items():
        assert hasattr(importlib.import_module(f"tests.{module}"), test), f"{module}.{test} is gone"
        assert f"| {row} |" in RECORD


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
