"""`govkit policy test`: each rule proved on pass and fail examples, like `conftest verify`."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import HEALTHY_CHARTER, govkit

ROOT = Path(__file__).resolve().parents[1]
POLICY = """govkit: 1
name: house-rules
version: 1.0.0
rules:
  - id: small-team
    check: team-size
    severity: error
    params: {min: 3, max: 4}
"""
FOUR = HEALTHY_CHARTER.replace("status: active", "status: draft")
FIVE = FOUR.replace(
    "repos:\n",
    "  - name: Lea Novak\n    email: lea@example.com\n    side: business\n    role: Analyst\n    allocation: 100\n"
    "  - name: Bo Li\n    email: bo@example.com\n    side: business\n    role: Analyst\n    allocation: 100\n"
    + "repos:\n",
    1,
)


def policies(tmp_path: Path, passing: str, failing: str) -> Path:
    folder = tmp_path / "policies"
    (folder / "tests" / "small-team" / "pass").mkdir(parents=True)
    (folder / "tests" / "small-team" / "fail").mkdir(parents=True)
    (folder / "house-rules.yaml").write_text(POLICY)
    (folder / "tests" / "small-team" / "pass" / "three.yaml").write_text(passing)
    (folder / "tests" / "small-team" / "fail" / "five.yaml").write_text(failing)
    return folder


def test_the_built_in_policy_passes_its_own_examples():
    run = govkit("policy", "test", str(ROOT / "policies"), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []


def test_every_built_in_rule_has_a_pass_and_a_fail_example():
    tests = ROOT / "policies" / "tests"
    text = (ROOT / "policies" / "firewalled-pilot.yaml").read_text()
    rule_ids = [line.split("id:")[1].strip() for line in text.splitlines() if line.strip().startswith("- id:")]
    for rule in rule_ids:
        assert any((tests / rule / "pass").iterdir()), rule
        assert any((tests / rule / "fail").iterdir()), rule


def test_examples_that_behave_pass(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, FOUR, FIVE)))
    assert run.exit_code == 0, run.stdout


def test_a_fail_example_that_does_not_fail_is_reported(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, FOUR, FOUR)), "--format", "json")
    assert run.exit_code == 1
    [finding] = run.json()["findings"]
    assert finding["rule"] == "small-team" and finding["file"] == "policies/tests/small-team/fail/five.yaml"
    assert "did not raise `small-team`" in finding["message"]


def test_a_pass_example_that_fails_is_reported_with_the_rules_message(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, FIVE, FIVE)), "--format", "json")
    [finding] = run.json()["findings"]
    assert "The pass example three.yaml raised `small-team`" in finding["message"] and "at most 4" in finding["message"]


def test_a_pass_example_that_is_not_yaml_is_reported_at_its_line(tmp_path):
    broken = FOUR.replace("name: One-click Reorder Pilot", "name: [One-click Reorder Pilot")
    run = govkit("policy", "test", str(policies(tmp_path, broken, FIVE)), "--format", "json")
    assert run.exit_code == 1
    [finding] = run.json()["findings"]
    assert finding["rule"] == "small-team" and finding["file"] == "policies/tests/small-team/pass/three.yaml"
    assert finding["line"] == 4
    assert "The pass example three.yaml is not a valid charter, so it proves nothing" in finding["message"]


def test_a_pass_example_that_is_not_a_charter_is_reported(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, "hello: world\n", FIVE)), "--format", "json")
    assert run.exit_code == 1
    found = run.json()["findings"]
    assert {f["file"] for f in found} == {"policies/tests/small-team/pass/three.yaml"}
    messages = [f["message"] for f in found]
    assert any("Unknown key `hello`" in m for m in messages)
    assert any("Missing required key `members`" in m for m in messages)


def test_an_example_activity_log_that_is_not_valid_is_reported_in_the_example_folder(tmp_path):
    folder = policies(tmp_path, FOUR, FIVE)
    example = folder / "tests" / "small-team" / "pass" / "with-log"
    example.mkdir()
    (example / "charter.yaml").write_text(FOUR)
    (example / "activity.yaml").write_text("govkit: 1\nevents:\n  - date: 2026-09-12\n    type: party\n")
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 1
    [finding] = run.json()["findings"]
    assert (finding["file"], finding["line"]) == ("policies/tests/small-team/pass/with-log/activity.yaml", 4)
    assert "is not a valid activity log" in finding["message"] and "`party`" in finding["message"]


def test_a_folder_named_after_no_rule_is_reported_with_the_closest_rule(tmp_path):
    folder = policies(tmp_path, FOUR, FIVE)
    (folder / "tests" / "small-tem" / "pass").mkdir(parents=True)
    (folder / "tests" / "small-tem" / "pass" / "three.yaml").write_text(FOUR)
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 1
    [finding] = run.json()["findings"]
    assert (finding["rule"], finding["file"]) == ("small-tem", "policies/tests/small-tem")
    assert "There is no rule `small-tem` in policy `house-rules`" in finding["message"]
    assert "Did you mean `small-team`?" in finding["message"]


def test_a_folder_of_another_policys_rule_is_not_reported(tmp_path):
    folder = policies(tmp_path, FOUR, FIVE)
    (folder / "other-rules.yaml").write_text(
        POLICY.replace("house-rules", "other-rules").replace("small-team", "tiny-team")
    )
    shutil.copytree(folder / "tests" / "small-team", folder / "tests" / "tiny-team")
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []


def test_a_rule_without_examples_is_a_warning(tmp_path):
    folder = policies(tmp_path, FOUR, FIVE)
    shutil.rmtree(folder / "tests" / "small-team" / "fail")
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 0
    [finding] = run.json()["findings"]
    assert finding["severity"] == "warning" and "no fail example" in finding["message"]
    assert (finding["file"], finding["line"]) == ("policies/house-rules.yaml", 5)


def test_the_summary_says_how_many_examples_ran_for_how_many_rules(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, FOUR, FIVE)))
    assert run.stdout.splitlines()[-1] == "govkit policy test: 0 errors, 0 warnings, 0 infos in 2 examples for 1 rule."


def test_json_counts_the_examples_beside_the_usual_fields(tmp_path):
    data = govkit("policy", "test", str(policies(tmp_path, FOUR, FIVE)), "--format", "json").json()
    assert data["tested"] == {"examples": 2, "rules": 1}
    assert data["summary"] == {"error": 0, "warning": 0, "info": 0} and data["findings"] == []


def test_results_show_as_junit_test_cases(tmp_path):
    run = govkit("policy", "test", str(policies(tmp_path, FOUR, FOUR)), "--format", "junit")
    root = ET.fromstring(run.stdout)
    failed = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
    assert failed == ["small-team"]


def test_a_folder_without_policies_cannot_run(tmp_path):
    run = govkit("policy", "test", str(tmp_path))
    assert run.exit_code == 2 and "No policy files" in run.stderr


def test_an_example_whose_setup_files_are_wrong_is_a_finding_not_a_crash(tmp_path):
    folder = policies(tmp_path, FOUR, FIVE)
    for name, text in (
        ("bad-commits", "commits:\n  - {when: someday}\n"),
        ("bad-yaml", "commits: [\n"),
    ):
        example = folder / "tests" / "small-team" / "pass" / name
        example.mkdir()
        (example / "charter.yaml").write_text(FOUR)
        (example / "commits.yaml").write_text(text)
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 1, run.stderr
    messages = {f["file"].rsplit("/", 1)[-1]: f["message"] for f in run.json()["findings"]}
    assert set(messages) == {"bad-commits", "bad-yaml"}
    assert all("could not be set up" in message for message in messages.values())
