"""Two versions of a policy, rule by rule: added, removed, severity raised or lowered, params moved.

Each side is the policy as it holds charters: with the rules it takes from the policy it
extends, as it changes them, and without those it switches off. Rules are matched by id. Params are compared after the check's defaults are filled in, so
writing a default out is not a change. For the built-in check types govkit knows which way
each param holds teams: a higher `team-size` min or a lower max, a higher `dedicated-members`
min, a shorter `timebox` max_weeks, a shorter `cadence-within-policy` bound or
`respond_within`, more `forbidden_criticality` values or `required-sections` is `tightened`;
the opposite is `loosened`. Any other param change (an `event-cadence` event, an unknown
param) is `changed`. The policy's own event types are added or removed; a guard it adds (in
every team repo) is `tightened`, one it drops or narrows `loosened`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from govkit.compare.change import (
    ADDED,
    CHANGED,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    Change,
    duration_kind,
    field_change,
    listed,
    stricter_when_higher,
    stricter_when_lower,
)
from govkit.evidence.charter import duration
from govkit.policy import Policy, Rule

HIGHER, LOWER, DURATION, DURATIONS, MORE = "higher", "lower", "duration", "durations", "more"
# check type → param → which way holds teams tighter
DIRECTIONS: dict[str, dict[str, str]] = {
    "team-size": {"min": HIGHER, "max": LOWER},
    "dedicated-members": {"min": HIGHER},
    "timebox": {"max_weeks": LOWER},
    "cadence-within-policy": {"max": DURATIONS, "respond_within": DURATION},
    "single-capability": {"forbidden_criticality": MORE},
    "required-sections": {"sections": MORE},
}


def _bound_kind(old: str, new: str) -> str | None:
    """Policy params stay as the policy writes them (`21d`): read as durations only to compare them."""
    return duration_kind(duration(old), duration(new))


_SCALAR: dict[str, Callable[[Any, Any], str | None]] = {
    HIGHER: stricter_when_higher,
    LOWER: stricter_when_lower,
    DURATION: _bound_kind,
}


def policy_changes(old: Policy, new: Policy) -> tuple[list[Change], list[str]]:
    """The changes from `old` to `new`, and hints for whoever reviews the new version."""
    changes: list[Change] = []
    name = field_change("policy", "name", "Policy name", old.name, new.name, show=lambda v: f"`{v}`")
    if name:
        changes.append(name)
    if old.version != new.version:
        major = " (a new major version)" if new.major != old.major else ""
        text = f"Version changed from {old.version} to {new.version}{major}"
        changes.append(Change("policy", CHANGED, "version", old.version, new.version, text))
    base = field_change("policy", "extends", "Base policy", old.extends, new.extends, show=lambda v: f"`{v}`")
    if base:
        changes.append(base)
    changes.extend(rule_changes(old, new))
    changes.extend(_event_changes(old, new))
    changes.extend(_guard_changes(old, new))
    return changes, _hints(old, new, changes)


def _event_changes(old: Policy, new: Policy) -> Iterator[Change]:
    before = {event.id: event for event in old.events}
    after = {event.id: event for event in new.events}
    for kind, event in after.items():
        if kind not in before:
            yield Change(
                "events", ADDED, kind, None, event.description, f"Event type `{kind}` added ({event.description})"
            )
    for kind, event in before.items():
        if kind not in after:
            text = f"Event type `{kind}` removed (was {event.description}); teams can no longer log it"
            yield Change("events", REMOVED, kind, event.description, None, text)


def _guard_changes(old: Policy, new: Policy) -> Iterator[Change]:
    """Guards by owner and area: globs gained hold teams to more, globs lost to less."""
    before = {(guard.owner.lower(), guard.area): set(guard.paths) for guard in old.guards}
    after = {(guard.owner.lower(), guard.area): set(guard.paths) for guard in new.guards}
    for key in [*after, *(key for key in before if key not in after)]:
        gained = sorted(after.get(key, set()) - before.get(key, set()))
        lost = sorted(before.get(key, set()) - after.get(key, set()))
        owner, area = key
        label = f"The {area} guard of {owner}"
        if gained:
            text = f"{label} now also guards {listed(gained)} in every team repo"
            yield Change("guards", TIGHTENED, owner, sorted(before.get(key, ())), sorted(after.get(key, ())), text)
        if lost:
            text = f"{label} no longer guards {listed(lost)}"
            yield Change("guards", LOOSENED, owner, sorted(before.get(key, ())), sorted(after.get(key, ())), text)


def rule_changes(old: Policy, new: Policy) -> Iterator[Change]:
    before = {rule.id: rule for rule in old.rules}
    after = {rule.id: rule for rule in new.rules}
    for rule in new.rules:
        if rule.id not in before:
            yield Change(
                "rules", ADDED, rule.id, None, _rule_dict(rule), f"Rule `{rule.id}` added ({_rule_text(rule)})"
            )
    for rule in old.rules:
        if rule.id not in after:
            text = f"Rule `{rule.id}` removed (was {_rule_text(rule)})"
            yield Change("rules", REMOVED, rule.id, _rule_dict(rule), None, text)
    for rule in new.rules:
        if rule.id in before:
            yield from _changed_rule(before[rule.id], rule)


def _rule_dict(rule: Rule) -> dict[str, Any]:
    return {"check": rule.check.ID, "severity": rule.severity.label, "params": dict(rule.params)}


def _rule_text(rule: Rule) -> str:
    params = ", ".join(f"{key}: {_value(value)}" for key, value in rule.params.items())
    return f"check `{rule.check.ID}`, {rule.severity.label}" + (f", {params}" if params else "")


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + listed(value) + "]"
    return str(value)


def _changed_rule(old: Rule, new: Rule) -> Iterator[Change]:
    label = f"Rule `{new.id}`"
    if old.check.ID != new.check.ID:
        text = f"{label} check type changed from `{old.check.ID}` to `{new.check.ID}`"
        yield Change("rules", CHANGED, new.id, old.check.ID, new.check.ID, text)
    if old.severity != new.severity:
        raised = new.severity > old.severity
        text = f"{label} severity {'raised' if raised else 'lowered'} from {old.severity.label} to {new.severity.label}"
        kind = TIGHTENED if raised else LOOSENED
        yield Change("rules", kind, new.id, old.severity.label, new.severity.label, text)
    if old.description != new.description:
        yield Change("rules", CHANGED, new.id, old.description, new.description, f"{label} description changed")
    # Directions only mean something when both sides use the same check type.
    directions = DIRECTIONS.get(new.check.ID, {}) if old.check.ID == new.check.ID else {}
    names = [*old.params, *(name for name in new.params if name not in old.params)]
    for name in names:
        yield from _param_changes(new.id, name, old.params.get(name), new.params.get(name), directions.get(name))


def _param_changes(rule: str, name: str, old: Any, new: Any, direction: str | None) -> Iterator[Change]:
    if old == new:
        return
    label = f"Rule `{rule}` param `{name}`"
    if old is None or new is None or direction is None:
        change = field_change("rules", rule, label, old, new, show=_value)
    elif direction == DURATIONS and isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from _bounds_changes(rule, name, old, new)
        return
    elif direction == MORE and isinstance(old, list) and isinstance(new, list):
        change = _items_change(rule, label, old, new)
    else:
        change = field_change("rules", rule, label, old, new, kind_of=_SCALAR[direction], show=_value)
    if change:
        yield change


def _bounds_changes(rule: str, name: str, old: Mapping[str, str], new: Mapping[str, str]) -> Iterator[Change]:
    """Per-event bounds: a new bound holds charters to more, a dropped one to less."""
    for event, bound in new.items():
        label = f"Rule `{rule}` param `{name}.{event}`"
        if event not in old:
            yield Change("rules", TIGHTENED, rule, None, bound, f"{label} added: at most {bound}")
        else:
            change = field_change("rules", rule, label, old[event], bound, kind_of=_bound_kind)
            if change:
                yield change
    for event, bound in old.items():
        if event not in new:
            label = f"Rule `{rule}` param `{name}.{event}`"
            yield Change("rules", LOOSENED, rule, bound, None, f"{label} removed (was at most {bound})")


def _items_change(rule: str, label: str, old: list[Any], new: list[Any]) -> Change | None:
    gained = [item for item in new if item not in old]
    lost = [item for item in old if item not in new]
    if gained and not lost:
        return Change("rules", TIGHTENED, rule, old, new, f"{label} tightened: now also {listed(gained)}")
    if lost and not gained:
        return Change("rules", LOOSENED, rule, old, new, f"{label} loosened: no longer {listed(lost)}")
    if gained:
        return Change("rules", CHANGED, rule, old, new, f"{label} changed from [{listed(old)}] to [{listed(new)}]")
    return None  # the same items in another order


def _hints(old: Policy, new: Policy, changes: list[Change]) -> list[str]:
    """Versioning advice: charters pin the major, so a rule added or tightened needs a new one."""
    if old.name != new.name:
        return []
    rules = [change for change in changes if change.section in ("rules", "guards")]
    tightened = [change.subject for change in rules if change.kind == TIGHTENED]
    added = [change.subject for change in rules if change.kind == ADDED]
    if (tightened or added) and new.major <= old.major:
        parts = []
        if added:
            parts.append(f"the new {', '.join(f'`{rule}`' for rule in dict.fromkeys(added))}")
        if tightened:
            parts.append(f"the tighter {', '.join(f'`{rule}`' for rule in dict.fromkeys(tightened))}")
        what = "Added and tightened rules" if added and tightened else "Added rules" if added else "Tightened rules"
        return [
            f"{what} usually need a new major version: charters pin the major ({new.pin}), so every "
            f"charter pinned to it is held to {' and '.join(parts)} at once. "
            f"Consider version {old.major + 1}.0.0, or {'drop' if added and not tightened else 'loosen'} the change."
        ]
    if rules and old.version == new.version:
        return [
            f"The rules changed but the version is still {new.version}; bump it: a new minor for looser "
            "rules, a new major for added or tighter ones."
        ]
    return []
