"""What a comparison yields: one changed agreement, and the comparison that holds them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from govkit.evidence.charter import Duration

ADDED, REMOVED, CHANGED, TIGHTENED, LOOSENED = "added", "removed", "changed", "tightened", "loosened"
KINDS = (ADDED, REMOVED, CHANGED, TIGHTENED, LOOSENED)


@dataclass(frozen=True, slots=True)
class Change:
    """One changed agreement: where, how, what, the values on each side and a plain sentence."""

    section: str  # e.g. members, cadences; SECTION_TITLES holds how people read it
    kind: str  # one of KINDS
    subject: str  # what changed inside the section: an email, a cadence type, a rule id, ...
    before: Any  # the value compared (a typed charter value or plain data); None when added
    after: Any  # the value compared; None when removed
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "kind": self.kind,
            "subject": self.subject,
            "before": plain(self.before),
            "after": plain(self.after),
            "text": self.text,
        }


# Typed fields whose name differs from the key a charter file writes.
_WRITTEN_AS = {"guards": "guarded"}


def plain(value: Any) -> Any:
    """A compared value as JSON-ready data in the charter file's own words: durations as written,
    days as YYYY-MM-DD, and only the fields the file gives (an item's place in its list is not
    part of the agreement, and a field at its default was not written)."""
    if isinstance(value, Duration):
        return value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            _WRITTEN_AS.get(f.name, f.name): plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "index" and getattr(value, f.name) != f.default
        }
    return value


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything one `diff` found, from one side to the other, with hints for the reviewer."""

    command: str  # "diff" or "policy diff"
    before: str  # how the user named the old side
    after: str
    changes: tuple[Change, ...]
    hints: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for c in self.changes if c.kind == kind) for kind in KINDS}


SECTION_TITLES = {
    "identity": "Identity",
    "timebox": "Time box",
    "leads": "Leads",
    "members": "Members",
    "repos": "Repos and guarded paths",
    "cadences": "Cadences",
    "metrics": "Metrics",
    "exemptions": "Exemptions",
    "decisions": "Decisions",
    "escalation": "Escalation",
    "exit_criteria": "Exit criteria",
    "waivers": "Waivers",
    "policy": "Policy",
    "rules": "Rules",
    "events": "Event types",
    "guards": "Guarded paths in every team repo",
}


def by_section(changes: tuple[Change, ...]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by section, sections in the order they first appear."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.section, []).append(change)
    return list(groups.items())


def title(section: str) -> str:
    return SECTION_TITLES.get(section, section.replace("_", " ").capitalize())


def stricter_when_lower(before: float, after: float) -> str:
    """tightened when the bound went down (a shorter cadence, a lower maximum), loosened when up."""
    if after == before:
        return CHANGED
    return TIGHTENED if after < before else LOOSENED


def stricter_when_higher(before: float, after: float) -> str:
    if after == before:
        return CHANGED
    return TIGHTENED if after > before else LOOSENED


def duration_kind(before: Duration, after: Duration) -> str | None:
    """How a duration bound moved: shorter is tightened; None when it means the same (2w = 14d)."""
    return None if before.days == after.days else stricter_when_lower(before.days, after.days)


def quoted(text: Any) -> str:
    """Free text as it reads inside a sentence."""
    return f'"{text}"'


def written(text: str) -> str | None:
    """An optional text as the file has it: empty means it was not written."""
    return text or None


def listed(values: Any) -> str:
    if isinstance(values, list | tuple):
        return ", ".join(str(v) for v in values) if values else "none"
    return str(values)


KindOf = Callable[[Any, Any], "str | None"]


def field_change(
    section: str,
    subject: str,
    label: str,
    old: Any,
    new: Any,
    *,
    kind_of: KindOf | None = None,
    show: Callable[[Any], str] = str,
) -> Change | None:
    """One field of an agreement that changed, or None when it did not (or means the same).

    `kind_of(old, new)` says whether the change tightened or loosened it (None: no change);
    without it the change is plain `changed`.
    """
    if old == new:
        return None
    kind = kind_of(old, new) if kind_of else CHANGED
    if kind is None:
        return None
    if old is None:
        text = f"{label} set to {show(new)}"
    elif new is None:
        text = f"{label} removed (was {show(old)})"
    else:
        verb = kind if kind in (TIGHTENED, LOOSENED) else "changed"
        text = f"{label} {verb} from {show(old)} to {show(new)}"
    return Change(section, kind, subject, old, new, text)


Item = TypeVar("Item")


def keyed(items: Iterable[Item], key: Callable[[Item], str]) -> dict[tuple[str, int], Item]:
    """Items by (key, occurrence), so a key used twice still pairs first with first."""
    found: dict[tuple[str, int], Item] = {}
    seen: dict[str, int] = {}
    for item in items:
        name = key(item)
        seen[name] = seen.get(name, 0) + 1
        found[(name, seen[name])] = item
    return found


def pair(
    before: dict[tuple[str, int], Item], after: dict[tuple[str, int], Item]
) -> tuple[list[tuple[str, Item]], list[tuple[str, Item]], list[tuple[str, Item, Item]]]:
    """(added, removed, differing) items of two `keyed` maps: added in the new order, the rest in the old."""
    added = [(k[0], item) for k, item in after.items() if k not in before]
    removed = [(k[0], item) for k, item in before.items() if k not in after]
    both = [(k[0], before[k], item) for k, item in after.items() if k in before and before[k] != item]
    return added, removed, both
