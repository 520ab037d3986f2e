"""Two charters, agreement by agreement: who is on the team, what it owns, how it is governed.

Items are matched by what identifies them (a member's email, a metric's id, a cadence's event
type, a guardrail's repo and area, an exemption's process, a waiver's rule), so reordering a
list is not a change. Durations are compared in days: a shorter cadence, reading interval or
response time is `tightened`, a longer one `loosened`; `2w` and `14d` are the same agreement.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.compare.agreements import (
    cadence_changes,
    decision_changes,
    escalation_changes,
    exemption_changes,
    exit_criteria_changes,
    metric_changes,
    waiver_changes,
)
from govkit.compare.change import (
    ADDED,
    CHANGED,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    Change,
    field_change,
    keyed,
    listed,
    pair,
    quoted,
    stricter_when_lower,
)
from govkit.dates import parse_date

Charter = Mapping[str, Any]


def charter_changes(before: Charter, after: Charter) -> list[Change]:
    """Every changed agreement from `before` to `after`, section by section, in charter order."""
    changes: list[Change] = []
    for section in (
        identity_changes,
        timebox_changes,
        lead_changes,
        member_changes,
        repo_changes,
        cadence_changes,
        metric_changes,
        exemption_changes,
        decision_changes,
        escalation_changes,
        exit_criteria_changes,
        waiver_changes,
    ):
        changes.extend(section(before, after))
    return changes


def _code(value: Any) -> str:
    return f"`{value}`"


def identity_changes(before: Charter, after: Charter) -> Iterator[Change]:
    fields = (
        ("team", "Team id", _code),
        ("name", "Name", quoted),
        ("status", "Status", str),
        ("purpose", "Purpose", quoted),
        ("policy", "Policy pin", _code),
    )
    for key, label, show in fields:
        change = field_change("identity", key, label, before.get(key), after.get(key), show=show)
        if change:
            yield change
    yield from _capability_changes(_capabilities(before), _capabilities(after))


def _capabilities(charter: Charter) -> list[dict[str, Any]]:
    capability = charter.get("capability")
    if capability is None:
        return []
    return list(capability) if isinstance(capability, list) else [capability]


def _capability_text(capability: Mapping[str, Any]) -> str:
    return f"{quoted(capability['name'])} ({capability.get('criticality', 'no criticality')})"


def _capability_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> Iterator[Change]:
    if len(before) == 1 and len(after) == 1:
        pairs = [("capability", before[0], after[0])]
        added: list[tuple[str, Any]] = []
        removed: list[tuple[str, Any]] = []
    else:  # several capabilities (a finding of its own in lint): match them by name
        added, removed, differing = pair(keyed(before, _name), keyed(after, _name))
        pairs = [(f"capability {name}", old, new) for name, old, new in differing]
    for _, capability in added:
        yield Change(
            "identity", ADDED, "capability", None, capability, f"Capability {_capability_text(capability)} added"
        )
    for _, capability in removed:
        yield Change(
            "identity", REMOVED, "capability", capability, None, f"Capability {_capability_text(capability)} removed"
        )
    for subject, old, new in pairs:
        for key, label, show in (
            ("name", "Capability name", quoted),
            ("criticality", "Capability criticality", str),
            ("users", "Capability users", quoted),
            ("description", "Capability description", quoted),
        ):
            change = field_change("identity", subject, label, old.get(key), new.get(key), show=show)
            if change:
                yield change


def _name(item: Mapping[str, Any]) -> str:
    return str(item.get("name", ""))


def timebox_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.get("timebox") or {}, after.get("timebox") or {}
    if old == new:
        return
    moved = []
    if old.get("start") != new.get("start"):
        moved.append(f"starts {new.get('start')} instead of {old.get('start')}")
    if old.get("end") != new.get("end"):
        moved.append(f"ends {new.get('end')} instead of {old.get('end')}")
    old_days, new_days = _days(old), _days(new)
    if old_days is None or new_days is None:
        yield Change("timebox", CHANGED, "timebox", old, new, f"Time box changed: {', '.join(moved)}")
        return
    kind = stricter_when_lower(old_days, new_days)
    verb = {TIGHTENED: "shortened", LOOSENED: "extended"}.get(kind, "moved")
    length = f"still {old_days / 7:.1f} weeks" if kind == CHANGED else f"{old_days / 7:.1f} to {new_days / 7:.1f} weeks"
    yield Change("timebox", kind, "timebox", old, new, f"Time box {verb}: {', '.join(moved)} ({length})")


def _days(timebox: Mapping[str, Any]) -> int | None:
    try:
        return (parse_date(str(timebox["end"])) - parse_date(str(timebox["start"]))).days
    except (KeyError, ValueError):
        return None


def lead_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.get("leads") or {}, after.get("leads") or {}
    for role in ("business", "technology"):
        change = field_change("leads", role, f"{role.capitalize()} lead", old.get(role), new.get(role))
        if change:
            yield change


def _email(member: Mapping[str, Any]) -> str:
    return str(member["email"]).lower()


def _member_text(member: Mapping[str, Any]) -> str:
    facts = [member.get("side"), member.get("role"), f"{member.get('allocation')}%"]
    return f"{member['email']} ({', '.join(str(f) for f in facts if f is not None)})"


def member_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.get("members", []), _email), keyed(after.get("members", []), _email))
    for _, member in added:
        yield Change("members", ADDED, member["email"], None, member, f"Member {_member_text(member)} joined")
    for _, member in removed:
        yield Change("members", REMOVED, member["email"], member, None, f"Member {_member_text(member)} left")
    for _, old, new in differing:
        email = new["email"]
        for key, label in (
            ("name", "name"),
            ("side", "side"),
            ("role", "role"),
            ("allocation", "allocation"),
            ("aliases", "aliases"),
            ("joined", "joined date"),
        ):
            before_value, after_value = old.get(key), new.get(key)
            if key == "aliases":
                before_value = sorted(a.lower() for a in before_value or []) or None
                after_value = sorted(a.lower() for a in after_value or []) or None
            show = (lambda v: f"{v}%") if key == "allocation" else listed
            change = field_change("members", email, f"Member {email} {label}", before_value, after_value, show=show)
            if change:
                yield change


def repo_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.get("repos", []), _name), keyed(after.get("repos", []), _name))
    for name, repo in added:
        guards = "; ".join(_guard_text(g) for g in repo.get("guarded", [])) or "no guarded paths"
        yield Change("repos", ADDED, name, None, repo, f"Repo `{name}` added at {repo.get('path')} ({guards})")
    for name, repo in removed:
        yield Change("repos", REMOVED, name, repo, None, f"Repo `{name}` removed, with its guarded paths")
    for name, old, new in differing:
        change = field_change("repos", name, f"Repo `{name}` path", old.get("path"), new.get("path"))
        if change:
            yield change
        yield from _guard_changes(name, old.get("guarded", []), new.get("guarded", []))


def _guard_text(guard: Mapping[str, Any]) -> str:
    return f"{guard['area']} owned by {guard['owner']}: {listed(guard['paths'])}"


def _guard_changes(repo: str, before: list[Any], after: list[Any]) -> Iterator[Change]:
    area = lambda guard: str(guard["area"])  # noqa: E731
    added, removed, differing = pair(keyed(before, area), keyed(after, area))
    for name, guard in added:
        yield Change(
            "repos", ADDED, f"{repo}: {name}", None, guard, f"Guardrail on `{repo}` added: {_guard_text(guard)}"
        )
    for name, guard in removed:
        text = f"Guardrail on `{repo}` removed: {_guard_text(guard)}"
        yield Change("repos", REMOVED, f"{repo}: {name}", guard, None, text)
    for name, old, new in differing:
        subject, label = f"{repo}: {name}", f"Guardrail `{name}` on `{repo}`"
        owner = field_change("repos", subject, f"{label} owner", old["owner"], new["owner"])
        if owner:
            yield owner
        gained = [p for p in new["paths"] if p not in old["paths"]]
        lost = [p for p in old["paths"] if p not in new["paths"]]
        if gained and not lost:
            yield Change(
                "repos", TIGHTENED, subject, old["paths"], new["paths"], f"{label} now also guards {listed(gained)}"
            )
        elif lost and not gained:
            yield Change(
                "repos", LOOSENED, subject, old["paths"], new["paths"], f"{label} no longer guards {listed(lost)}"
            )
        elif gained:
            text = f"{label} paths changed from {listed(old['paths'])} to {listed(new['paths'])}"
            yield Change("repos", CHANGED, subject, old["paths"], new["paths"], text)
