"""Output formats: each takes the same Result and returns text; none of them decides.

Every reporter also gets the `--fail-on` threshold (None for `never`), so a format that
says pass or fail (JUnit) says it as the exit code does.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from govkit.model import Result, Severity


class Reporter(Protocol):
    def __call__(self, result: Result, out: TextIO, fail_on: Severity | None = Severity.ERROR) -> None: ...


FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")


def reporter(name: str) -> Reporter:
    """The reporter for `--format name`; only its own module is imported (XML, gzip and the rest are not)."""
    import importlib

    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"govkit.report.{name}")
    write: Reporter = module.write
    return write
