"""User text as every output shows it: characters that could act instead of show are written as escapes.

A terminal obeys escape sequences, a bidi override reorders what a reviewer reads, a line
separator starts a new line in some viewers, and XML 1.0 cannot hold most C0 controls, lone
surrogates or U+FFFE/U+FFFF at all. So each of them is written the way Python writes it in a
string (`\\x1b`, `\\u202e`, `\\n`): visible, never dropped, and the same in every format.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, line and paragraph separators, bidi embeddings, overrides,
# isolates and marks, lone surrogates, and the two non-characters XML forbids.
_ACTIVE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# The same, less the white space HTML shows as a space.
_ACTIVE_IN_HTML = re.compile(_ACTIVE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b\x0c\x0e-\x1f"))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control, separator, bidi and non-XML character written as an escape."""
    return _ACTIVE.sub(_escape, text)


def visible_in_html(text: str) -> str:
    """As `visible`, but tabs and line breaks stay: HTML shows them as spaces."""
    return _ACTIVE_IN_HTML.sub(_escape, text)


def folded(text: str) -> str:
    """One line: line breaks and runs of spaces become one space, then the rest as `visible` shows it.

    For formats where a line break would end a table row or a list item."""
    return visible(" ".join(re.split(r"[ \t\n\r\x0b\x0c\x85\u2028\u2029]+", text)).strip())


# A CI runner reads `::command::` at the start of a line (after any white space) and
# `##[command]` anywhere in it as workflow commands (actions/runner, ActionCommand.cs).
_RUNNER_PREFIX = re.compile(r"^(\s*):")


def quoted(text: str) -> str:
    """Text quoted inside a line of log output: `visible`, and every `##[` written `#\\x23[`."""
    return visible(text).replace("##[", "#\\x23[")


def inert(line: str) -> str:
    """A line of log output, or its start, that no CI runner reads as a workflow command.

    `quoted`, and a leading `:` written `\\x3a`, so neither this text nor what follows it on
    the line can complete a `::`."""
    line = quoted(line)
    if line.lstrip().startswith(":"):
        line = _RUNNER_PREFIX.sub(r"\1\\x3a", line, count=1)
    return line
