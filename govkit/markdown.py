"""User text in Markdown output: shown as text, never read as markup.

`govkit render --format md` and the Markdown of `govkit diff` and `govkit policy diff`
escape what comes from a charter, an activity log or a policy in the same way.
"""

from __future__ import annotations

import re

# Characters that would start Markdown or HTML syntax inside a line; CommonMark lets a
# backslash turn any of them back into plain text.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|#~])")
# A code span, such as the one a sentence puts around an id. Markdown shows its content as
# written, so it may stay as it is, even when it comes from user text: it cannot hide markup.
_CODE_SPAN = re.compile(r"`[^`]+`")


def markdown_text(text: str) -> str:
    """Text as plain Markdown: syntax escaped, line breaks folded (tables stay whole)."""
    return _escaped(" ".join(text.split()))


def markdown_sentence(text: str) -> str:
    """A sentence govkit wrote around user text: its `id` code spans stay code, the rest is plain text."""
    folded = " ".join(text.split())
    parts: list[str] = []
    end = 0
    for span in _CODE_SPAN.finditer(folded):
        parts += [_escaped(folded[end : span.start()]), span.group()]
        end = span.end()
    return "".join([*parts, _escaped(folded[end:])])


def _escaped(text: str) -> str:
    # `&` would start an entity (`&amp;` shows as `&`); as `&amp;` it shows as typed.
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text.replace("&", "&amp;"))
