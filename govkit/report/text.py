"""`--format text`: one line per finding, `path:line:col: severity rule message`.

Coloured with rich on a terminal, plain when piped; a summary line closes it.
"""

from __future__ import annotations

from typing import TextIO

from govkit.model import Result, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary_line(result: Result) -> str:
    counts = result.summary()
    waived = sum(1 for f in result.findings if f.waived)
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items()]
    tail = f", {waived} waived" if waived else ""
    teams = f" in {len(result.teams)} team{'s' if len(result.teams) != 1 else ''}" if result.teams else ""
    return f"govkit {result.command}: {', '.join(parts)}{tail}{teams}."


def write(result: Result, out: TextIO) -> None:
    colour = out.isatty()
    console = None
    if colour:
        from rich.console import Console

        console = Console(file=out, highlight=False, soft_wrap=True)
    for finding in result.findings:
        where = str(finding.location) if finding.location else (finding.team or "-")
        label = finding.severity.label + (" (waived)" if finding.waived else "")
        if console is not None:
            from rich.markup import escape

            style = "dim" if finding.waived else _STYLE[finding.severity]
            console.print(
                f"[bold]{escape(where)}[/]: [{style}]{label}[/] [dim]{finding.rule}[/] {escape(finding.message)}"
            )
        else:
            out.write(f"{where}: {label} {finding.rule} {finding.message}\n")
    if console is not None:
        console.print(f"[bold]{summary_line(result)}[/]")
    else:
        out.write(summary_line(result) + "\n")
