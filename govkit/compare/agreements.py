"""How the team works, compared: cadences, metrics, exemptions, decisions, escalation, exit criteria, waivers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    keyed,
    listed,
    pair,
    quoted,
)

Charter = Mapping[str, Any]


def _interval_kind(old: str | None, new: str | None) -> str | None:
    """A duration that bounds the team: agreeing one is tightened, dropping it loosened."""
    if old is None:
        return TIGHTENED
    if new is None:
        return LOOSENED
    return duration_kind(old, new)


def cadence_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.get("cadences") or {}, after.get("cadences") or {}
    for event, agreed in new.items():
        if event not in old:
            yield Change("cadences", ADDED, event, None, agreed, f"Cadence `{event}` added ({agreed})")
    for event, agreed in old.items():
        if event not in new:
            yield Change("cadences", REMOVED, event, agreed, None, f"Cadence `{event}` removed (was {agreed})")
    for event, agreed in new.items():
        if event in old:
            change = field_change("cadences", event, f"Cadence `{event}`", old[event], agreed, kind_of=duration_kind)
            if change:
                yield change


def _metric_text(metric: Mapping[str, Any]) -> str:
    facts = [metric.get("kind")]
    if "target" in metric:
        facts.append(f"target {metric['target']}" + (f" {metric['unit']}" if metric.get("unit") else ""))
    if "every" in metric:
        facts.append(f"read every {metric['every']}")
    return f"`{metric['id']}` ({', '.join(str(f) for f in facts if f)})"


def metric_changes(before: Charter, after: Charter) -> Iterator[Change]:
    metric_id = lambda metric: str(metric["id"])  # noqa: E731
    added, removed, differing = pair(
        keyed(before.get("metrics", []), metric_id), keyed(after.get("metrics", []), metric_id)
    )
    for name, metric in added:
        yield Change("metrics", ADDED, name, None, metric, f"Metric {_metric_text(metric)} added")
    for name, metric in removed:
        yield Change("metrics", REMOVED, name, metric, None, f"Metric {_metric_text(metric)} removed")
    for name, old, new in differing:
        for key, label, kind_of, show in (
            ("kind", "kind", None, str),
            ("description", "description", None, quoted),
            ("target", "target", None, str),
            ("unit", "unit", None, str),
            ("every", "reading interval", _interval_kind, str),
        ):
            change = field_change(
                "metrics", name, f"Metric `{name}` {label}", old.get(key), new.get(key), kind_of=kind_of, show=show
            )
            if change:
                yield change


def exemption_changes(before: Charter, after: Charter) -> Iterator[Change]:
    process = lambda exemption: str(exemption["process"])  # noqa: E731
    added, removed, differing = pair(
        keyed(before.get("exemptions", []), process), keyed(after.get("exemptions", []), process)
    )
    for name, exemption in added:
        text = f"Exemption from {quoted(name)} added, replaced by {quoted(exemption.get('replaced_by'))}"
        yield Change("exemptions", ADDED, name, None, exemption, text)
    for name, exemption in removed:
        text = f"Exemption from {quoted(name)} removed: the standard process applies again"
        yield Change("exemptions", REMOVED, name, exemption, None, text)
    for name, old, new in differing:
        label = f"Exemption from {quoted(name)}: replacing control"
        change = field_change("exemptions", name, label, old.get("replaced_by"), new.get("replaced_by"), show=quoted)
        if change:
            yield change


_DECIDED = {"team": "decided by the team", "escalate": "escalated"}


def decision_changes(before: Charter, after: Charter) -> Iterator[Change]:
    """Decision rights; a topic moved between `team` and `escalate` is one change, not two."""
    old, new = before.get("decisions") or {}, after.get("decisions") or {}
    gained = {where: [t for t in new.get(where, []) if t not in old.get(where, [])] for where in _DECIDED}
    lost = {where: [t for t in old.get(where, []) if t not in new.get(where, [])] for where in _DECIDED}
    for where, other in (("team", "escalate"), ("escalate", "team")):
        for topic in gained[where]:
            if topic in lost[other]:
                lost[other].remove(topic)
                text = f"Decision {quoted(topic)} moved from {_DECIDED[other]} to {_DECIDED[where]}"
                yield Change("decisions", CHANGED, topic, other, where, text)
            else:
                yield Change("decisions", ADDED, topic, None, where, f"Decision {quoted(topic)} now {_DECIDED[where]}")
    for where in _DECIDED:
        for topic in lost[where]:
            text = f"Decision {quoted(topic)} no longer {_DECIDED[where]}"
            yield Change("decisions", REMOVED, topic, where, None, text)


def escalation_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.get("escalation"), after.get("escalation")
    if old == new:
        return
    if old is None or new is None:
        path = new or old
        assert path is not None
        text = f"to {path.get('contact')}, answered within {path.get('respond_within')}"
        if old is None:
            yield Change("escalation", ADDED, "escalation", None, new, f"Escalation path added: {text}")
        else:
            yield Change("escalation", REMOVED, "escalation", old, None, f"Escalation path removed (was {text})")
        return
    contact = field_change("escalation", "contact", "Escalation contact", old.get("contact"), new.get("contact"))
    if contact:
        yield contact
    respond = field_change(
        "escalation",
        "respond_within",
        "Escalation response time",
        old.get("respond_within"),
        new.get("respond_within"),
        kind_of=_interval_kind,
    )
    if respond:
        yield respond


def exit_criteria_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.get("exit_criteria") or [], after.get("exit_criteria") or []
    for criterion in new:
        if criterion not in old:
            yield Change(
                "exit_criteria", ADDED, criterion, None, criterion, f"Exit criterion added: {quoted(criterion)}"
            )
    for criterion in old:
        if criterion not in new:
            text = f"Exit criterion removed: {quoted(criterion)}"
            yield Change("exit_criteria", REMOVED, criterion, criterion, None, text)


def _expiry_kind(old: str | None, new: str | None) -> str | None:
    """A waiver that ends sooner holds the team to the rule sooner: tightened."""
    if old is None:
        return TIGHTENED
    if new is None:
        return LOOSENED
    return TIGHTENED if new < old else LOOSENED


def _waiver_text(waiver: Mapping[str, Any]) -> str:
    expiry = f"expires {waiver['expires']}" if waiver.get("expires") else "no expiry"
    reason = f"; {quoted(waiver['reason'])}" if waiver.get("reason") else ""
    return f"({expiry}{reason})"


def waiver_changes(before: Charter, after: Charter) -> Iterator[Change]:
    rule = lambda waiver: str(waiver["rule"])  # noqa: E731
    added, removed, differing = pair(keyed(before.get("waivers", []), rule), keyed(after.get("waivers", []), rule))
    for name, waiver in added:
        yield Change("waivers", ADDED, name, None, waiver, f"Waiver of `{name}` added {_waiver_text(waiver)}")
    for name, waiver in removed:
        text = f"Waiver of `{name}` removed {_waiver_text(waiver)}: the rule applies in full"
        yield Change("waivers", REMOVED, name, waiver, None, text)
    for name, old, new in differing:
        approvers = [sorted(a.lower() for a in w.get("approved_by", [])) or None for w in (old, new)]
        for label, before_value, after_value, kind_of, show in (
            ("expiry", old.get("expires"), new.get("expires"), _expiry_kind, str),
            ("reason", old.get("reason"), new.get("reason"), None, quoted),
            ("approvers", approvers[0], approvers[1], None, listed),
        ):
            change = field_change(
                "waivers", name, f"Waiver of `{name}` {label}", before_value, after_value, kind_of=kind_of, show=show
            )
            if change:
                yield change
