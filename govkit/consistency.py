"""Cross-file consistency that holds whatever the policy: ids, uniqueness, references."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from govkit.evidence.charter import Charter
from govkit.load import Document
from govkit.model import Finding, Severity
from govkit.wording import closest_name

RULE = "consistency"


def _finding(doc: Document, path: tuple[Any, ...], message: str, team: str | None, *, key: bool = False) -> Finding:
    return Finding(rule=RULE, severity=Severity.ERROR, message=message, location=doc.where(path, key=key), team=team)


def charter_consistency(doc: Document, folder: str | None) -> Iterator[Finding]:
    charter = doc.data
    team = charter["team"]
    if folder is not None and team != folder:
        yield _finding(
            doc, ("team",), f"The team id is `{team}` but the charter is in teams/{folder}/; make them equal.", folder
        )
    seen: dict[str, int] = {}
    for index, member in enumerate(charter["members"]):
        for offset, identity in enumerate([member["email"], *member.get("aliases", [])]):
            path = ("members", index, "email") if offset == 0 else ("members", index, "aliases", offset - 1)
            lowered = identity.lower()
            if lowered in seen and seen[lowered] != index:
                first = charter["members"][seen[lowered]]["name"]
                yield _finding(
                    doc, path, f"{identity} also belongs to {first}; each email or alias names one member.", team
                )
            seen.setdefault(lowered, index)
    yield from _unique(doc, "metrics", "id", team)
    yield from _unique(doc, "repos", "name", team)


def _unique(doc: Document, section: str, key: str, team: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item in enumerate(doc.data.get(section, [])):
        if item[key] in seen:
            yield _finding(
                doc,
                (section, index, key),
                f"`{item[key]}` is used twice in `{section}`; each {key} must be unique.",
                team,
            )
        seen.add(item[key])


def cadence_consistency(doc: Document, event_types: Sequence[str], pin: str, team: str | None) -> Iterator[Finding]:
    """Each cadence paces an event type the charter's policy knows, or no event could ever keep it."""
    for kind in doc.data.get("cadences", {}):
        if kind not in event_types:
            yield _finding(
                doc,
                ("cadences", kind),
                f"The cadence `{kind}` paces an event type that policy {pin} does not know, so no event could ever "
                f"keep it.{_advice(kind, event_types)}",
                team,
                key=True,
            )


def _advice(kind: str, event_types: Sequence[str]) -> str:
    hint = closest_name(kind, list(event_types))
    return (f" Did you mean `{hint}`?" if hint else "") + (
        f" Known types: {', '.join(event_types)}; the policy declares its own under `events`."
    )


def activity_consistency(
    doc: Document, charter: Charter | None, team: str | None, event_types: Sequence[str] | None = None
) -> Iterator[Finding]:
    """References from events to the charter and its policy: event types, metric ids, escalation refs."""
    metric_ids = {m.id for m in charter.metrics} if charter else None
    opened: dict[str, str] = {}  # ref → the day it was raised
    for index, event in enumerate(doc.data["events"]):
        kind = event["type"]
        if event_types is not None and kind not in event_types:
            pin = f"policy {charter.policy}" if charter else "the policy"
            yield _finding(
                doc,
                ("events", index, "type"),
                f"`{kind}` is not an event type of {pin}.{_advice(kind, event_types)}",
                team,
            )
        elif kind == "metric" and metric_ids is not None and event["metric"] not in metric_ids:
            known = ", ".join(sorted(metric_ids)) or "none"
            yield _finding(
                doc,
                ("events", index, "metric"),
                f"No metric `{event['metric']}` in the charter. Known metrics: {known}.",
                team,
            )
        elif kind == "escalation":
            if event["ref"] in opened:
                yield _finding(
                    doc,
                    ("events", index, "ref"),
                    f"Escalation `{event['ref']}` was already opened; give each escalation its own ref.",
                    team,
                )
            opened[event["ref"]] = str(event["date"])
        elif kind == "escalation-resolved" and event["ref"] not in opened:
            yield _finding(
                doc,
                ("events", index, "ref"),
                f"`{event['ref']}` resolves an escalation that was never opened above it; check the ref.",
                team,
            )
        elif kind == "escalation-resolved" and str(event["date"]) < opened[event["ref"]]:
            yield _finding(
                doc,
                ("events", index, "date"),
                f"Escalation `{event['ref']}` is resolved on {event['date']}, before it was raised on "
                f"{opened[event['ref']]}; check the date.",
                team,
            )
