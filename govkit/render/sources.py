"""What a team's pages are made from: its charter and its activity log, read leniently.

Lint reports every problem in these files; rendering must still show leadership what
can be read. A charter that fails its schema is not trusted for any section (only its
name, when that is text); an activity log keeps every event that is well formed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from govkit.evidence.activity import Event
from govkit.load import Document
from govkit.model import Finding
from govkit.repo import CharterRepo


@dataclass(slots=True)
class TeamSource:
    team: str
    charter: dict[str, Any] | None = None  # None unless it loads and passes its schema
    name: str | None = None
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_team(repo: CharterRepo, team: str) -> TeamSource:
    from govkit.validate import schema_findings

    source = TeamSource(team=team)
    folder = repo.team_dir(team)
    loaded = repo.load(folder / "charter.yaml")
    if isinstance(loaded, Finding):
        source.problems.append(f"The charter could not be read: {loaded.message} ({loaded.location}).")
    else:
        name = loaded.data.get("name")
        source.name = name if isinstance(name, str) and name.strip() else None
        if schema_findings(loaded, "charter", team):
            source.problems.append(
                f"The charter {loaded.name} does not match its schema, so its sections are not shown; "
                "fix the findings below."
            )
        else:
            source.charter = loaded.data
    _read_activity(repo, team, source)
    return source


def _read_activity(repo: CharterRepo, team: str, source: TeamSource) -> None:
    from govkit.validate import schema_findings

    path = repo.team_dir(team) / "activity.yaml"
    name = repo.name(path)
    if not path.exists():
        source.problems.append(f"There is no activity log yet ({name}): no events are shown.")
        return
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        source.problems.append(f"The activity log could not be read: {loaded.message} ({loaded.location}).")
        return
    raw = loaded.data.get("events")
    items = raw if isinstance(raw, list) else []
    read = (_event(loaded, index, item) for index, item in enumerate(items))
    source.events = sorted((e for e in read if e is not None), key=lambda e: e.day)
    if schema_findings(loaded, "activity", team):
        left_out = len(items) - len(source.events)
        detail = f"{left_out} of {len(items)} events could not be read and are left out" if left_out else "see below"
        source.problems.append(f"The activity log {name} does not match its schema ({detail}); fix the findings below.")


def _event(doc: Document, index: int, item: Any) -> Event | None:
    """One well-formed event, or None when its date or type cannot be read."""
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        return None
    day = parse_day(item.get("date"))
    if day is None:
        return None
    value = item.get("value")
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    return Event(
        day=day,
        type=item["type"],
        location=doc.where(("events", index)),
        summary=_text(item.get("summary")),
        by=_text(item.get("by")),
        metric=_text(item.get("metric")),
        value=number,
        ref=_text(item.get("ref")),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
