"""`--format markdown`: a table fit for a pull-request comment.

Everything a finding quotes is escaped as `govkit.markdown` does it: no link, image, HTML,
mention or issue reference can come from a charter, an activity log or a commit, and no
table row can be broken.
"""

from __future__ import annotations

from typing import TextIO

from govkit.markdown import markdown_code, markdown_sentence, markdown_text
from govkit.model import Result, Severity
from govkit.report.text import message_with_time

_ICON = {"red": "🔴", "amber": "🟠", "green": "🟢"}


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    counts = result.summary()
    as_of = f" as of {markdown_text(result.as_of)}" if result.as_of else ""
    out.write(f"### govkit {markdown_text(result.command)}{as_of}\n\n")
    out.write(", ".join(f"**{n}** {label}{'s' if n != 1 else ''}" for label, n in counts.items()) + "\n\n")
    if result.teams:
        out.write("| team | status |\n|---|---|\n")
        for team in result.teams:
            out.write(f"| {markdown_text(team.team)} | {_ICON.get(team.status, '')} {markdown_text(team.status)} |\n")
        out.write("\n")
    if not result.findings:
        out.write("No findings.\n")
        return
    out.write("| severity | rule | where | message |\n|---|---|---|---|\n")
    for finding in result.findings:
        where = markdown_code(str(finding.location)) if finding.location else ""
        if finding.commit:
            where += f" commit {markdown_code(finding.commit[:12])}"
        severity = finding.severity.label + (" (waived)" if finding.waived else "")
        message = markdown_sentence(message_with_time(finding))
        out.write(f"| {severity} | {markdown_code(finding.rule)} | {where} | {message} |\n")
