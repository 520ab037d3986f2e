"""`--format sarif`: SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, GitLab).

Each result carries a fingerprint of the breach itself, so code scanning tracks one alert
across runs instead of opening a new one when a line moves or a count grows; every rule id
that appears has its help; the run's `automationDetails.id` keeps one command's (or one
shard's) alerts apart from another's; and the run stays within code scanning's limits
(`code_scanning`). Text from charters and commits is shown with its control characters
escaped and its brackets escaped as SARIF asks, so it cannot form an embedded link.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, TextIO

from govkit import __version__
from govkit.markdown import markdown_sentence
from govkit.model import Finding, Location, Result, Severity
from govkit.report.code_scanning import Entry, fitted
from govkit.visible import visible

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "govkitBreach/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_COUNTS = re.compile(r"\d+")
_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


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


def breach_identity(finding: Finding) -> str:
    """What tells one breach from another, and stays the same from run to run: team, rule, file,
    commit, the day it began and the message without its numbers (counts of days grow daily);
    never the line, which moves when the file around it is edited.

    A finding that does not carry its day is dated by the first day its message names, which
    is where govkit's messages put the start of a gap or the day of a commit."""
    first_day = _DAY.search(finding.message)
    parts = (
        finding.team or "",
        finding.rule,
        finding.location.file if finding.location else "",
        finding.commit or "",
        finding.day or (first_day.group() if first_day else ""),
        " ".join(_COUNTS.sub("#", finding.message).split()),
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(entry: Entry, rule_index: int, fingerprint: str) -> dict[str, Any]:
    finding = entry.finding
    result: dict[str, Any] = {
        "ruleId": visible(finding.rule),
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": _text(finding.message)},
        "partialFingerprints": {FINGERPRINT: fingerprint},
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
    if finding.day is not None:
        properties["day"] = visible(finding.day)
        properties["open"] = finding.open
    if finding.until is not None:
        properties["until"] = visible(finding.until)
    if entry.size > 1:
        properties["grouped"] = entry.size
    if properties:
        result["properties"] = properties
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": "Waived in the team's charter."}]
    return result


def _fingerprints(entries: list[Entry]) -> list[str]:
    """Each entry's fingerprint; equal breaches are told apart by the order they were found in."""
    seen: dict[str, int] = {}
    prints = []
    for entry in entries:
        basis = breach_identity(entry.finding) if entry.size == 1 else _group_identity(entry.finding)
        seen[basis] = seen.get(basis, 0) + 1
        prints.append(f"{basis}:{seen[basis]}")
    return prints


def _group_identity(finding: Finding) -> str:
    return hashlib.sha256(
        f"{finding.team or ''}\0{finding.rule}\0grouped".encode("utf-8", "surrogatepass")
    ).hexdigest()[:32]


def automation_id(result: Result) -> str:
    return result.category or f"govkit/{result.command.replace(' ', '-')}/"


def _document(result: Result, entries: list[Entry], grouping: dict[str, Any] | None) -> tuple[dict[str, Any], str]:
    rule_ids = list(dict.fromkeys([*result.rule_help, *(e.finding.rule for e in entries)]))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    prints = _fingerprints(entries)
    document: dict[str, Any] = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govkit",
                        "version": __version__,
                        "informationUri": "https://github.com/govkit/govkit",
                        "rules": [_rule(rule_id, result.rule_help.get(rule_id)) for rule_id in rule_ids],
                    }
                },
                "automationDetails": {"id": visible(automation_id(result))},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": [_result(e, index[e.finding.rule], p) for e, p in zip(entries, prints, strict=True)],
            }
        ],
    }
    if grouping is not None:
        note = {"level": "note", "message": {"text": _text(grouping["note"])}}
        run: dict[str, Any] = document["runs"][0]
        run["properties"] = grouping["properties"]
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [note]}]
    return document, json.dumps(document, indent=2) + "\n"


def as_dict(result: Result) -> dict[str, Any]:
    return fitted(result, lambda entries, grouping: _document(result, entries, grouping))[0]


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    out.write(fitted(result, lambda entries, grouping: _document(result, entries, grouping))[1])
