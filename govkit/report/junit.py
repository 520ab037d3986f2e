"""`--format junit`: one test suite per team (and one for repo-wide files), one case per rule.

A CI test tab then shows each agreement as a passing or failing test.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from govkit.model import Finding, Result


def write(result: Result, out: TextIO) -> None:
    by_suite: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for team in result.teams:
        for rule_id in result.rule_help:
            by_suite[team.team].setdefault(rule_id, [])
    for finding in result.findings:
        by_suite[finding.team or "repository"][finding.rule].append(finding)
    root = ET.Element("testsuites", name=f"govkit {result.command}")
    total = failed = 0
    for suite_name in sorted(by_suite):
        cases = by_suite[suite_name]
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        suite_failures = 0
        for rule_id in sorted(cases):
            case = ET.SubElement(suite, "testcase", classname=f"govkit.{suite_name}", name=rule_id)
            live = [f for f in cases[rule_id] if not f.waived]
            if live:
                suite_failures += 1
                body = "\n".join(f"{f.location or suite_name}: {f.severity.label}: {f.message}" for f in live)
                ET.SubElement(case, "failure", message=live[0].message, type=live[0].severity.label).text = body
            elif cases[rule_id]:
                ET.SubElement(case, "skipped", message="waived in the team's charter")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        total += len(cases)
        failed += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
