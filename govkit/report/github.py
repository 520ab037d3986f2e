"""`--format github`: workflow commands, so findings show as annotations on the pull request.

What a finding quotes is shown with its control characters escaped, so no quoted line break
can start a line of its own, and no `##[` legacy command can appear.
"""

from __future__ import annotations

from typing import TextIO

from govkit.model import Result, Severity
from govkit.report.text import summary_line
from govkit.visible import quoted

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    for finding in result.findings:
        command = "notice" if finding.waived else _COMMAND[finding.severity]
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
        props.append(f"title={_escape_property(quoted(title))}")
        out.write(f"::{command} {','.join(props)}::{_escape_data(quoted(finding.message))}\n")
    out.write(summary_line(result) + "\n")
