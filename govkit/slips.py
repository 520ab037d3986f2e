"""The slips of people who never wrote YAML, recognised, each with the fix to make.

Each function looks at what was written and returns the fix in plain words, or None when the
slip is not one it recognises for sure: a wrong guess would mislead more than no guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"

OPENING_QUOTES = "“‘„«"
CLOSING_QUOTES = "”’“»"


def unquoted(text: str) -> str | None:
    """The text inside curly quotes (“...”), which YAML keeps as part of the value; None without them."""
    if len(text) >= 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES:
        return text[1:-1]
    return None


def curly_quotes_fix(text: str) -> str | None:
    inner = unquoted(text)
    if inner is None:
        return None
    return f'curly quotes (“ ”) are kept as part of the text in YAML: write {inner}, or use straight quotes (")'


def day_fix(text: str) -> str | None:
    """Why `text` is not a day written YYYY-MM-DD, and the day to write: "November has 30 days"."""
    written = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if written:
        return _calendar_fix(*(int(part) for part in written.groups()))
    timed = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d.*", text)
    if timed:
        return f"write the day only: {timed[1]}"
    year_first = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if year_first:
        year, month, day = (int(part) for part in year_first.groups())
        return _write(year, month, day)
    day_first = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", text)
    if day_first:
        first, second, year = (int(part) for part in day_first.groups())
        year += 2000 if year < 100 else 0
        if first > 12 >= second:
            return _write(year, second, first)
        if second > 12 >= first:
            return _write(year, first, second)
        if first == second:
            return _write(year, first, first)
        if first <= 12 and second <= 12:
            one, other = _day(year, second, first), _day(year, first, second)
            if one and other:
                return f"write {one} for {one.day} {one:%B}, or {other} for {other.day} {other:%B}"
        return None
    named = re.fullmatch(rf"{_ORDINAL}\s+{_MONTH},?\s+(\d{{4}})", text, re.IGNORECASE)
    if named:
        return _write(int(named[3]), _MONTHS[named[2].lower()], int(named[1]))
    named = re.fullmatch(rf"{_MONTH}\s+{_ORDINAL},?\s+(\d{{4}})", text, re.IGNORECASE)
    if named:
        return _write(int(named[3]), _MONTHS[named[1].lower()], int(named[2]))
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _write(year: int, month: int, day: int) -> str | None:
    found = _day(year, month, day)
    if found is None:
        return _calendar_fix(year, month, day)
    return f"write {found}"


def _calendar_fix(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        swapped = _day(year, day, month)
        if swapped:
            return f"there is no month {month}; write the year, then the month, then the day: {swapped}"
        return f"there is no month {month}: months run from 01 to 12"
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        return "days of the month start at 01"
    if day > last:
        name = calendar.month_name[month]
        return f"{name} {year} has {last} days" if month == 2 else f"{name} has {last} days"
    return None


def number_fix(text: str) -> str | None:
    """The number to write for text that means one: `80%` → "write 80, without %"."""
    text = text.strip()
    percent = re.fullmatch(r"([-+]?\d+(?:[.,]\d+)?)\s*%", text)
    if percent:
        return f"write {percent[1].replace(',', '.')}, without %"
    thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text)
    if thousands:
        return f"write {text.replace(',', '')}, without commas"
    decimal_comma = re.fullmatch(r"(\d+),(\d+)", text)
    if decimal_comma:
        return f"write {decimal_comma[1]}.{decimal_comma[2]}, with a point"
    with_words = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s+([^\W\d].*)", text)
    if with_words:
        return f"write the number alone: {with_words[1]}"
    return None


def duration_fix(text: str) -> str | None:
    """`14 days` → "write 14d"; durations are days (`d`) or weeks (`w`)."""
    spelt = re.fullmatch(r"(\d+)\s*(d|days?|w|wks?|weeks?)", text.strip(), re.IGNORECASE)
    if spelt:
        return f"write {int(spelt[1])}{spelt[2][0].lower()}"
    bare = re.fullmatch(r"\d+", text.strip())
    if bare:
        return f"add the unit: {int(text)}d for days or {int(text)}w for weeks"
    months = re.fullmatch(r"(\d+)\s*(months?|mo)", text.strip(), re.IGNORECASE)
    if months:
        count = int(months[1])
        return f"durations are days or weeks: write {count * 4}w or {count * 30}d"
    return None


def email_fix(text: str) -> str | None:
    """`Ana Silva <ana@example.com>` → "write the email alone: ana@example.com"."""
    bracketed = re.fullmatch(r"[^<>]*<\s*([^<>\s]+@[^<>\s]+)\s*>", text.strip())
    if bracketed:
        return f"write the email alone: {bracketed[1]}"
    mailto = re.fullmatch(r"mailto:(\S+@\S+)", text.strip(), re.IGNORECASE)
    if mailto:
        return f"write the email alone: {mailto[1]}"
    return None


def choice_fix(text: str, choices: Sequence[object]) -> str | None:
    """A value that is one of `choices` but for its case or spaces: "write `business`, in lower case"."""
    for choice in choices:
        if isinstance(choice, str) and choice == text.strip().lower():
            return f"write `{choice}`, in lower case" if text.strip() != choice else f"write `{choice}`, without spaces"
    return None


def id_fix(text: str) -> str | None:
    """`Reorder_Pilot` → the id it could be: `reorder-pilot`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")[:63]
    return f"for example `{slug}`" if slug and slug != text else None


def pin_fix(text: str) -> str | None:
    """`firewalled-pilot` or `firewalled-pilot@1.1.0` → `firewalled-pilot@1`."""
    name = re.fullmatch(r"([a-z0-9][a-z0-9-]*)(?:@(\d+)(?:\.\d+)*)?", text.strip())
    if name:
        return f"write the policy's name and major version: {name[1]}@{name[2] or 1}"
    return None
