"""YAML syntax errors that come from a common slip, told as the slip and its fix, at its place.

A parser reports where it got lost ("mapping values are not allowed in this context"), which is
often a line or two after the slip and in words only a parser writer reads. For the slips people
new to YAML make most (text holding ': ', a tab, no space after `-` or `:`, a quote left open,
curly quotes), this finds the line that holds the slip and says what to write instead. Anything
else keeps the parser's place and a general hint.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from govkit.slips import OPENING_QUOTES, unquoted

# `key: value` on one line, the value starting after the colon and its spaces.
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?([^\s#'\"\-][^#]*?):[ \t]+)(\S.*?)\s*$")
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?!//)([^\s:].*?)\s*$")
_NO_SPACE_AFTER_DASH = re.compile(r"^(\s*)-([^\s\-].*?)\s*$")


@dataclass(frozen=True, slots=True)
class Slip:
    message: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ParserError:
    """Where and why the parser stopped, 1-based, as PyYAML reports it."""

    problem: str
    line: int
    column: int
    context: str | None = None
    context_line: int | None = None
    context_column: int | None = None


def yaml_slip(text: str, exc: Any) -> Slip | None:
    """The slip behind PyYAML's MarkedYAMLError `exc` in `text`, with its fix; None when none is recognised."""
    problem, context = exc.problem_mark or exc.context_mark, exc.context_mark
    if problem is None:
        return None
    return syntax_slip(
        text,
        ParserError(
            exc.problem or exc.context or "",
            problem.line + 1,
            problem.column + 1,
            exc.context,
            context.line + 1 if context else None,
            context.column + 1 if context else None,
        ),
    )


def syntax_slip(text: str, error: ParserError) -> Slip | None:
    """The slip behind a YAML syntax error, with its fix; None when it is not one recognised for sure."""
    lines = text.splitlines()
    if not 1 <= error.line <= len(lines) + 1:
        return None
    line = lines[error.line - 1] if error.line <= len(lines) else ""
    if error.context == "while scanning a quoted scalar" and error.context_line is not None:
        return _open_quote(lines, error.context_line, error.context_column or 1)
    tab = _tab(lines, error.line)
    if tab is not None:
        return tab
    if "cannot start any token" in error.problem:
        return _reserved_start(line, error.line, error.column)
    if "mapping values are not allowed" in error.problem:
        return (
            _colon_in_text(line, error.line, error.column) or _above(lines, error.line) or _indented(lines, error.line)
        )
    if "could not find expected ':'" in error.problem and error.context_line is not None:
        return _missing_space(lines, error.context_line)
    if "expected '-' indicator" in error.problem:
        return _missing_space(lines, error.line)
    if "did not find expected key" in error.problem:
        return _apostrophe(line, error.line) or _unclosed_above(lines, error.line)
    return None


def _tab(lines: list[str], number: int) -> Slip | None:
    line = lines[number - 1] if number <= len(lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    return Slip(
        f"Line {number} is indented with a tab; YAML indents with spaces only. Replace the tab with spaces.",
        number,
        indent.index("\t") + 1,
    )


def _reserved_start(line: str, number: int, column: int) -> Slip | None:
    if column > len(line) or line[column - 1] not in "@`":
        return None
    found = _KEY_VALUE.match(line)
    if found is None:
        return None
    return Slip(
        f"Text that starts with `{line[column - 1]}` must be in quotes: `{found[1].strip()} {_quoted(found[3])}`.",
        number,
        len(found[1]) + 1,
    )


def _colon_in_text(line: str, number: int, column: int) -> Slip | None:
    found = _KEY_VALUE.match(line)
    if found is None or len(found[1]) >= column - 1:
        return None
    key, value = found[1].strip(), found[3]
    if value[0] in OPENING_QUOTES:
        inner = unquoted(value) or value[1:]
        return Slip(
            f"Curly quotes (“ ”) do not quote text in YAML, so the ': ' inside reads as a new key. "
            f"Use straight quotes: `{key} {_quoted(inner)}`.",
            number,
            len(found[1]) + 1,
        )
    return Slip(
        f"The text after `{key}` holds ': ', which YAML reads as the start of another key. "
        f"Put text that contains ': ' in quotes: `{key} {_quoted(value)}`.",
        number,
        len(found[1]) + 1,
    )


def _above(lines: list[str], number: int) -> Slip | None:
    """The slip on the nearest line above that holds something: the parser read on into this line."""
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return _missing_space(lines, above)
    return None


def _missing_space(lines: list[str], number: int) -> Slip | None:
    line = lines[number - 1] if number <= len(lines) else ""
    dash = _NO_SPACE_AFTER_DASH.match(line)
    if dash and not line.strip().startswith("---"):
        return Slip(
            f"Put a space after the `-` that starts a list item: `- {dash[2]}`.",
            number,
            len(dash[1]) + 1,
        )
    colon = _NO_SPACE_AFTER_COLON.match(line)
    if colon:
        return Slip(
            f"Put a space after the `:` of `{colon[2]}`: `{colon[1].lstrip()}{colon[2]}: {colon[3]}`.",
            number,
            len(colon[1]) + len(colon[2]) + 1,
        )
    return None


def _indented(lines: list[str], number: int) -> Slip | None:
    """A key indented under one that already holds a value."""
    line = lines[number - 1] if number <= len(lines) else ""
    previous = next((lines[n - 1] for n in range(number - 1, 0, -1) if lines[n - 1].strip()), None)
    if previous is None:
        return None
    indent, above = len(line) - len(line.lstrip()), len(previous) - len(previous.lstrip())
    holder = _KEY_VALUE.match(previous)
    if indent <= above or holder is None:
        return None
    return Slip(
        f"This line is indented more than the line above it, whose `{holder[2].strip()}` already has a value. "
        "Line it up with the keys above it.",
        number,
        indent + 1,
    )


def _open_quote(lines: list[str], number: int, column: int) -> Slip:
    line = lines[number - 1] if number <= len(lines) else ""
    quote = line[column - 1] if column <= len(line) else '"'
    if quote == "'":
        return Slip(
            "This text opens a quote (') that is never closed. If the text holds an apostrophe, put it in double "
            "quotes instead (\"Ana's demo\"); otherwise end it with a matching '.",
            number,
            column,
        )
    return Slip(
        f"This text opens a quote ({quote}) that is never closed; end it with a matching {quote}.", number, column
    )


def _unclosed_above(lines: list[str], number: int) -> Slip | None:
    """A value opened with a quote that its line never closes: the parser read on through the lines below."""
    for above in range(min(number, len(lines)), 0, -1):
        found = _KEY_VALUE.match(lines[above - 1])
        if found is None or found[3][0] not in "\"'":
            continue
        quote = found[3][0]
        if found[3].replace("\\" + quote, "").count(quote) % 2 == 1:
            return _open_quote(lines, above, len(found[1]) + 1)
    return None


def _apostrophe(line: str, number: int) -> Slip | None:
    found = _KEY_VALUE.match(line)
    if found is None or not re.match(r"'[^']*'[^\s#,\]}]", found[3]) or not found[3].endswith("'"):
        return None
    return Slip(
        "An apostrophe ends text written in single quotes. Put the text in double quotes instead: "
        f"`{found[1].strip()} {_quoted(found[3][1:-1])}`.",
        number,
        len(found[1]) + 1,
    )


def _quoted(text: str) -> str:
    """Text as one double-quoted YAML value (JSON's quoting is YAML's), shortened when it is long."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted if len(quoted) <= 100 else quoted[:60] + '..."'
