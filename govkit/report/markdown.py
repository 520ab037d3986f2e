"""`--format markdown`: a table fit for a pull-request comment."""

from __future__ import annotations

from typing import TextIO

from govkit.model import Result, Severity

_ICON = {"red": "🔴", "amber": "🟠", "green": "🟢"}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    counts = result.summary()
    out.write(f"### govkit {result.command}" + (f" as of {result.as_of}" if result.as_of else "") + "\n\n")
    out.write(", ".join(f"**{n}** {label}{'s' if n != 1 else ''}" for label, n in counts.items()) + "\n\n")
    if result.teams:
        out.write("| team | status |\n|---|---|\n")
        for team in result.teams:
            out.write(f"| {_cell(team.team)} | {_ICON[team.status]} {team.status} |\n")
        out.write("\n")
    if not result.findings:
        out.write("No findings.\n")
        return
    out.write("| severity | rule | where | message |\n|---|---|---|---|\n")
    for finding in result.findings:
        where = f"`{_cell(str(finding.location))}`" if finding.location else ""
        if finding.commit:
            where += f" commit `{finding.commit[:12]}`"
        severity = finding.severity.label + (" (waived)" if finding.waived else "")
        out.write(f"| {severity} | `{finding.rule}` | {where} | {_cell(finding.message)} |\n")
