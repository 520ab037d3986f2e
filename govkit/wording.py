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


# An email or name this few letters from a known one is that one, mistyped: ask "did you mean".
TYPO_LETTERS = 2


def letters_apart(one: str, other: str) -> int:
    """How many letters to add, remove or change to turn one text into the other (any case)."""
    one, other = one.lower(), other.lower()
    previous = list(range(len(other) + 1))
    for row, letter in enumerate(one, 1):
        current = [row]
        for column, theirs in enumerate(other, 1):
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (letter != theirs))
            )
        previous = current
    return previous[-1]


def nearest(name: str, known: Iterable[str]) -> tuple[str, int] | None:
    """The known name fewest letters away from `name`, and how many; None when nothing is known."""
    scored = [(letters_apart(name, candidate), candidate) for candidate in known]
    if not scored:
        return None
    distance, found = min(scored)
    return found, distance
