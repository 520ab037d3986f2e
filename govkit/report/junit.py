"""`--format junit`: one test suite per team (and one for repo-wide files), one case per rule.

A CI test tab then shows each agreement as a passing or failing test, failing exactly when
the exit code says so: a finding at or above `--fail-on` is a `<failure>`. One below it
(a warning under the default `--fail-on error`, anything under `never`) leaves the case
passing, with the finding in its `<system-out>`: the rule was checked, so "skipped" would
misreport it, and Jenkins, GitLab and Azure DevOps all show a passing case's output. A
waived finding is `<skipped>`, as the team agreed not to be held to that rule for now.

Every text is shown with its control characters escaped, so the XML is valid whatever a
charter or a commit holds (XML 1.0 cannot carry most C0 controls or lone surrogates at all).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from govkit.model import Finding, Result, Severity
from govkit.report.text import message_with_time
from govkit.visible import visible


def _lines(findings: list[Finding], suite_name: str) -> str:
    return "\n".join(
        visible(f"{f.location or suite_name}: {f.severity.label}: {message_with_time(f)}") for f in findings
    )


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    by_suite: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for team in result.teams:
        for rule_id in result.rule_help:
            by_suite[team.team].setdefault(rule_id, [])
    for finding in result.findings:
        by_suite[finding.team or "repository"][finding.rule].append(finding)
    root = ET.Element("testsuites", name=visible(f"govkit {result.command}"))
    total = failed = skipped = 0
    for suite_name in sorted(by_suite):
        cases = by_suite[suite_name]
        suite = ET.SubElement(root, "testsuite", name=visible(suite_name))
        suite_failures = suite_skipped = 0
        for rule_id in sorted(cases):
            case = ET.SubElement(suite, "testcase", classname=visible(f"govkit.{suite_name}"), name=visible(rule_id))
            failing = [f for f in cases[rule_id] if f.counts_at(fail_on)]
            below = [f for f in cases[rule_id] if not f.waived and not f.counts_at(fail_on)]
            if failing:
                suite_failures += 1
                first = failing[0]
                failure = ET.SubElement(case, "failure", message=visible(first.message), type=first.severity.label)
                failure.text = _lines(failing, suite_name)
            elif cases[rule_id] and not below:
                suite_skipped += 1
                ET.SubElement(case, "skipped", message="waived in the team's charter")
            if below:
                ET.SubElement(case, "system-out").text = _lines(below, suite_name)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("skipped", str(suite_skipped))
        total += len(cases)
        failed += suite_failures
        skipped += suite_skipped
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("skipped", str(skipped))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
