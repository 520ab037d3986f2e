"""The activity log as dated events, each remembering where it is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govkit.load import Document
from govkit.model import Location


@dataclass(frozen=True, slots=True)
class Event:
    day: dt.date
    type: str
    location: Location
    summary: str | None = None
    by: str | None = None
    metric: str | None = None
    value: float | None = None
    ref: str | None = None


def read_events(doc: Document | None) -> list[Event]:
    """Events in date order (stable for the same day); an absent log has none."""
    if doc is None:
        return []
    events = [
        Event(
            day=dt.date.fromisoformat(raw["date"]),
            type=raw["type"],
            location=doc.where(("events", index)),
            summary=raw.get("summary"),
            by=raw.get("by"),
            metric=raw.get("metric"),
            value=raw.get("value"),
            ref=raw.get("ref"),
        )
        for index, raw in enumerate(doc.data.get("events", []))
    ]
    return sorted(events, key=lambda event: event.day)
