"""What a comparison yields: one changed agreement, and the comparison that holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from govkit.dates import duration_days

ADDED, REMOVED, CHANGED, TIGHTENED, LOOSENED = "added", "removed", "changed", "tightened", "loosened"
KINDS = (ADDED, REMOVED, CHANGED, TIGHTENED, LOOSENED)


@dataclass(frozen=True, slots=True)
class Change:
    """One changed agreement: where, how, what, the values on each side and a plain sentence."""

    section: str  # e.g. members, cadences; SECTION_TITLES holds how people read it
    kind: str  # one of KINDS
    subject: str  # what changed inside the section: an email, a cadence type, a rule id, ...
    before: Any  # plain data (JSON-ready); None when added
    after: Any  # plain data (JSON-ready); None when removed
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "kind": self.kind,
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        }


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


def duration_kind(before: str, after: str) -> str | None:
    """How a duration bound moved: shorter is tightened; None when it means the same (2w = 14d)."""
    old, new = duration_days(before), duration_days(after)
    return None if old == new else stricter_when_lower(old, new)


def quoted(text: Any) -> str:
    """Free text as it reads inside a sentence."""
    return f'"{text}"'


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


def keyed(items: Iterable[Any], key: Callable[[Any], str]) -> dict[tuple[str, int], Any]:
    """Items by (key, occurrence), so a key used twice still pairs first with first."""
    found: dict[tuple[str, int], Any] = {}
    seen: dict[str, int] = {}
    for item in items:
        name = key(item)
        seen[name] = seen.get(name, 0) + 1
        found[(name, seen[name])] = item
    return found


def pair(
    before: dict[tuple[str, int], Any], after: dict[tuple[str, int], Any]
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]], list[tuple[str, Any, Any]]]:
    """(added, removed, differing) items of two `keyed` maps: added in the new order, the rest in the old."""
    added = [(k[0], item) for k, item in after.items() if k not in before]
    removed = [(k[0], item) for k, item in before.items() if k not in after]
    both = [(k[0], before[k], item) for k, item in after.items() if k in before and before[k] != item]
    return added, removed, both
