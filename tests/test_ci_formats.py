"""What CI servers and code scanning accept: thresholds, limits, fingerprints, help and breach times."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from govkit.model import Finding, Location, Result, Severity, TeamStatus
from govkit.report import reporter
from tests.conftest import HEALTHY_CHARTER, govkit

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


def test_github_annotates_at_most_ten_of_each_kind_and_ends_with_one_summary_saying_what_is_left(repo):
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


def test_github_keeps_room_for_the_summary_among_ten_notices(repo):
    findings = many(11, Severity.ERROR) + many(12, Severity.INFO)
    lines = written(Result("lint", None, findings), "github").splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 10 and "1 error, 3 notices" in notices[-1]


def test_github_annotates_the_most_severe_first(repo):
    findings = many(12, Severity.WARNING) + many(1, Severity.ERROR) + [many(1, Severity.ERROR)[0].waive()]
    lines = written(Result("lint", None, findings), "github").splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 1
    assert any(line.startswith("::notice ") and "[waived]" in line for line in lines)


def test_github_within_its_limits_ends_with_the_plain_summary_line():
    lines = written(Result("lint", None, many(2, Severity.ERROR)), "github").splitlines()
    assert len(lines) == 3 and lines[-1] == "govkit lint: 2 errors, 0 warnings, 0 infos."


def test_github_cuts_a_message_before_the_runner_would():
    finding = Finding("yaml", Severity.ERROR, "x" * 10_000, Location("a.yaml", 1))
    [line, _] = written(Result("lint", None, [finding]), "github").splitlines()
    message = line.split("::", 2)[2]
    assert len(message) == 4096 and message.endswith("…")
