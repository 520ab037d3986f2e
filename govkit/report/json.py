"""`--format json`: the contract's shape, stable for scripts."""

from __future__ import annotations

import json
from typing import Any, TextIO

from govkit.model import Finding, Result, Severity
from govkit.report.part import part_extras


def finding_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "team": finding.team,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
    }
    if finding.location is not None:
        data["file"] = finding.location.file
        if finding.location.line is not None:
            data["line"] = finding.location.line
        if finding.location.column is not None:
            data["column"] = finding.location.column
    if finding.commit is not None:
        data["commit"] = finding.commit
    data["waived"] = finding.waived
    if finding.day is not None:
        data["day"] = finding.day
    data["open"] = finding.open
    if finding.until is not None:
        data["until"] = finding.until
    return data


def as_dict(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = {
        "govkit": 1,
        "command": result.command,
        "as_of": result.as_of,
        "findings": [finding_dict(f) for f in result.findings],
        "teams": [{"team": t.team, "status": t.status, "reason": t.reason} for t in result.teams],
        "summary": result.summary(),
    }
    if result.examples_run is not None:
        data["tested"] = {"examples": result.examples_run.examples, "rules": result.examples_run.rules}
    part_extras(result, data)  # a shard's: what merging it with the other shards needs
    return data


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    json.dump(as_dict(result), out, indent=2)
    out.write("\n")
