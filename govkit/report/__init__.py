"""Output formats: each takes the same Result and returns text; none of them decides."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from govkit.model import Result

Reporter = Callable[[Result, TextIO], None]


def reporter(name: str) -> Reporter:
    """The reporter for `--format name`, imported only when used."""
    from govkit.report import github, junit, markdown, sarif, text
    from govkit.report import json as json_report

    return {
        "text": text.write,
        "json": json_report.write,
        "sarif": sarif.write,
        "junit": junit.write,
        "github": github.write,
        "markdown": markdown.write,
    }[name]


FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")
