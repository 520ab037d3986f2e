"""What commit trailers name: the people in `Approved-by:` and `Reviewed-by:` lines.

A trailer is text anyone can type; what it proves is that the commit says so (see the
README's trust model). Trailers are parsed by git itself (`%(trailers)`), never by govkit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BRACKETED = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def emails_in(values: Iterable[str]) -> set[str]:
    """Emails named in trailer values: `Ana Silva <ana@example.com>`, several such, or bare emails."""
    found: set[str] = set()
    for value in values:
        bracketed = _BRACKETED.findall(value)
        words = bracketed or value.replace(",", " ").split()
        found.update(word.lower() for word in words if "@" in word)
    return found
