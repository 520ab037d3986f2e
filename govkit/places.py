"""How messages name a place in a governance file: people by their name, never by an index.

`members[2].allocation` means nothing to a business lead; "`allocation` of the 3rd member
(Priya Nair)" does. An item of a list is named by what identifies it (a member by name, a repo by
name, a metric by id, a waiver by its rule, an event by its type and date), with its place in
the list counted from one, as people count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# list key → (what one item is called, the fields that name it, first one present wins)
_ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "members": ("member", ("name", "email")),
    "repos": ("repo", ("name",)),
    "metrics": ("metric", ("id",)),
    "waivers": ("waiver", ("rule",)),
    "exemptions": ("exemption", ("process",)),
    "guarded": ("guard", ("area",)),
    "capability": ("capability", ("name",)),
    "rules": ("rule", ("id",)),
    "events": ("event", ()),
    "exit_criteria": ("exit criterion", ()),
    "aliases": ("alias", ()),
    "paths": ("path", ()),
    "approved_by": ("approver", ()),
    "team": ("decision the team takes", ()),
    "escalate": ("decision to escalate", ()),
    "also_raises": ("rule", ()),
}


def ordinal(number: int) -> str:
    """1 → `1st`, 2 → `2nd`, 11 → `11th`, 23 → `23rd`."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def place(path: tuple[Any, ...], data: Any) -> str:
    """The place at `path` in `data`, in words: "`allocation` of the 3rd member (Priya Nair)".

    A place with no list in its path keeps its dotted key (`timebox.end`); "the file" when empty."""
    if not path:
        return "the file"
    last_item = max((i for i, part in enumerate(path) if isinstance(part, int)), default=None)
    if last_item is None:
        return "`" + ".".join(str(part) for part in path) + "`"
    rest = path[last_item + 1 :]
    # The value being described does not name its item: a wrong date cannot say which event it is.
    owner = _item(path[: last_item + 1], data, unnamed=str(rest[0]) if rest else None)
    return f"`{'.'.join(str(part) for part in rest)}` of {owner}" if rest else owner


def capitalised(text: str) -> str:
    """A place at the start of a sentence."""
    return text[:1].upper() + text[1:]


def _item(path: tuple[Any, ...], data: Any, unnamed: str | None = None) -> str:
    """The list item at the end of `path`, named by itself and by the item that holds it."""
    index, key = path[-1], path[-2] if len(path) > 1 else None
    value = _at(data, path)
    holder = max((i for i, part in enumerate(path[:-1]) if isinstance(part, int)), default=None)
    of = f" of {_item(path[: holder + 1], data)}" if holder is not None else ""
    noun, naming = _ITEMS.get(str(key), ("item", ()))
    if noun == "item" and key is not None:
        noun = f"item of `{key}`"
    if key == "events" and isinstance(value, Mapping):
        kind, day = value.get("type"), value.get("date")
        kind = kind if isinstance(kind, str) and unnamed != "type" else None
        day = day if isinstance(day, str) and unnamed != "date" else None
        if kind and day:
            return f"the {kind} event on {day}{of}"
        if day:
            return f"the event on {day}{of}"
        naming = ("type",) if kind else ()
    name = _name(value, tuple(field for field in naming if field != unnamed))
    return f"the {ordinal(index + 1)} {noun}{f' ({name})' if name else ''}{of}"


def _name(value: Any, naming: tuple[str, ...]) -> str | None:
    if not isinstance(value, Mapping):
        return None
    for field in naming:
        text = value.get(field)
        if isinstance(text, str) and text.strip():
            return text if len(text) <= 40 else text[:37] + "..."
    return None


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        if isinstance(data, Mapping):
            inside = part in data
        else:
            inside = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not inside:
            return None
        data = data[part]
    return data
