"""`--format github`: workflow commands, so findings show as annotations on the pull request.

GitHub's runner turns only the first 10 `::error`, 10 `::warning` and 10 `::notice` lines of a
step into annotations (50 per job), and cuts each message at 4,096 characters
(actions/runner ExecutionContext: `_maxCountPerIssueType`, `_maxIssueMessageLength`). So the
most severe findings are annotated, at most 10 of each kind, messages are cut before the
runner would cut them, and one summary line closes the output: when some findings could not
be annotated, it is itself an annotation that says how many and where to see them all.
"""

from __future__ import annotations

from typing import TextIO

from govkit.model import Finding, Result, Severity
from govkit.report.text import message_with_time, summary_line
from govkit.visible import quoted
from govkit.wording import counted

PER_KIND = 10
MESSAGE_LIMIT = 4096
TITLE_LIMIT = 255  # the Checks API's limit for an annotation title
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(finding: Finding) -> str:
    """The annotation a finding becomes: a waived one is only a notice."""
    return "notice" if finding.waived else _COMMAND[finding.severity]


def _annotation(finding: Finding) -> str:
    props = []
    if finding.location is not None:
        props.append(f"file={_escape_property(quoted(finding.location.file))}")
        if finding.location.line is not None:
            props.append(f"line={finding.location.line}")
            if finding.location.column is not None:
                props.append(f"col={finding.location.column}")
    title = (
        f"govkit {finding.rule}"
        + (f" ({finding.team})" if finding.team else "")
        + (" [waived]" if finding.waived else "")
    )
    props.append(f"title={_escape_property(_cut(quoted(title), TITLE_LIMIT))}")
    message = _cut(quoted(message_with_time(finding)), MESSAGE_LIMIT)
    return f"::{_kind(finding)} {','.join(props)}::{_escape_data(message)}"


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    # The most severe first within each kind; the order found within a severity.
    ranked = sorted(result.findings, key=lambda f: (f.waived, -f.severity))
    shown: dict[str, int] = {"error": 0, "warning": 0, "notice": 0}
    left_out: dict[str, int] = {"error": 0, "warning": 0, "notice": 0}
    chosen: list[Finding] = []
    for finding in ranked:
        if shown[_kind(finding)] < PER_KIND:
            shown[_kind(finding)] += 1
            chosen.append(finding)
        else:
            left_out[_kind(finding)] += 1
    if any(left_out.values()) and shown["notice"] == PER_KIND:
        # The summary below is a notice too: it takes the last notice's place.
        dropped = next(f for f in reversed(chosen) if _kind(f) == "notice")
        chosen.remove(dropped)
        left_out["notice"] += 1
    picked = {id(f) for f in chosen}
    for finding in result.findings:
        if id(finding) in picked:
            out.write(_annotation(finding) + "\n")
    summary = summary_line(result)
    if not any(left_out.values()):
        out.write(summary + "\n")
        return
    missing = ", ".join(counted(n, label) for label, n in left_out.items() if n)
    where = f"`govkit {result.command} --format text`"
    out.write(
        f"::notice title={_escape_property('govkit: more findings than annotations')}::"
        + _escape_data(
            f"{summary} Not annotated here, as GitHub shows {PER_KIND} annotations of each kind per step: {missing}. "
            f"See them all in code scanning (the SARIF upload) or with {where}."
        )
        + "\n"
    )
