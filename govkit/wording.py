"""Words that messages share: counts of things, and the known name a user probably meant."""

from __future__ import annotations

from collections.abc import Iterable


def closest_name(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one (`team-sise` → `team-size`); None when none is close."""
    import difflib

    matches = difflib.get_close_matches(name, list(known), n=1)
    return matches[0] if matches else None


def counted(number: int, noun: str) -> str:
    """A count and its noun, singular or plural as the count needs: `1 error`, `2 errors`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def number_text(value: float) -> str:
    """12 for 12.0, 12.5 for 12.5, with thousands separators."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
