"""Output formats: each takes the same Result and returns text; none of them decides.

Every reporter also gets the `--fail-on` threshold (None for `never`), so a format that
says pass or fail (JUnit) says it as the exit code does.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from govkit.model import Result, Severity


class Reporter(Protocol):
    def __call__(self, result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None: ...


def reporter(name: str) -> Reporter:
    """The reporter for `--format name`, imported only when used."""
    from govkit.report import github, junit, markdown, sarif, text
    from govkit.report import json as json_report

    writers: dict[str, Reporter] = {
        "text": text.write,
        "json": json_report.write,
        "sarif": sarif.write,
        "junit": junit.write,
        "github": github.write,
        "markdown": markdown.write,
    }
    return writers[name]


FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")
