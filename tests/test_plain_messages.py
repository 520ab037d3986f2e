"""Messages a business lead understands: people and things by their names, and the fix for each slip."""

from __future__ import annotations

import pytest

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, govkit, line_of, lint_json


def messages(repo) -> list[dict]:
    return lint_json(repo)["findings"]


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("allocation: 90", "allocation: lots", "`allocation` of the 3rd member (Tom Becker)"),
        ("    role: Developer\n", "    rol: Developer\n", "in the 3rd member (Tom Becker)"),
        (
            "owner: it-security@example.com",
            "owner: it security",
            "of the 1st guard (security) of the 1st repo (reorder-service)",
        ),
        ("    unit: buyers\n", "    unit: [buyers]\n", "`unit` of the 1st metric (weekly-reorderers)"),
        ("    side: business\n", "    side: sales\n", "`side` of the 1st member (Ana Silva)"),
    ],
)
def test_a_schema_finding_names_the_person_or_thing_never_an_index(repo, old, new, named):
    repo.charter(HEALTHY_CHARTER.replace(old, new, 1))
    [finding] = messages(repo)
    assert named in finding["message"]
    assert "[" not in finding["message"].replace("[buyers]", "")


def test_a_waiver_is_named_by_the_rule_it_waives(repo):
    waiver = "waivers:\n  - rule: team-size\n    reason: Summer\n    approved_by: ana.silva@example.com\n    expires: 2026-12-01\n"
    repo.charter(HEALTHY_CHARTER + waiver)
    [finding] = messages(repo)
    assert finding["message"].startswith("`approved_by` of the 1st waiver (team-size) must be a list")


def test_an_event_is_named_by_its_type_and_date(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY.replace("    value: 12\n", "    value: twelve\n"))
    [finding] = messages(repo)
    assert finding["message"].startswith("`value` of the metric event on 2026-09-19 ")


def test_an_event_with_a_wrong_date_is_named_by_its_place_and_type_not_by_that_date(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY.replace("date: 2026-10-02", "date: 2026-10-32"))
    [finding] = messages(repo)
    assert finding["message"].startswith("`date` of the 3rd event (escalation) is `2026-10-32`")
    assert finding["message"].endswith("not a day of the calendar: October has 31 days.")


def test_a_placeholder_left_in_a_list_names_the_item(repo):
    repo.charter(HEALTHY_CHARTER.replace("  - name: Tom Becker", '  - name: "TODO: the third member"'))
    [finding] = [f for f in messages(repo) if f["rule"] == "required-sections"]
    assert finding["message"].startswith(
        "`name` of the 3rd member (tom.becker@example.com) still holds the placeholder"
    )


@pytest.mark.parametrize(
    ("old", "new", "fix", "at"),
    [
        ("allocation: 90", "allocation: 80%", "write 80, without %", "allocation: 80%"),
        ("target: 200", "target: 1,000", "write 1000, without commas", "target: 1,000"),
        ("target: 200", "target: 200 buyers", "write the number alone: 200", "target: 200 buyers"),
        ("end: 2026-12-18", "end: 2026-11-31", "November has 30 days", "end: 2026-11-31"),
        ("end: 2026-12-18", "end: 18/12/2026", "write 2026-12-18", "end: 18/12/2026"),
        ("end: 2026-12-18", "end: 05/12/2026", "write 2026-12-05 for 5 December, or 2026-05-12 for 12 May", "end: 05"),
        ("end: 2026-12-18", "end: 18 December 2026", "write 2026-12-18", "end: 18 December"),
        ("  demo: 14d", "  demo: 2 weeks", "write 2w", "demo: 2 weeks"),
        (
            "email: tom.becker@example.com",
            "email: Tom Becker <tom.becker@example.com>",
            "write the email alone",
            "<tom",
        ),
        (
            "side: technology\n    role: Dev",
            "side: Technology\n    role: Dev",
            "write `technology`, in lower case",
            "side: Tech",
        ),
        ("    side: business\n", "    side: “business”\n", "write business, or use straight quotes", "“business”"),
        (
            "policy: firewalled-pilot@1",
            "policy: firewalled-pilot",
            "name and major version: firewalled-pilot@1",
            "policy:",
        ),
        ("name: Tom Becker", "name: yes", 'Put it in quotes ("...") to keep it as text', "name: yes"),
        (
            "aliases: [raj@users.noreply.example.com]",
            "aliases: raj@users.noreply.example.com",
            "must be a list: write it as [raj@users.noreply.example.com].",
            "aliases:",
        ),
    ],
)
def test_a_value_with_a_common_slip_gets_the_fix_at_its_place(repo, old, new, fix, at):
    text = HEALTHY_CHARTER.replace(old, new, 1)
    repo.charter(text)
    [finding] = messages(repo)
    assert fix in finding["message"]
    assert finding["line"] == line_of(text, at)


def test_a_list_item_with_colon_space_is_told_to_use_quotes(repo):
    text = HEALTHY_CHARTER.replace("  - 200 weekly reorderers", "  - Goal: 200 weekly reorderers")
    repo.charter(text)
    [finding] = messages(repo)
    assert finding["message"].startswith("The 1st exit criterion reads as a key and its value")
    assert "Put text that contains ': ' in quotes: \"Goal: 200 weekly reorderers" in finding["message"]
    assert finding["line"] == line_of(text, "Goal: 200")


@pytest.mark.parametrize(
    ("old", "new", "fix", "at", "column"),
    [
        (
            "role: Developer",
            "role: Developer: backend",
            "Put text that contains ': ' in quotes: `role: \"Developer: backend\"`",
            "Developer: backend",
            11,
        ),
        (
            "role: Developer",
            "role: “Developer: backend”",
            'Use straight quotes: `role: "Developer: backend"`',
            "role: “",
            11,
        ),
        ("    role: Developer", "\trole: Developer", "indented with a tab; YAML indents with spaces only", "\trole", 1),
        (
            "  - name: Tom Becker",
            "  -name: Tom Becker",
            "Put a space after the `-` that starts a list item: `- name: Tom Becker`",
            "-name",
            3,
        ),
        (
            "  - name: Ana Silva",
            "  -name: Ana Silva",
            "Put a space after the `-` that starts a list item: `- name: Ana Silva`",
            "-name",
            3,
        ),
        (
            "role: Developer",
            "role:Developer",
            "Put a space after the `:` of `role`: `role: Developer`",
            "role:Developer",
            9,
        ),
        ("role: Developer", 'role: "Developer', 'opens a quote (") that is never closed', 'role: "', 11),
        (
            "role: Developer",
            "role: 'Tom's role'",
            'Put the text in double quotes instead: `role: "Tom\'s role"`',
            "role: '",
            11,
        ),
        ("role: Developer", "role: @dev", 'Text that starts with `@` must be in quotes: `role: "@dev"`', "role: @", 11),
        ("    role: Developer", "      role: Developer", "indented more than the line above it", "      role:", 7),
    ],
)
def test_a_yaml_slip_is_told_as_the_slip_and_its_fix_at_the_line_that_holds_it(repo, old, new, fix, at, column):
    text = HEALTHY_CHARTER.replace(old, new, 1)
    repo.charter(text)
    [finding] = messages(repo)
    assert finding["rule"] == "yaml"
    assert fix in finding["message"] and "mapping values" not in finding["message"]
    assert (finding["line"], finding["column"]) == (line_of(text, at), column)


def test_text_with_colon_space_in_the_activity_log_is_told_to_use_quotes(repo):
    repo.charter()
    text = HEALTHY_ACTIVITY.replace("summary: Prototype shown", "summary: Demo: prototype shown")
    repo.activity(text)
    [finding] = messages(repo)
    assert "Put text that contains ': ' in quotes: `summary: \"Demo: prototype shown" in finding["message"]
    assert (finding["line"], finding["column"]) == (line_of(text, "Demo: prototype"), 14)


def test_log_says_which_day_a_month_lacks_and_writes_nothing(repo):
    repo.charter()
    path = repo.activity()
    before = path.read_bytes()
    run = govkit("log", "reorder-pilot", "demo", "--date", "2026-11-31", "--root", str(repo.root))
    assert run.exit_code == 2 and "November has 30 days" in run.stderr
    run = govkit("log", "reorder-pilot", "demo", "--date", "31/10/2026", "--root", str(repo.root))
    assert run.exit_code == 2 and "write 2026-10-31" in run.stderr
    assert path.read_bytes() == before


def test_log_says_to_write_a_reading_without_percent_and_writes_nothing(repo):
    repo.charter()
    path = repo.activity()
    before = path.read_bytes()
    args = ("log", "reorder-pilot", "metric", "--metric", "weekly-reorderers", "--value", "45%")
    run = govkit(*args, "--root", str(repo.root))
    assert run.exit_code == 2 and "write 45, without %" in run.stderr and "internal error" not in run.stderr
    assert path.read_bytes() == before
