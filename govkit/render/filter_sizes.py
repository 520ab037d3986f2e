"""What each of Jinja's filters would build, known from its arguments before it runs.

Each check takes the environment (join looks attributes up through it), the filter's value, its
other arguments and its keyword arguments; it refuses (TemplateLimit) what would be too large,
and returns the arguments to call the filter with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govkit.render.sizes import (
    TemplateLimit,
    joined_size,
    materialized,
    percent_size,
    refuse_over,
    replaced_size,
    text_size,
)

# Filters that turn their value into text: the value's text is sized first.
TEXT_FILTERS = frozenset(
    ("capitalize", "e", "escape", "forceescape", "lower", "pprint", "replace", "safe", "string", "striptags")
    + ("title", "tojson", "trim", "upper", "urlencode", "urlize", "wordcount", "xmlattr")
)

FilterSize = Callable[[Any, Any, tuple[Any, ...], dict[str, Any]], tuple[Any, ...]]


def _arg(rest: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None) -> Any:
    return rest[index] if len(rest) > index else kwargs.get(name, default)


def _center(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    width = _arg(rest, kwargs, 0, "width", 80)
    refuse_over(max(text_size(value), width if isinstance(width, int) else 0), "`|center`")
    return (value, *rest)


def _indent(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    width = _arg(rest, kwargs, 0, "width", 4)
    each = width if isinstance(width, int) else text_size(width)
    size = text_size(value)
    lines = value.count("\n") + 1 if isinstance(value, str) else size + 1
    refuse_over(size + lines * max(each, 0), "`|indent`")
    return (value, *rest)


def _wordwrap(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    width = _arg(rest, kwargs, 0, "width", 79)
    wrap = _arg(rest, kwargs, 2, "wrapstring") or "\n"
    size = text_size(value)
    lines = size // max(width if isinstance(width, int) else 1, 1) + size // 2 + 1  # at most: a break per word
    refuse_over(size + lines * text_size(wrap), "`|wordwrap`")
    return (value, *rest)


def _format(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    if isinstance(value, str):
        refuse_over(percent_size(value, kwargs if kwargs else rest), "`|format`")
    return (value, *rest)


def _join(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    from jinja2.filters import make_attrgetter

    items = materialized(value)
    attribute = _arg(rest, kwargs, 1, "attribute")
    shown = [make_attrgetter(env, attribute)(item) for item in items] if attribute is not None else items
    refuse_over(joined_size(shown, _arg(rest, kwargs, 0, "d", "")), "`|join`")
    return (items, *rest)


def _replace(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    old, new = _arg(rest, kwargs, 0, "old"), _arg(rest, kwargs, 1, "new")
    count = _arg(rest, kwargs, 2, "count", -1)
    refuse_over(replaced_size(str(value), str(old), str(new), count), "`|replace`")  # sized as text first
    return (value, *rest)


def _filled(position: int, name: str) -> FilterSize:
    """batch and slice: a count of rows or columns, each made even when there is nothing to put in it."""

    def check(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        count = _arg(rest, kwargs, 0, "linecount" if name == "batch" else "slices", 0)
        filled = _arg(rest, kwargs, position, "fill_with") is not None
        if isinstance(count, int) and (name == "slice" or filled):
            refuse_over(count, f"`|{name}`")
        return (value, *rest)

    return check


def _sum(env: Any, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    start = _arg(rest, kwargs, 1, "start", 0)
    if not isinstance(start, int | float):
        raise TemplateLimit("`|sum` adds numbers; its start must be a number")
    return (value, *rest)


FILTER_SIZES: dict[str, FilterSize] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "format": _format,
    "join": _join,
    "replace": _replace,
    "batch": _filled(1, "batch"),
    "slice": _filled(1, "slice"),
    "sum": _sum,
}
