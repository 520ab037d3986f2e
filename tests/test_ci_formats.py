"""What CI servers and code scanning accept: thresholds, limits, fingerprints, help and breach times."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import HEALTHY_CHARTER, govkit

# A critical capability (error) and a low allocation (warning).
BROKEN = HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical").replace(
    "allocation: 90", "allocation: 50"
)


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
