"""Dates and durations as the governance files write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from govkit.wording import counted


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def duration_days(text: str) -> int:
    """`14d` → 14, `2w` → 14. The schema guarantees the form."""
    number, unit = int(text[:-1]), text[-1]
    return number * 7 if unit == "w" else number


def days_text(days: int) -> str:
    return counted(days, "day")


@dataclass(frozen=True, slots=True)
class Gap:
    start: dt.date
    end: dt.date
    after: int | None  # index of the dated item the gap follows; None: from the window start
    closed: bool = True  # False: the gap runs on to the window's end, with no item ending it

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def spans(days: Sequence[dt.date], start: dt.date, end: dt.date) -> list[Gap]:
    """Every stretch without an item: window start → first, between items, last → window end.

    `days` must be sorted; items before the window only move its start, items after it are ignored.
    Stretches of no days (two items on one day) are left out.
    """
    found = []
    previous, after = start, None
    for index, day in enumerate(days):
        if day > end:
            break
        if day > previous:
            found.append(Gap(previous, day, after))
            previous = day
        after = index
    if end > previous:
        found.append(Gap(previous, end, after, closed=False))
    return found
