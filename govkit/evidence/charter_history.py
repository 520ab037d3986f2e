"""A charter's versions over time, read from the charter repo's git history.

Agreements change, and each day is judged by the version in force that day: a committed
version counts from the day it was committed, the working-tree copy (when it differs from
the last commit) from today, and the first version also covers the days before it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkit.git import Commit, file_history, file_versions, top_of
from govkit.load import Document, load_bytes
from govkit.validate import schema_findings


@dataclass(frozen=True, slots=True)
class Amendment:
    """A commit that changed a charter after its first version (not a draft's edit), and what it changed."""

    commit: Commit
    before: dict[str, Any]  # the version in force until this commit


@dataclass(slots=True)
class CharterHistory:
    starts: list[dt.date]  # when each version came into force, ascending
    versions: list[dict[str, Any]]
    amendments: list[Amendment] = field(default_factory=list)
    committed: int = 0  # how many of the versions come from commits (the rest: the working copy)

    def in_force(self, day: dt.date) -> dict[str, Any]:
        index = bisect.bisect_right(self.starts, day) - 1
        return self.versions[max(index, 0)]

    def in_force_on(self, day: str) -> dict[str, Any]:
        return self.in_force(dt.date.fromisoformat(day))


def read_history(root: Path, charter: Document, today: dt.date) -> CharterHistory:
    """The charter's versions; a charter repo that is not (yet) in git has only the working copy."""
    working = charter.data
    top = top_of(root)
    if top is None:
        return CharterHistory([dt.date.min], [working])
    relative = charter.path.resolve().relative_to(top).as_posix()
    commits = file_history(top, relative)
    contents = file_versions(top, relative, [c.sha for c in commits])
    starts: list[dt.date] = []
    versions: list[dict[str, Any]] = []
    amendments: list[Amendment] = []
    for position, (commit, content) in enumerate(zip(commits, contents, strict=True)):
        data = _sound(content, charter)
        # Editing a draft changes no agreement yet; the commit that makes it active does.
        drafting = versions and versions[-1].get("status") == "draft" and (data or {}).get("status") == "draft"
        if position > 0 and versions and not drafting:
            amendments.append(Amendment(commit, versions[-1]))
        if data is not None:
            # Keep starts ascending even when committer clocks disagree.
            day = dt.date.fromisoformat(commit.committed_day)
            starts.append(max(day, starts[-1]) if starts else day)
            versions.append(data)
    committed = len(versions)
    last = contents[-1] if contents else None
    if not versions or last != charter.path.read_bytes():
        starts.append(max(today, starts[-1]) if starts else today)
        versions.append(working)
    starts[0] = dt.date.min  # the first agreement also covers the days before it was written down
    return CharterHistory(starts, versions, amendments, committed)


def _sound(content: bytes | None, charter: Document) -> dict[str, Any] | None:
    """A past version's data, when it loads and passes the schema; else None (skipped)."""
    if content is None:
        return None
    loaded = load_bytes(content, charter.path, charter.name)
    if not isinstance(loaded, Document) or schema_findings(loaded, "charter"):
        return None
    return loaded.data
