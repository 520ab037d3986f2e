"""What GitHub code scanning accepts from one SARIF run, and findings grouped to fit it.

Code scanning rejects a run of more than 25,000 results and an upload of more than 10 MB
gzipped. A run beyond either has the findings of one rule in one team grouped into one
result that says how many it holds and names the first few; if even that is too much, the
most severe results are kept. The run says so in its properties and in a note.
"""

from __future__ import annotations

import dataclasses
import gzip
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govkit.model import Finding, Result
from govkit.wording import counted

MAX_RESULTS = 25_000
MAX_GZIPPED_BYTES = 10_000_000
NAMED_IN_GROUP = 3
_QUOTE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Entry:
    """One SARIF result: a finding, or a group of `size` findings of one rule in one team."""

    finding: Finding
    size: int = 1


def gzipped_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def fits(text: str) -> bool:
    raw = len(text.encode("utf-8"))
    return raw <= MAX_GZIPPED_BYTES or gzipped_size(text) <= MAX_GZIPPED_BYTES


def fitted(
    result: Result, render: Callable[[list[Entry], dict[str, Any] | None], tuple[dict[str, Any], str]]
) -> tuple[dict[str, Any], str]:
    """The SARIF document and its text, from `render(entries, grouping)`, within code scanning's limits."""
    entries = [Entry(f) for f in result.findings]
    document, text = render(entries, None)
    if len(entries) <= MAX_RESULTS and fits(text):
        return document, text
    entries = grouped(result)
    document, text = render(entries, _grouping(result, len(entries), len(entries)))
    if len(entries) <= MAX_RESULTS and fits(text):
        return document, text
    # Still too much: the most severe results, as many as fit.
    ranked = sorted(entries, key=lambda e: (e.finding.waived, -e.finding.severity))
    keep = min(MAX_RESULTS, len(ranked))
    while True:
        document, text = render(ranked[:keep], _grouping(result, len(entries), keep))
        if fits(text) or keep <= 1:
            return document, text
        keep = max(1, min(keep - 1, int(keep * MAX_GZIPPED_BYTES / gzipped_size(text) * 0.95)))


def grouped(result: Result) -> list[Entry]:
    """One entry per rule and team, in the order first found; single findings stay as they are."""
    groups: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.team, finding.rule), []).append(finding)
    return [_group(result, findings) if len(findings) > 1 else Entry(findings[0]) for findings in groups.values()]


def _group(result: Result, findings: list[Finding]) -> Entry:
    first = findings[0]
    live = [f for f in findings if not f.waived]
    worst = max(f.severity for f in live or findings)
    whose = f" for team `{first.team}`" if first.team else ""
    named = "; ".join(
        f"{n}) {_short(f.message)}" + (f" at {f.location}" if f.location else "")
        for n, f in enumerate(findings[:NAMED_IN_GROUP], 1)
    )
    message = (
        f"{counted(len(findings), 'finding')} of rule `{first.rule}`{whose}, grouped into one result: this run has "
        f"{counted(len(result.findings), 'finding')}, more than code scanning takes. The first: {named}. "
        f"See them all with `govkit {result.command} --format text` or `--format json`."
    )
    finding = dataclasses.replace(first, severity=worst, message=message, waived=not live, commit=None)
    return Entry(finding, len(findings))


def _short(text: str) -> str:
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _grouping(result: Result, groups: int, kept: int) -> dict[str, Any]:
    """The run's properties and note when its results are grouped (and, if need be, cut)."""
    total = len(result.findings)
    note = (
        f"This run has {counted(total, 'finding')}, more than code scanning takes in one run "
        f"({MAX_RESULTS:,} results, {MAX_GZIPPED_BYTES // 1_000_000} MB gzipped): the findings of each rule "
        f"in each team are grouped into one result."
    )
    if kept < groups:
        note += f" Even grouped they were too many: only the {kept:,} most severe of {groups:,} results are here."
    note += f" `govkit {result.command} --format text` or `--format json` lists every finding."
    properties = {"grouped": True, "findings": total, "results": kept, "groups": groups}
    return {"properties": properties, "note": note}
