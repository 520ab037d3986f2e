"""YAML → plain data plus a source map, safely.

We compose the document ourselves from PyYAML's event stream (libyaml's C parser when
available) instead of using a constructor, because that is the one place that can:

- remember the line and column of every key and value, so each finding points at a place;
- refuse a duplicate key at the second occurrence (PyYAML silently keeps the last one);
- count what aliases expand to, so an alias bomb is refused before anything walks it;
- limit nesting without recursion, so a file thousands of levels deep cannot crash us;
- never construct a tagged object: `!!python/object` and friends are findings, not code;
- stop at a count of values far above any real file, so a file of millions of keys is one
  finding in a second, not minutes and gigabytes.

Dates stay strings (`2026-09-01` quoted or not means the same), so JSON Schema sees them
as text with `format: date`.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from govkit.load.document import Document, Key, LoadError
from govkit.syntax_slips import yaml_slip

Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 100
MAX_NODES = 1_000_000  # after alias expansion; far above any real governance file
# Values as written (keys, items, sections): a long activity log holds a few thousand.
MAX_VALUES = 100_000


class _Resolver(Resolver):
    """YAML 1.1 as PyYAML reads it, plus the exponent floats of YAML 1.2 (`1e6`, which 1.1 reads as text)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)
_resolver = _Resolver()
_constructor = SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": _constructor.construct_yaml_str,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    # Dates and times stay the text the user wrote: the schema checks their format.
    "tag:yaml.org,2002:timestamp": _constructor.construct_scalar,
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", None, "!"}
# Tags whose value is the scalar's text as written: no node to build, nothing to convert.
_VERBATIM_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}


@functools.lru_cache(maxsize=4096)
def _resolved_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar; cached, as keys and enum values repeat in every file."""
    return _resolver.resolve(yaml.ScalarNode, value, implicit)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Composer:
    """Builds plain data from parser events, iteratively, recording every position."""

    def __init__(self, path: Path, name: str) -> None:
        self.doc = Document(path=path, name=name, data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor → (value, expanded size)
        self.nodes = 0  # after alias expansion
        self.written = 0  # as written: each scalar, collection and alias once

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = _resolved_tag(event.value, event.implicit) if tag is None else "tag:yaml.org,2002:str"
        if tag in _VERBATIM_TAGS:
            return event.value  # what building a node and constructing it would return
        build = _SCALAR_TAGS.get(tag)
        line, column = _mark(event)
        if tag == "tag:yaml.org,2002:merge":
            raise LoadError("Merge keys (`<<`) are not supported; write the keys out.", line, column)
        if build is None:
            raise LoadError(f"The tag `{_short(tag)}` is not allowed here; write plain values only.", line, column)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            value = build(node)
        except (ConstructorError, ValueError) as exc:
            raise LoadError(f"Cannot read `{event.value}` as {tag.rsplit(':', 1)[-1]}: {exc}.", line, column) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise LoadError(
                f"`{event.value}` is not a number govkit can count with; write a finite number.", line, column
            )
        return value

    def count(self, size: int, event: Any) -> None:
        self.nodes += size
        self.written += 1
        if self.written > MAX_VALUES:
            line, column = _mark(event)
            raise LoadError(
                f"The file holds more than {MAX_VALUES:,} values; governance files hold far fewer. "
                "Remove what does not belong here, or split the file.",
                line,
                column,
                rule="file",
            )
        if self.nodes > MAX_NODES:
            line, column = _mark(event)
            raise LoadError(
                "Aliases here expand to more than a million values; write the values out instead of using anchors.",
                line,
                column,
            )


def compose(text: str, path: Path, name: str) -> Document:
    composer = _Composer(path, name)
    doc = composer.doc
    # Each open collection: [container, path, pending key (mappings), key mark, size, anchor]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    parser = None
    try:
        # What yaml.parse does, without a generator around every event.
        parser = Parser(text)
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                # Most events are scalars, half of them keys: handle them first and in full.
                composer.count(1, event)
                value = composer.scalar(event)
                if not stack:
                    doc.values[()] = _mark(event)
                    if event.anchor:
                        composer.anchors[event.anchor] = (value, 1)
                    root = value
                    continue
                parent = stack[-1]
                container = parent[0]
                if type(container) is dict:
                    if parent[2] is _NO_KEY:
                        _accept_key(parent, value, event, doc)
                        continue
                    doc.values[parent[1] + (parent[2],)] = _mark(event)
                    container[parent[2]] = value
                    parent[2] = _NO_KEY
                else:
                    doc.values[parent[1] + (len(container),)] = _mark(event)
                    container.append(value)
                if event.anchor:
                    composer.anchors[event.anchor] = (value, 1)
                parent[4] += 1
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = _mark(event)
                    raise LoadError("This file holds more than one YAML document; keep one per file.", line, column)
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                container, _, _, _, size, anchor = stack.pop()
                if anchor:
                    composer.anchors[anchor] = (container, size)
                value, size_done = container, size
            else:
                if kind is yaml.AliasEvent:
                    if event.anchor not in composer.anchors:
                        line, column = _mark(event)
                        raise LoadError(
                            f"The alias `*{event.anchor}` has no anchor `&{event.anchor}` before it. "
                            "If this is text, put it in quotes: YAML reads text that starts with `*` as an alias.",
                            line,
                            column,
                        )
                    value, size_done = composer.anchors[event.anchor]
                    composer.count(size_done, event)
                else:  # the start of a mapping or a sequence
                    composer.count(1, event)
                    position = stack[-1][1] + (_next_key(stack[-1], event),) if stack else ()
                    if event.tag not in _COLLECTION_TAGS:
                        line, column = _mark(event)
                        raise LoadError(
                            f"The tag `{_short(event.tag)}` is not allowed here; write plain values only.",
                            line,
                            column,
                        )
                    if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                        line, column = _mark(event)
                        raise LoadError("A key must be plain text, not a list or mapping.", line, column)
                    if len(stack) >= MAX_DEPTH:
                        line, column = _mark(event)
                        raise LoadError(
                            f"Nesting is deeper than {MAX_DEPTH} levels; governance files are shallow.",
                            line,
                            column,
                        )
                    # A section is found by its key: point there, not at its first item.
                    doc.values[position] = doc.keys.get(position) or _mark(event)
                    container = {} if kind is yaml.MappingStartEvent else []
                    stack.append([container, position, _NO_KEY, None, 1, event.anchor])
                    continue
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                    line, column = _mark(event)
                    raise LoadError("A key must be plain text, not an alias.", line, column)
            if not stack:
                root = value
                continue
            parent = stack[-1]
            parent[4] += size_done
            if isinstance(parent[0], dict):
                parent[0][parent[2]] = value
                parent[2] = _NO_KEY
            else:
                parent[0].append(value)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        slip = yaml_slip(text, exc)
        if slip is not None:
            raise LoadError(slip.message, slip.line, slip.column) from None
        raise LoadError(f"YAML syntax error: {problem}. Check indentation and quoting here.", line, column) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"YAML syntax error: {exc}.") from None
    finally:
        if parser is not None:
            parser.dispose()
    if root is None and documents == 0:
        raise LoadError("The file is empty. It needs at least `govkit: 1` and its sections.", rule="file")
    if not isinstance(root, dict):
        kind_name = (
            "a list"
            if isinstance(root, list)
            else "a single text"
            if isinstance(root, str)
            else f"a single {type(root).__name__} value"
        )
        raise LoadError(f"The file holds {kind_name}; it must be a mapping of keys such as `govkit: 1`.", 1, 1)
    doc.data = root
    return doc


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _next_key(frame: list[Any], event: Any) -> Key:
    container = frame[0]
    if isinstance(container, dict):
        return frame[2] if frame[2] is not _NO_KEY else "<key>"
    return len(container)


def _accept_key(frame: list[Any], key: Any, event: Any, doc: Document) -> None:
    container, path = frame[0], frame[1]
    line, column = _mark(event)
    if not isinstance(key, str):
        key = str(key).lower() if isinstance(key, bool) else str(key)
    if key in container:
        first = doc.keys.get(path + (key,), (line, column))
        raise LoadError(
            f"The key `{key}` appears twice here; its first use is on line {first[0]}. Keep one.", line, column
        )
    frame[2] = key
    doc.keys[path + (key,)] = (line, column)
