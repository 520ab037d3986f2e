"""How much a template operation would build, known before it runs.

A repo's template comes from a pull request. `'x' * 10**9`, `'x'|center(10**9)` or a format
width of a billion each ask Python for a gigabyte in one step; checked after the fact, the
machine has already paid. So each operation that can build more than its inputs is sized
from its inputs first, and refused when too large (see govkit.render.limits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from string import Formatter
from typing import Any

from jinja2.exceptions import SecurityError

MAX_VALUE = 1_000_000  # characters or items one expression may build
MAX_BITS = 10_000  # a whole number this long has about 3,000 digits: more than any page shows

_SEQUENCES = (str, bytes, list, tuple)


class TemplateLimit(SecurityError):
    """A template asked for more than a page may build or do; the message says what and how much."""


def refuse_over(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise TemplateLimit(f"{what} would make {size:,} characters or items; one expression may make {MAX_VALUE:,}")


def text_size(value: Any, limit: int = MAX_VALUE) -> int:
    """About how many characters `str(value)` makes, counted without making it; counting stops past `limit`."""
    from jinja2.utils import Namespace

    total, stack, seen = 0, [value], set()
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif item is None or isinstance(item, bool | float):
            total += 24
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 2
        elif id(item) in seen:  # a namespace holding itself is printed once, as Python does
            continue
        elif isinstance(item, dict):
            seen.add(id(item))
            total += 4 * len(item) + 2
            stack.extend(islice(item.items(), limit))
        elif isinstance(item, list | tuple | set | frozenset):
            seen.add(id(item))
            total += 2 * len(item) + 2
            stack.extend(islice(item, limit))
        elif isinstance(item, Namespace):
            seen.add(id(item))
            total += 14
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:  # govkit's own view-models, Jinja's cycler and joiner: no bigger than the files they come from
            total += len(str(item))
    return total


def sized(value: Any) -> int:
    """How many characters or items `value` holds, when it is text or a collection."""
    return len(value) if isinstance(value, (*_SEQUENCES, dict)) else 0


def binop_size(operator: str, left: Any, right: Any) -> int:
    """What `left operator right` builds (0 for plain numbers); TemplateLimit for a number too long."""
    if operator == "*":
        if isinstance(left, _SEQUENCES) and isinstance(right, int):
            return len(left) * max(right, 0)
        if isinstance(right, _SEQUENCES) and isinstance(left, int):
            return len(right) * max(left, 0)
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
            raise TemplateLimit(_too_long_number())
    elif operator == "+" and isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        return len(left) + len(right)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1 and right * left.bit_length() > MAX_BITS:
            raise TemplateLimit(_too_long_number())
    elif operator == "%" and isinstance(left, str | bytes):
        return percent_size(left, right)
    return 0


def _too_long_number() -> str:
    return f"this makes a whole number of more than {MAX_BITS:,} bits, longer than any page can show"


# One conversion of printf-style formatting: `%s`, `%-20s`, `%(name)08.3f`, `%*d`.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.DOTALL)


def percent_size(template: str | bytes, values: Any) -> int:
    """What `template % values` makes at most: its text, each conversion as wide as the widest value."""
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    items = values if isinstance(values, tuple) else tuple(values.values()) if isinstance(values, dict) else (values,)
    widest = max((text_size(item) for item in items), default=0)
    conversions, widths = 0, 0
    for match in _PERCENT.finditer(text):
        if match[3] == "%":
            continue
        conversions += 1
        for width in (match[1], match[2]):
            if width == "*":  # the width is one of the values
                widths += max((abs(v) for v in items if isinstance(v, int)), default=0)
            elif width:
                widths += int(width)
    return len(text) + conversions * widest + widths


def format_size(template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """What `template.format(*args, **kwargs)` makes at most."""
    values = (*args, *kwargs.values())
    widest = max((text_size(value) for value in values), default=0)
    total = len(template)
    try:
        fields = list(Formatter().parse(template))
    except ValueError:
        return total  # Python refuses the format itself
    for _, field, spec, _ in fields:
        if field is None:
            continue
        if spec and "{" in spec:
            raise TemplateLimit("a format width taken from a value is not allowed in templates; write the width")
        total += widest + sum(int(number) for number in re.findall(r"\d+", spec or ""))
    return total


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def materialized(values: Any) -> list[Any]:
    """An iterable as a list, refused when it holds more than an expression may make."""
    items = list(islice(values, MAX_VALUE + 1))
    refuse_over(len(items), "joining these")
    return items


def joined_size(items: list[Any], separator: Any) -> int:
    return sum(text_size(item) for item in items) + len(str(separator)) * max(len(items) - 1, 0)


def replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    try:
        found = text.count(old) if old else len(text) + 1
        grows = max(len(new) - len(old), 0)
    except TypeError:  # not text: Python refuses the replace itself
        return text_size(text)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return int(len(text) + found * grows)


Args = tuple[Any, ...]
# Methods of text (and of numbers, for to_bytes) that can make more than they are given:
# each returns the size it would make and the arguments to call it with.
MethodSize = Callable[[Any, Args, dict[str, Any]], tuple[int, Args]]


def _padded(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    width = _arg(args, kwargs, 0, "width", 0)
    return max(len(owner), width if isinstance(width, int) else 0), args


def _expanded(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    tabsize = _arg(args, kwargs, 0, "tabsize", 8)
    tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
    return len(owner) + tabs * (tabsize if isinstance(tabsize, int) else 0), args


def _replaced(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    old, new, count = _arg(args, kwargs, 0, "old"), _arg(args, kwargs, 1, "new"), _arg(args, kwargs, 2, "count", -1)
    return replaced_size(owner, old, new, count), args


def _joined(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    if not args:
        return 0, args
    items = materialized(args[0])
    return joined_size(items, owner), (items, *args[1:])


def _formatted(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    if not isinstance(owner, str):
        return 0, args
    mapping = args[0] if args and isinstance(args[0], dict) else {}
    return format_size(owner, args, {**kwargs, **mapping}), args


def _translated(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    table = _arg(args, kwargs, 0, "table")
    longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1) if isinstance(table, dict) else 1
    return len(owner) * max(longest, 1), args


def _as_bytes(owner: Any, args: Args, kwargs: dict[str, Any]) -> tuple[int, Args]:
    length = _arg(args, kwargs, 0, "length", 1)
    return (length if isinstance(length, int) else 0), args


METHOD_SIZES: dict[str, MethodSize] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _expanded,
    "replace": _replaced,
    "join": _joined,
    "format": _formatted,
    "format_map": _formatted,
    "translate": _translated,
    "to_bytes": _as_bytes,
}
