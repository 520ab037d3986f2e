"""The activity log as dated events, each remembering where it is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from govkit.load import Document
from govkit.model import Location

# Event types every policy knows; a policy may declare more under `events`.
BUILTIN_EVENT_TYPES = (
    "demo",
    "customer-feedback",
    "retro",
    "release",
    "knowledge-share",
    "decision",
    "escalation",
    "escalation-resolved",
    "metric",
    "other",
)


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


def escalations(raised: Sequence[Event], resolved: Sequence[Event]) -> list[tuple[Event, dt.date | None]]:
    """Each escalation with the day it was resolved (None while open): the first resolution of its
    ref on or after the day it was raised, so a reused ref starts a new escalation."""
    resolutions: dict[str | None, list[dt.date]] = {}
    for event in resolved:
        resolutions.setdefault(event.ref, []).append(event.day)
    return [
        (event, min((day for day in resolutions.get(event.ref, []) if day >= event.day), default=None))
        for event in raised
    ]
