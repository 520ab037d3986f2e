"""`--format text`: one line per finding, `path:line:col: severity rule message`.

Coloured with rich on a terminal, plain when piped; a summary line closes it. What a finding
quotes is shown with its control characters escaped, and no line can pass for a CI runner's
workflow command, so neither a terminal nor a CI log obeys text a user wrote.
"""

from __future__ import annotations

from typing import TextIO

from govkit.model import Finding, Result, Severity
from govkit.visible import inert, quoted
from govkit.wording import counted

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary_line(result: Result) -> str:
    counts = result.summary()
    waived = sum(1 for f in result.findings if f.waived)
    past = sum(1 for f in result.findings if not f.waived and not f.open)
    parts = [counted(n, label) for label, n in counts.items()]
    tail = f", {waived} waived" if waived else ""
    over = (
        f"; {past} of them {'is' if past == 1 else 'are'} over and fail{'s' if past == 1 else ''} nothing"
        if past
        else ""
    )
    return inert(f"govkit {result.command}: {', '.join(parts)}{tail}{_scope(result)}{over}.")


def breach_time(finding: Finding) -> str:
    """When the breach held, for people: `since DAY` while open, `DAY to DAY` once past; empty when unknown."""
    if finding.day is None:
        return "" if finding.until is None else f"until {finding.until}"
    if finding.until is None:
        return f"since {finding.day}"
    return f"on {finding.day}" if finding.until == finding.day else f"{finding.day} to {finding.until}"


def message_with_time(finding: Finding) -> str:
    """The finding's message, followed by when the breach held when that is known."""
    when = breach_time(finding)
    return f"{finding.message} ({when})" if when else finding.message


def _scope(result: Result) -> str:
    """What the run looked at: its teams, or the examples a policy test ran."""
    if result.examples_run is not None:
        ran = result.examples_run
        return f" in {counted(ran.examples, 'example')} for {counted(ran.rules, 'rule')}"
    return f" in {counted(len(result.teams), 'team')}" if result.teams else ""


def write(result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None:
    colour = out.isatty()
    console = None
    if colour:
        from rich.console import Console

        console = Console(file=out, highlight=False, soft_wrap=True)
    for finding in result.findings:
        where = inert(str(finding.location) if finding.location else (finding.team or "-"))
        label = finding.severity.label + (" (waived)" if finding.waived else "")
        rule, message = quoted(finding.rule), quoted(message_with_time(finding))
        if console is not None:
            from rich.markup import escape

            style = "dim" if finding.waived else _STYLE[finding.severity]
            console.print(f"[bold]{escape(where)}[/]: [{style}]{label}[/] [dim]{escape(rule)}[/] {escape(message)}")
        else:
            out.write(f"{where}: {label} {rule} {message}\n")
    if console is not None:
        console.print(f"[bold]{summary_line(result)}[/]")
    else:
        out.write(summary_line(result) + "\n")
