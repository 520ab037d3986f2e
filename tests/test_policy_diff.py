"""`govkit policy diff OLD NEW`: which rules a new policy version adds, removes, tightens or loosens."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkit.repo import builtin_dir
from tests.conftest import HEALTHY_CHARTER, findings, govkit
from tests.gitrepo import GitRepo

BUILTIN = (builtin_dir("policies") / "firewalled-pilot.yaml").read_text(encoding="utf-8")
RELEASE_RULE = """  - id: release-cadence
    check: release-cadence
    severity: error
"""
PAIRING_RULE = """  - id: pairing-cadence
    check: event-cadence
    severity: info
    params: {event: pairing}
"""


def declaring(text: str, *events: str) -> str:
    """A policy text that declares these event types of the organisation's own."""
    declared = "".join(f"  - id: {event}\n    description: The team's own {event}\n" for event in events)
    return text.replace("rules:\n", f"events:\n{declared}rules:\n", 1)


def modified() -> str:
    """The built-in policy with a rule added (of an event type of its own) and one removed, a min raised and a
    severity lowered."""
    text = (
        declaring(BUILTIN, "pairing")
        .replace(RELEASE_RULE, "")
        .replace("params: {min: 3, max: 9}", "params: {min: 4, max: 9}")
        .replace(
            "  - id: metric-readings\n    check: metric-readings\n    severity: warning",
            "  - id: metric-readings\n    check: metric-readings\n    severity: info",
        )
    )
    assert RELEASE_RULE in BUILTIN and RELEASE_RULE not in text
    return text + PAIRING_RULE


def policy_diff(tmp_path: Path, old: str, new: str, *args: str):
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return govkit("policy", "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), *args)


def changes(tmp_path: Path, old: str, new: str) -> list[tuple[str, str, str]]:
    run = policy_diff(tmp_path, old, new, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return [(c["kind"], c["subject"], c["text"]) for c in run.json()["changes"]]


def test_the_built_in_policy_against_a_modified_copy(tmp_path):
    run = policy_diff(tmp_path, BUILTIN, modified(), "--format", "json")
    assert run.exit_code == 0
    data = run.json()
    assert (data["govkit"], data["command"]) == (1, "policy diff")
    assert [(c["kind"], c["subject"], c["text"]) for c in data["changes"]] == [
        ("added", "pairing-cadence", "Rule `pairing-cadence` added (check `event-cadence`, info, event: pairing)"),
        ("removed", "release-cadence", "Rule `release-cadence` removed (was check `release-cadence`, error)"),
        ("tightened", "team-size", "Rule `team-size` param `min` tightened from 3 to 4"),
        ("loosened", "metric-readings", "Rule `metric-readings` severity lowered from warning to info"),
        ("added", "pairing", "Event type `pairing` added (The team's own pairing)"),
    ]
    [hint] = data["hints"]
    assert "Added and tightened rules usually need a new major version: charters pin the major" in hint
    assert "the new `pairing-cadence` and the tighter `team-size`" in hint and "2.0.0" in hint


def test_a_new_major_version_needs_no_hint(tmp_path):
    run = policy_diff(tmp_path, BUILTIN, modified().replace("version: 1.1.0", "version: 2.0.0"), "--format", "json")
    data = run.json()
    assert data["hints"] == []
    assert data["changes"][0] == {
        "section": "policy",
        "kind": "changed",
        "subject": "version",
        "before": "1.1.0",
        "after": "2.0.0",
        "text": "Version changed from 1.1.0 to 2.0.0 (a new major version)",
    }


def test_looser_rules_without_a_version_bump_get_a_bump_hint(tmp_path):
    run = policy_diff(tmp_path, BUILTIN, BUILTIN.replace("max_weeks: 26", "max_weeks: 30"), "--format", "json")
    data = run.json()
    assert [c["kind"] for c in data["changes"]] == ["loosened"]
    assert data["hints"] and "still 1.1.0" in data["hints"][0]


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("params: {min: 3, max: 9}", "params: {min: 3, max: 7}", "tightened"),
        ("params: {min: 3, max: 9}", "params: {min: 2, max: 9}", "loosened"),
        ("params: {min: 80}", "params: {min: 90}", "tightened"),
        ("params: {max_weeks: 26}", "params: {max_weeks: 20}", "tightened"),
        ("respond_within: 10d", "respond_within: 2w", "loosened"),
        ("demo: 21d,", "demo: 2w,", "tightened"),
        ("params: {event: demo}", "params: {event: showcase}", "changed"),
        (
            "forbidden_criticality: [mission-critical]",
            "forbidden_criticality: [mission-critical, important]",
            "tightened",
        ),
        ("sections: [cadences, metrics,", "sections: [metrics,", "loosened"),
        ("severity: warning\n    params: {min: 80}", "severity: error\n    params: {min: 80}", "tightened"),
    ],
)
def test_each_built_in_param_knows_which_way_is_tighter(tmp_path, before, after, kind):
    assert before in BUILTIN
    old = declaring(BUILTIN, "showcase")
    [change] = changes(tmp_path, old, old.replace(before, after, 1))
    assert change[0] == kind


def test_a_new_per_event_bound_is_tightened(tmp_path):
    old = declaring(BUILTIN, "shadowing")
    edited = old.replace("knowledge-share: 45d}", "knowledge-share: 45d, shadowing: 30d}")
    assert changes(tmp_path, old, edited) == [
        (
            "tightened",
            "cadence-within-policy",
            "Rule `cadence-within-policy` param `max.shadowing` added: at most 30d",
        )
    ]


def test_writing_out_a_default_is_no_change(tmp_path):
    edited = BUILTIN.replace("    params: {min: 3, max: 9}\n", "")  # the check's defaults are 3 and 9
    assert changes(tmp_path, BUILTIN, edited) == []
    run = policy_diff(tmp_path, BUILTIN, edited)
    assert run.stdout.splitlines()[1] == "No differences."


def test_a_pin_is_resolved_from_the_repo_then_the_built_in_policies(repo, tmp_path):
    (repo.root / "policies").mkdir()
    (repo.root / "policies" / "firewalled-pilot.yaml").write_text(BUILTIN.replace("max_weeks: 26", "max_weeks: 20"))
    run = govkit(
        "policy",
        "diff",
        str(builtin_dir("policies") / "firewalled-pilot.yaml"),
        "firewalled-pilot@1",
        "--root",
        str(repo.root),
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    assert [c["text"] for c in run.json()["changes"]] == ["Rule `timebox` param `max_weeks` tightened from 26 to 20"]


def test_a_pin_is_not_resolved_past_a_broken_repo_policy(repo, tmp_path):
    (repo.root / "policies").mkdir()
    (repo.root / "policies" / "firewalled-pilot.yaml").write_text(
        BUILTIN.replace("severity: error", "severity: fatal", 1)
    )
    (tmp_path / "new.yaml").write_text(BUILTIN, encoding="utf-8")
    run = govkit("policy", "diff", "firewalled-pilot@1", str(tmp_path / "new.yaml"), "--root", str(repo.root))
    assert run.exit_code == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "policies/firewalled-pilot.yaml:" in run.stderr and "govkit lint policies" in run.stderr


def test_the_built_in_pin_works_outside_a_charter_repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "new.yaml").write_text(modified(), encoding="utf-8")
    run = govkit("policy", "diff", "firewalled-pilot@1", "new.yaml")
    assert run.exit_code == 0, run.stderr
    assert "tightened  Rule `team-size` param `min` tightened from 3 to 4" in run.stdout
    assert "Hint: Added and tightened rules usually need a new major version" in run.stdout


def test_markdown_lists_rules_and_quotes_the_hint(tmp_path):
    run = policy_diff(tmp_path, BUILTIN, modified(), "--format", "markdown")
    assert run.stdout.startswith("### govkit policy diff: ")
    assert "#### Rules\n\n- **added** Rule `pairing-cadence` added" in run.stdout
    assert "\n> **Hint:** Added and tightened rules usually need a new major version" in run.stdout


def test_markdown_shows_policy_text_as_typed(tmp_path):
    contact_rule = """  - id: data-contact
    check: require
    severity: error
    params:
      message: Name a *data* contact for exports/**
      schema: {required: [x-data-contact]}
"""
    run = policy_diff(tmp_path, BUILTIN, BUILTIN + contact_rule, "--format", "markdown")
    assert (
        r"- **added** Rule `data-contact` added (check `require`, error, message: Name a \*data\* contact" in run.stdout
    )
    assert r"for exports/\*\*, schema: {required: \[x-data-contact\]})" in run.stdout


def test_an_unknown_pin_or_missing_file_cannot_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (("nope@1", "firewalled-pilot@1"), ("firewalled-pilot@1", "missing.yaml")):
        run = govkit("policy", "diff", *args)
        assert run.exit_code == 2 and run.stdout == ""
        assert len(run.stderr.strip().splitlines()) == 1
    assert "Known: firewalled-pilot@1" in govkit("policy", "diff", "nope@1", "firewalled-pilot@1").stderr


def test_an_invalid_policy_cannot_run_and_says_where(tmp_path):
    run = policy_diff(tmp_path, BUILTIN, BUILTIN.replace("params: {min: 3, max: 9}", "params: {min: 3, maximum: 9}"))
    assert run.exit_code == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "new.yaml:" in run.stderr and "unknown param `maximum`" in run.stderr and "govkit lint" in run.stderr


def committed_policy(repo, *versions: str):
    """The repo's policies/firewalled-pilot.yaml committed once per version, oldest first."""
    git = GitRepo(repo.root)
    path = repo.root / "policies" / "firewalled-pilot.yaml"
    path.parent.mkdir(exist_ok=True)
    for number, text in enumerate(versions):
        path.write_text(text, encoding="utf-8")
        git.commit(f"2026-09-0{number + 1}", message=f"Policy version {number + 1}")
    return git, path


def test_a_pin_means_the_policy_as_committed_so_the_working_copy_is_compared_with_it(repo):
    _, path = committed_policy(repo, BUILTIN)
    release_log = "  - id: release-log\n    check: release-cadence\n    severity: warning\n"
    path.write_text(BUILTIN.replace("params: {min: 3, max: 9}", "params: {min: 4, max: 9}") + release_log)
    run = govkit("policy", "diff", "firewalled-pilot@1", str(path), "--root", str(repo.root), "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert [(c["kind"], c["subject"]) for c in data["changes"]] == [
        ("added", "release-log"),
        ("tightened", "team-size"),
    ]
    [hint] = data["hints"]
    assert "Added and tightened rules usually need a new major version" in hint


def test_a_rule_added_without_a_new_major_version_gets_a_hint(repo):
    _, path = committed_policy(repo, BUILTIN)
    path.write_text(BUILTIN + PAIRING_RULE.replace("event: pairing", "event: demo"))
    data = govkit(
        "policy", "diff", "firewalled-pilot@1", str(path), "--root", str(repo.root), "--format", "json"
    ).json()
    [hint] = data["hints"]
    assert hint.startswith("Added rules usually need a new major version") and "the new `pairing-cadence`" in hint


def test_name_major_rev_reads_the_policy_at_that_git_revision(repo):
    committed_policy(repo, BUILTIN, BUILTIN.replace("max_weeks: 26", "max_weeks: 20"))
    run = govkit(
        "policy",
        "diff",
        "firewalled-pilot@1@HEAD~1",
        "firewalled-pilot@1",
        "--root",
        str(repo.root),
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    assert [c["text"] for c in run.json()["changes"]] == ["Rule `timebox` param `max_weeks` tightened from 26 to 20"]


def test_an_unknown_revision_cannot_run_and_says_so_in_one_line(repo):
    committed_policy(repo, BUILTIN)
    run = govkit("policy", "diff", "firewalled-pilot@1@no-such-branch", "firewalled-pilot@1", "--root", str(repo.root))
    assert run.exit_code == 2 and len(run.stderr.strip().splitlines()) == 1 and "internal error" not in run.stderr
    assert "`no-such-branch` is not a revision of the charter repo" in run.stderr


def test_extends_may_pin_its_base_as_committed_at_a_revision(repo):
    git, path = committed_policy(repo, BUILTIN.replace("max_weeks: 26", "max_weeks: 10"))
    git.git("tag", "v1")
    path.write_text(BUILTIN)
    repo.write(
        "policies/acme-pilot.yaml", "govkit: 1\nname: acme-pilot\nversion: 1.0.0\nextends: firewalled-pilot@1@v1\n"
    )
    repo.charter(HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: acme-pilot@1"))
    [finding] = findings(repo)
    assert finding["rule"] == "timebox" and "10 weeks" in finding["message"]
