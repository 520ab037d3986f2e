"""A loaded governance file: its plain data, and where each part of it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkit.model import Location

Key = str | int
PathKey = tuple[Key, ...]


@dataclass(slots=True)
class Document:
    """One loaded file: its plain data and where each part of it came from."""

    path: Path
    name: str  # the path shown to users, relative to the charter repo root
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: PathKey = (), *, key: bool = False) -> Location:
        """The location of the value (or, with key=True, the key) at `path`.

        Falls back to the nearest enclosing place we know, so a finding about a
        missing or aliased part still points somewhere useful.
        """
        table = self.keys if key else self.values
        probe = tuple(path)
        while True:
            spot = table.get(probe) or self.values.get(probe)
            if spot is not None:
                return Location(self.name, spot[0], spot[1])
            if not probe:
                return Location(self.name, 1, 1)
            probe = probe[:-1]


class LoadError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1, rule: str = "yaml"):
        super().__init__(message)
        self.message, self.line, self.column, self.rule = message, line, column, rule
