"""`--format sarif`: SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, GitLab).

Text from charters and commits is shown with its control characters escaped and its brackets
escaped as SARIF asks, so it cannot form an embedded link; paths are URI references.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from govkit import __version__
from govkit.markdown import markdown_sentence
from govkit.model import Finding, Location, Result, Severity
from govkit.visible import visible

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _text(text: str) -> str:
    """Plain SARIF message text: controls escaped; `[` and `]` escaped so no embedded link forms."""
    return visible(text).replace("[", "\\[").replace("]", "\\]")


def _rule(rule_id: str, help_text: str | None) -> dict[str, Any]:
    text = (help_text or "").strip() or (
        f"{rule_id}: a govkit finding that no policy in this run documents.\n\n"
        "Its message says what is wrong and what to do; rule ids come from the policy in force or are built in."
    )
    first = text.splitlines()[0].strip() or rule_id
    markdown = "\n\n".join(markdown_sentence(line, in_table=False) for line in text.splitlines() if line.strip())
    return {
        "id": visible(rule_id),
        "name": visible(rule_id),
        "shortDescription": {"text": visible(first)},
        "fullDescription": {"text": visible(text)},
        "help": {"text": visible(text), "markdown": markdown},
    }


def _uri(path: str) -> str:
    """A relative path as a URI reference: `%`, spaces and other bytes percent-encoded, as code scanning decodes them."""
    from urllib.parse import quote

    try:  # names read from the file system keep their undecodable bytes as surrogates
        return quote(path, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(visible(path), safe="/")


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": visible(finding.rule),
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": _text(finding.message)},
    }
    # Code scanning refuses results without a location: a team's unplaced finding goes to its charter.
    location = finding.location
    if location is None and finding.team:
        location = Location(f"teams/{finding.team}/charter.yaml")
    if location is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(location.file), "uriBaseId": "%SRCROOT%"}}
        if location.line is not None:
            region: dict[str, Any] = {"startLine": location.line}
            if location.column is not None:
                region["startColumn"] = location.column
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    properties: dict[str, Any] = {}
    if finding.team:
        properties["team"] = visible(finding.team)
    if finding.commit:
        properties["commit"] = visible(finding.commit)
    if properties:
        result["properties"] = properties
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": "Waived in the team's charter."}]
    return result


def as_dict(result: Result) -> dict[str, Any]:
    rule_ids = list(dict.fromkeys([*result.rule_help, *(f.rule for f in result.findings)]))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govkit",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/govkit/",
                        "rules": [_rule(rule_id, result.rule_help.get(rule_id)) for rule_id in rule_ids],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": [_result(f, index[f.rule]) for f in result.findings],
            }
        ],
    }


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    json.dump(as_dict(result), out, indent=2)
    out.write("\n")
