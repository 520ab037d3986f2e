"""User text in Markdown output: shown as text, never read as markup, never pinging or linking.

`govkit render --format md`, `--format markdown` and the Markdown of `govkit review`, `govkit
diff` and `govkit policy diff` escape what comes from a charter, an activity log, a policy or
git in the same way. The output is meant for GitHub pull-request comments, where more than
CommonMark acts on text: bare URLs and emails become links, `@name` pings people and `#123`
links an issue, even after a backslash escape (GitHub finds them in the rendered text). Only
code spans are left alone, so such words are shown as code.
"""

from __future__ import annotations

import re

from govkit.visible import folded

# Characters that would start Markdown or HTML syntax inside a line; CommonMark lets a
# backslash turn any of them back into plain text. `$` starts GitHub's math.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|#~$])")
# What a line may not start with when the text is placed at the start of one: a list item,
# a thematic break or a setext heading underline (`-`, `+`, `=`), or a numbered item (`1.`).
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
# Words GitHub turns into links or mentions: URLs (`https://`, `www.`, `mailto:`), emails and
# `@mentions` (any `@`), issue references (`#123`, `GH-123`, `owner/repo#123`).
_WORD = re.compile(r"[^ `|]+")
_LINKS = re.compile(r"://|www\.|@|#\d|gh-\d|mailto:|xmpp:", re.IGNORECASE)
# A code span, such as the one a sentence puts around an id. Markdown shows its content as
# written, so it may stay as it is, even when it comes from user text: it cannot hide markup.
_CODE_SPAN = re.compile(r"`[^`]+`")


def markdown_text(text: str) -> str:
    """Text as plain Markdown: one line, syntax escaped, links and mentions shown as code."""
    return _line_start(_words(folded(text)))


def markdown_sentence(text: str, *, in_table: bool = True) -> str:
    """A sentence govkit wrote around user text: its `id` code spans stay code, the rest is plain text.

    In a table a span holding a `|` would end the cell, so it is shown as plain text instead;
    `in_table=False` keeps it, for lists and paragraphs."""
    line = folded(text)
    parts: list[str] = []
    end = 0
    for span in _CODE_SPAN.finditer(line):
        kept = span.group() if "|" not in span.group() or not in_table else _words(span.group())
        parts += [_words(line[end : span.start()]), kept]
        end = span.end()
    return _line_start("".join([*parts, _words(line[end:])]))


def markdown_code(text: str) -> str:
    """Text as one code span, whatever backticks it holds; with a `|`, plain escaped text instead.

    A `|` would end a table cell even inside a code span, and its escape shows outside tables."""
    line = folded(text)
    if "|" in line or not line.strip():
        return markdown_text(line)
    fence = "`" * (max((len(run) for run in re.findall("`+", line)), default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def _words(text: str) -> str:
    """Plain text escaped, with every word GitHub would link or ping put in a code span."""
    parts: list[str] = []
    end = 0
    for word in _WORD.finditer(text):
        # Punctuation that ends a sentence stays outside the span: `ana@example.com`, not `ana@example.com,`.
        core = word.group().rstrip(".,;:!?)]'\"")
        if core and _LINKS.search(core):
            parts += [_escaped(text[end : word.start()]), f"`{core}`"]
            end = word.start() + len(core)
    return "".join([*parts, _escaped(text[end:])])


def _escaped(text: str) -> str:
    # `&` would start an entity (`&amp;` shows as `&`); as `&amp;` it shows as typed.
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text.replace("&", "&amp;"))


def _line_start(text: str) -> str:
    return _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)
