"""Words that messages share: the known name a user probably meant."""

from __future__ import annotations

from collections.abc import Iterable


def closest_name(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one (`team-sise` → `team-size`); None when none is close."""
    import difflib

    matches = difflib.get_close_matches(name, list(known), n=1)
    return matches[0] if matches else None
