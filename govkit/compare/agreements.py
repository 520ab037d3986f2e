"""How the team works, compared: cadences, metrics, exemptions, decisions, escalation, exit criteria, waivers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
    written,
)
from govkit.evidence.charter import Charter, Decisions, Duration, Exemption, Metric, Waiver


def _interval_kind(old: Duration | None, new: Duration | None) -> str | None:
    """A duration that bounds the team: agreeing one is tightened, dropping it loosened."""
    if old is None:
        return TIGHTENED
    if new is None:
        return LOOSENED
    return duration_kind(old, new)


def cadence_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old = {cadence.event: cadence.every for cadence in before.cadences}
    new = {cadence.event: cadence.every for cadence in after.cadences}
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


def _metric_id(metric: Metric) -> str:
    return metric.id


def _metric_text(metric: Metric) -> str:
    facts = [metric.kind]
    if metric.target is not None:
        facts.append(f"target {metric.target}" + (f" {metric.unit}" if metric.unit else ""))
    if metric.every is not None:
        facts.append(f"read every {metric.every}")
    return f"`{metric.id}` ({', '.join(facts)})"


def metric_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.metrics, _metric_id), keyed(after.metrics, _metric_id))
    for name, metric in added:
        yield Change("metrics", ADDED, name, None, metric, f"Metric {_metric_text(metric)} added")
    for name, metric in removed:
        yield Change("metrics", REMOVED, name, metric, None, f"Metric {_metric_text(metric)} removed")
    for name, old, new in differing:
        for label, old_value, new_value, kind_of, show in (
            ("kind", old.kind, new.kind, None, str),
            ("description", old.description, new.description, None, quoted),
            ("target", old.target, new.target, None, str),
            ("unit", written(old.unit), written(new.unit), None, str),
            ("reading interval", old.every, new.every, _interval_kind, str),
        ):
            change = field_change(
                "metrics", name, f"Metric `{name}` {label}", old_value, new_value, kind_of=kind_of, show=show
            )
            if change:
                yield change


def _process(exemption: Exemption) -> str:
    return exemption.process


def exemption_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.exemptions, _process), keyed(after.exemptions, _process))
    for name, exemption in added:
        text = f"Exemption from {quoted(name)} added, replaced by {quoted(exemption.replaced_by)}"
        yield Change("exemptions", ADDED, name, None, exemption, text)
    for name, exemption in removed:
        text = f"Exemption from {quoted(name)} removed: the standard process applies again"
        yield Change("exemptions", REMOVED, name, exemption, None, text)
    for name, old, new in differing:
        label = f"Exemption from {quoted(name)}: replacing control"
        change = field_change("exemptions", name, label, old.replaced_by, new.replaced_by, show=quoted)
        if change:
            yield change


_DECIDED = {"team": "decided by the team", "escalate": "escalated"}


def _topics(charter: Charter) -> dict[str, tuple[str, ...]]:
    decisions = charter.decisions or Decisions()
    return {"team": decisions.team, "escalate": decisions.escalate}


def decision_changes(before: Charter, after: Charter) -> Iterator[Change]:
    """Decision rights; a topic moved between `team` and `escalate` is one change, not two."""
    old, new = _topics(before), _topics(after)
    gained = {where: [t for t in new[where] if t not in old[where]] for where in _DECIDED}
    lost = {where: [t for t in old[where] if t not in new[where]] for where in _DECIDED}
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
    old, new = before.escalation, after.escalation
    if old == new:
        return
    if old is None or new is None:
        path = new or old
        assert path is not None
        text = f"to {path.contact}, answered within {path.respond_within}"
        if old is None:
            yield Change("escalation", ADDED, "escalation", None, new, f"Escalation path added: {text}")
        else:
            yield Change("escalation", REMOVED, "escalation", old, None, f"Escalation path removed (was {text})")
        return
    contact = field_change("escalation", "contact", "Escalation contact", old.contact, new.contact)
    if contact:
        yield contact
    respond = field_change(
        "escalation",
        "respond_within",
        "Escalation response time",
        old.respond_within,
        new.respond_within,
        kind_of=_interval_kind,
    )
    if respond:
        yield respond


def exit_criteria_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.exit_criteria, after.exit_criteria
    for criterion in new:
        if criterion not in old:
            yield Change(
                "exit_criteria", ADDED, criterion, None, criterion, f"Exit criterion added: {quoted(criterion)}"
            )
    for criterion in old:
        if criterion not in new:
            text = f"Exit criterion removed: {quoted(criterion)}"
            yield Change("exit_criteria", REMOVED, criterion, criterion, None, text)


def _expiry_kind(old: dt.date | None, new: dt.date | None) -> str | None:
    """A waiver that ends sooner holds the team to the rule sooner: tightened."""
    if old is None:
        return TIGHTENED
    if new is None:
        return LOOSENED
    return TIGHTENED if new < old else LOOSENED


def _waiver_text(waiver: Waiver) -> str:
    expiry = f"expires {waiver.expires}" if waiver.expires else "no expiry"
    reason = f"; {quoted(waiver.reason)}" if waiver.reason else ""
    return f"({expiry}{reason})"


def _rule(waiver: Waiver) -> str:
    return waiver.rule


def _approvers(waiver: Waiver) -> list[str] | None:
    """Who approved, in any order and case: the same people are the same approval."""
    return sorted(email.lower() for email in waiver.approved_by) or None


def waiver_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.waivers, _rule), keyed(after.waivers, _rule))
    for name, waiver in added:
        yield Change("waivers", ADDED, name, None, waiver, f"Waiver of `{name}` added {_waiver_text(waiver)}")
    for name, waiver in removed:
        text = f"Waiver of `{name}` removed {_waiver_text(waiver)}: the rule applies in full"
        yield Change("waivers", REMOVED, name, waiver, None, text)
    for name, old, new in differing:
        for label, before_value, after_value, kind_of, show in (
            ("expiry", old.expires, new.expires, _expiry_kind, str),
            ("reason", old.reason, new.reason, None, quoted),
            ("approvers", _approvers(old), _approvers(new), None, listed),
        ):
            change = field_change(
                "waivers", name, f"Waiver of `{name}` {label}", before_value, after_value, kind_of=kind_of, show=show
            )
            if change:
                yield change
