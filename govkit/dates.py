"""Dates and durations as the governance files write them."""

from __future__ import annotations

import datetime as dt


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def duration_days(text: str) -> int:
    """`14d` → 14, `2w` → 14. The schema guarantees the form."""
    number, unit = int(text[:-1]), text[-1]
    return number * 7 if unit == "w" else number


def days_text(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"
