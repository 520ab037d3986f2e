"""Every output format, parsed back and checked structurally on the same broken repo."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import HEALTHY_CHARTER, govkit, line_of

BROKEN = HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical").replace(
    "allocation: 90", "allocation: 50"
)
CRIT_LINE = line_of(BROKEN, "criticality: mission-critical")
ALLOC_LINE = line_of(BROKEN, "allocation: 50")


@pytest.fixture
def broken(repo):
    repo.charter(BROKEN)
    return repo


def run(repo, fmt):
    result = govkit("lint", "--root", str(repo.root), "--format", fmt)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_json_has_the_contract_shape(broken):
    data = json.loads(run(broken, "json"))
    assert set(data) == {"govkit", "command", "as_of", "findings", "teams", "summary"}
    assert data["command"] == "lint" and data["govkit"] == 1
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    crit = next(f for f in data["findings"] if f["rule"] == "single-capability")
    assert crit == {
        "team": "reorder-pilot",
        "rule": "single-capability",
        "severity": "error",
        "message": crit["message"],
        "file": "teams/reorder-pilot/charter.yaml",
        "line": CRIT_LINE,
        "column": 16,
        "waived": False,
        "day": dt.date.today().isoformat(),  # lint judges the files as they are today
        "open": True,
    }


def test_sarif_has_rules_levels_and_physical_locations(broken):
    data = json.loads(run(broken, "sarif"))
    assert data["version"] == "2.1.0"
    [sarif_run] = data["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"single-capability": "error", "dedicated-members": "warning"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert rules[result["ruleIndex"]]["help"]["text"]
    crit = next(r for r in results if r["ruleId"] == "single-capability")
    region = crit["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": CRIT_LINE, "startColumn": 16}
    assert "mission-critical" in next(r for r in rules if r["id"] == "single-capability")["fullDescription"]["text"]


def test_junit_has_a_failing_case_per_rule_broken_at_the_fail_on_level(broken):
    root = ET.fromstring(run(broken, "junit"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "reorder-pilot"
    failed = {case.get("name") for case in suite.findall("testcase") if case.find("failure") is not None}
    assert failed == {"single-capability"}
    passed = {case.get("name") for case in suite.findall("testcase") if case.find("failure") is None}
    assert {"team-size", "dedicated-members"} <= passed
    assert suite.get("failures") == "1" and int(suite.get("tests")) == len(suite.findall("testcase"))


def test_github_annotations_name_file_line_column_and_title(broken):
    lines = run(broken, "github").splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert (
        f"file=teams/reorder-pilot/charter.yaml,line={CRIT_LINE},col=16,title=govkit single-capability (reorder-pilot)::"
        in error
    )
    assert any(line.startswith("::warning ") and f"line={ALLOC_LINE}" in line for line in lines)


def test_markdown_is_a_table_with_one_row_per_finding(broken):
    text = run(broken, "markdown")
    rows = [line for line in text.splitlines() if line.startswith("| error") or line.startswith("| warning")]
    assert len(rows) == 2
    assert all(row.count("|") == 5 for row in rows)
    assert "| reorder-pilot | 🔴 red |" in text


def test_text_is_plain_when_piped_and_ends_with_a_summary(broken):
    text = run(broken, "text")
    assert "\x1b[" not in text
    assert f"teams/reorder-pilot/charter.yaml:{CRIT_LINE}:16: error single-capability" in text
    assert text.splitlines()[-1] == "govkit lint: 1 error, 1 warning, 0 infos in 1 team."


def test_a_pipe_in_a_message_does_not_break_the_markdown_table(repo):
    repo.charter(
        HEALTHY_CHARTER.replace("name: Tom Becker", "name: Tom | Becker").replace("allocation: 90", "allocation: 50")
    )
    text = govkit("lint", "--root", str(repo.root), "--format", "markdown").stdout
    [row] = [line for line in text.splitlines() if line.startswith("| warning")]
    assert row.replace("\\|", "").count("|") == 5
