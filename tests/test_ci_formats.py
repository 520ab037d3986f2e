"""What CI servers and code scanning accept: thresholds, limits, fingerprints, help and breach times."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from govkit.model import Finding, Location, Result, Severity, TeamStatus
from govkit.report import reporter
from govkit.report.code_scanning import MAX_GZIPPED_BYTES, MAX_RESULTS, gzipped_size
from govkit.report.sarif import as_dict
from tests.conftest import HEALTHY_CHARTER, govkit
from tests.hostile.outputs import sarif_document
from tests.pilot import healthy

# A critical capability (error) and a low allocation (warning).
BROKEN = HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical").replace(
    "allocation: 90", "allocation: 50"
)


def written(result: Result, name: str, fail_on: Severity | None = Severity.ERROR) -> str:
    out = io.StringIO()
    reporter(name)(result, out, fail_on)
    return out.getvalue()


def junit_cases(repo, *fail_on: str) -> dict[str, ET.Element]:
    run = govkit("lint", "--root", str(repo.root), "--format", "junit", *fail_on)
    return {case.get("name"): case for case in ET.fromstring(run.stdout).iter("testcase")}


def test_junit_shows_a_warning_under_the_default_fail_on_as_a_passing_case_with_its_text(repo):
    repo.charter(BROKEN)
    cases = junit_cases(repo)
    warning = cases["dedicated-members"]
    assert warning.find("failure") is None and warning.find("skipped") is None
    assert "Tom Becker is allocated 50%" in warning.find("system-out").text
    assert cases["single-capability"].find("failure") is not None


def test_junit_fails_a_warning_when_fail_on_is_warning(repo):
    repo.charter(BROKEN)
    cases = junit_cases(repo, "--fail-on", "warning")
    assert {name for name, case in cases.items() if case.find("failure") is not None} == {
        "single-capability",
        "dedicated-members",
    }


def test_junit_has_no_failures_with_fail_on_never(repo):
    repo.charter(BROKEN)
    run = govkit("lint", "--root", str(repo.root), "--format", "junit", "--fail-on", "never")
    assert run.exit_code == 0
    root = ET.fromstring(run.stdout)
    assert root.get("failures") == "0" and not list(root.iter("failure"))
    assert len(list(root.iter("system-out"))) == 2


def many(count: int, severity: Severity, rule: str = "demo-cadence", team: str = "reorder-pilot") -> list[Finding]:
    return [
        Finding(rule, severity, f"Gap number {n} in the demos.", Location("teams/x/activity.yaml", n), team)
        for n in range(count)
    ]


def test_github_annotates_at_most_ten_of_each_kind_and_ends_with_one_summary_saying_what_is_left():
    findings = many(3, Severity.INFO) + many(12, Severity.WARNING) + many(15, Severity.ERROR)
    output = written(Result("check", "2026-10-15", findings, [TeamStatus("reorder-pilot", "red")]), "github")
    lines = output.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == 10 and kinds.count("::warning") == 10
    assert kinds.count("::notice") == 3 + 1  # the infos, and the summary
    summary = lines[-1]
    assert summary.startswith("::notice title=")
    assert "5 errors, 2 warnings" in summary and "--format text" in summary and "code scanning" in summary
    assert "govkit check: 15 errors, 12 warnings, 3 infos in 1 team." in summary


def test_github_keeps_room_for_the_summary_among_ten_notices():
    findings = many(11, Severity.ERROR) + many(12, Severity.INFO)
    lines = written(Result("lint", None, findings), "github").splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 10 and "1 error, 3 notices" in notices[-1]


def test_github_annotates_the_most_severe_first():
    waived = [finding.waive() for finding in many(12, Severity.ERROR)]
    infos = many(3, Severity.INFO, rule="metric-readings")
    lines = written(Result("lint", None, waived + infos), "github").splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 10  # nine findings and the summary
    assert sum("metric-readings" in line for line in notices) == 3  # the live infos before the waived errors
    assert "6 notices" in notices[-1]


def test_github_within_its_limits_ends_with_the_plain_summary_line():
    lines = written(Result("lint", None, many(2, Severity.ERROR)), "github").splitlines()
    assert len(lines) == 3 and lines[-1] == "govkit lint: 2 errors, 0 warnings, 0 infos."


def test_github_cuts_a_message_before_the_runner_would():
    finding = Finding("yaml", Severity.ERROR, "x" * 10_000, Location("a.yaml", 1))
    [line, _] = written(Result("lint", None, [finding]), "github").splitlines()
    message = line.split("::", 2)[2]
    assert len(message) == 4096 and message.endswith("…")


def demo_results(pilot, as_of: str) -> list[dict]:
    sarif = json.loads(pilot.check("--format", "sarif", as_of=as_of).stdout)
    return [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "demo-cadence"]


def start_line(result: dict) -> int:
    return result["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_a_breach_keeps_its_fingerprint_when_its_line_moves_and_its_day_count_grows(tmp_path):
    pilot = healthy(tmp_path)  # the last demo is on 2026-10-05, and the charter agrees 14 days
    [before] = demo_results(pilot, "2026-10-20")
    activity = pilot.charters.root / "teams/reorder-pilot/activity.yaml"
    activity.write_text("# kept by the team\n" * 3 + activity.read_text())
    [after] = demo_results(pilot, "2026-10-25")
    assert start_line(after) == start_line(before) + 3
    assert "15 days" in before["message"]["text"] and "20 days" in after["message"]["text"]
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert set(before["partialFingerprints"]) == {"govkitBreach/v1"}


def test_two_gaps_of_one_cadence_have_different_fingerprints(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.write()
    gaps = demo_results(pilot, "2026-10-20")
    assert len(gaps) == 2
    assert gaps[0]["partialFingerprints"] != gaps[1]["partialFingerprints"]


def test_two_breaches_of_one_rule_have_different_fingerprints():
    result = Result("check", None, many(2, Severity.ERROR) + many(1, Severity.ERROR, team="other"))
    prints = [r["partialFingerprints"]["govkitBreach/v1"] for r in as_dict(result)["runs"][0]["results"]]
    assert len(set(prints)) == 3


def test_sarif_files_alerts_under_the_command_unless_a_category_is_given(repo):
    repo.charter(BROKEN)
    sarif = json.loads(govkit("lint", "--root", str(repo.root), "--format", "sarif").stdout)
    assert sarif["runs"][0]["automationDetails"] == {"id": "govkit/lint/"}
    shard = Result("check", None, many(1, Severity.ERROR), category="govkit/check/shard-2-of-4/")
    assert as_dict(shard)["runs"][0]["automationDetails"] == {"id": "govkit/check/shard-2-of-4/"}


def test_every_rule_that_appears_in_sarif_has_its_help_including_git(tmp_path):
    pilot = healthy(tmp_path)
    (pilot.team_repo.path / ".git" / "HEAD").unlink()  # a folder that is no longer a git repo
    sarif = sarif_document(pilot.check("--format", "sarif").stdout)
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    appearing = {result["ruleId"] for result in sarif["runs"][0]["results"]}
    assert "git" in appearing
    for rule_id in appearing | {"file", "yaml", "schema", "consistency", "policy"}:
        rule = rules[rule_id]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    assert "fetch-depth: 0" in rules["git"]["help"]["text"]


def test_a_rule_no_policy_documents_still_has_help():
    result = Result("policy test", None, [Finding("no-such-rule", Severity.ERROR, "There is no rule.")])
    [rule] = as_dict(result)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "no-such-rule" and "no policy in this run documents" in rule["help"]["text"]


def forty_thousand_findings() -> Result:
    findings = [
        Finding(
            rule=f"rule-{n // 20 % 5}",
            severity=Severity.WARNING if n % 3 else Severity.ERROR,
            message=f"Commit {n:07d} in repo-{n % 7} by someone outside the team on day {n % 300}.",
            location=Location(f"teams/team-{n % 20}/charter.yaml", 10 + n % 40, 5),
            team=f"team-{n % 20}",
            commit=f"{n:040x}",
        )
        for n in range(40_000)
    ]
    return Result("check", "2026-10-15", findings, [TeamStatus(f"team-{n}", "red") for n in range(20)])


def test_forty_thousand_findings_are_grouped_by_rule_and_team_within_code_scanning_limits():
    result = forty_thousand_findings()
    text = written(result, "sarif")
    assert gzipped_size(text) <= MAX_GZIPPED_BYTES
    [run] = sarif_document(text)["runs"]
    assert len(run["results"]) == 100 <= MAX_RESULTS
    assert run["properties"] == {"grouped": True, "findings": 40_000, "results": 100, "groups": 100}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert "grouped" in note["message"]["text"]
    first = run["results"][0]
    assert first["properties"]["grouped"] == 400
    assert "400 findings of rule `rule-0` for team `team-0`" in first["message"]["text"]
    assert "Commit 0000000 in repo-0" in first["message"]["text"]


def test_findings_too_large_to_upload_are_grouped_until_they_fit():
    import random

    noise = random.Random(7)
    findings = [
        Finding("roster-authors", Severity.WARNING, f"{noise.getrandbits(40_000):x}", Location("a.yaml", n), "t")
        for n in range(2_000)
    ]
    text = written(Result("check", None, findings), "sarif")
    [run] = json.loads(text)["runs"]
    assert gzipped_size(text) <= MAX_GZIPPED_BYTES and run["properties"]["grouped"] is True
    assert len(run["results"]) == 1 and run["results"][0]["properties"]["grouped"] == 2_000


@pytest.mark.parametrize(
    ("day", "until", "shown"),
    [
        ("2026-10-01", None, "(since 2026-10-01)"),
        ("2026-09-01", "2026-09-20", "(2026-09-01 to 2026-09-20)"),
        ("2026-09-05", "2026-09-05", "(on 2026-09-05)"),
    ],
)
def test_human_formats_show_when_the_breach_held(day, until, shown):
    finding = Finding(
        "demo-cadence", Severity.ERROR, "No demo for 20 days.", Location("a.yaml", 3), "t", None, False, day, until
    )
    result = Result("check", "2026-10-15", [finding], [TeamStatus("t", "red")])
    for name in ("text", "github", "markdown", "junit"):
        assert f"No demo for 20 days. {shown}" in written(result, name), name
    data = json.loads(written(result, "json"))["findings"][0]
    assert data["message"] == "No demo for 20 days." and data["day"] == day and data.get("until") == until
