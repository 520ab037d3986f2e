"""The one reader of charters and activity logs: YAML, schema, consistency, then typed values.

Whether a file is sound enough to use is decided here and nowhere else: a charter is used when
it loads, matches its schema and is consistent; an activity log when it does too. Everything
found on the way is a located finding.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govkit.consistency import activity_consistency, cadence_consistency, charter_consistency
from govkit.evidence.activity import Event, read_events
from govkit.evidence.charter import Charter, implausible_values, parse_charter
from govkit.load import Document, load_bytes
from govkit.model import Finding, Severity
from govkit.repo import CharterRepo, team_of
from govkit.validate import Namer, schema_findings


@dataclass(frozen=True, slots=True)
class CharterFile:
    findings: tuple[Finding, ...]
    document: Document | None  # None when the file cannot be read as YAML
    charter: Charter | None  # None unless the file is sound
    name: str | None  # the charter's `name` when it is text, even in a broken charter

    @property
    def sound(self) -> bool:
        return self.charter is not None


@dataclass(frozen=True, slots=True)
class ActivityFile:
    findings: tuple[Finding, ...]
    events: tuple[Event, ...] | None  # every event, in date order; None when the log is not sound
    present: bool  # False: there is no activity log (yet), which is not a problem


def read_charter_file(
    repo: CharterRepo, path: Path, team: str | None = None, *, event_types: Sequence[str] | None = None
) -> CharterFile:
    """A charter file as findings and, when it is sound, typed values.

    Its cadences must pace `event_types`, by default those of the policy it pins (when that is known)."""
    name = repo.name(path)
    team = team or team_of(name)
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return CharterFile((dataclasses.replace(loaded, team=team),), None, None, None)
    title = loaded.data.get("name")
    title = title if isinstance(title, str) and title.strip() else None
    findings = document_findings(loaded, "charter", team)
    if not findings:
        findings = list(charter_consistency(loaded, team_of(name)))
    if not findings:
        pin = loaded.data["policy"]
        known = event_types if event_types is not None else _event_types(repo, pin)
        if known is not None:
            findings = list(cadence_consistency(loaded, known, pin, team))
    if findings:
        return CharterFile(tuple(findings), loaded, None, title)
    return CharterFile((), loaded, parse_charter(loaded.data), title)


def read_activity_file(
    repo: CharterRepo,
    path: Path,
    charter: Charter | None,
    team: str | None = None,
    *,
    event_types: Sequence[str] | None = None,
) -> ActivityFile:
    """An activity log as findings and, when it is sound, its events; a missing log has none.

    Its events must be of `event_types`, by default those of the charter's policy (when that is known)."""
    name = repo.name(path)
    team = team or team_of(name)
    if not path.exists() and not path.is_symlink():
        return ActivityFile((), (), present=False)
    loaded = repo.load(path)
    if isinstance(loaded, Finding):
        return ActivityFile((dataclasses.replace(loaded, team=team),), None, present=True)
    known = event_types if event_types is not None or charter is None else _event_types(repo, charter.policy)
    findings = activity_findings(loaded, charter, team, known)
    if findings:
        return ActivityFile(tuple(findings), None, present=True)
    return ActivityFile((), tuple(read_events(loaded)), present=True)


def activity_findings(
    doc: Document, charter: Charter | None, team: str | None, event_types: Sequence[str] | None = None
) -> list[Finding]:
    """Why a loaded activity log cannot be used (schema, values, references to the charter and the
    policy's event types); none when it can."""
    return document_findings(doc, "activity", team) or list(activity_consistency(doc, charter, team, event_types))


def _event_types(repo: CharterRepo, pin: str) -> Sequence[str] | None:
    """The event types of the policy `pin` names; None when it names none (which is a finding of its own)."""
    policy = repo.policies().get(pin)
    return policy.event_types if policy is not None else None


def charter_of_bytes(content: bytes, path: Path, name: str) -> Charter | None:
    """A version of a charter from git, when it is sound; else None (such a version is skipped)."""
    loaded = load_bytes(content, path, name)
    if not isinstance(loaded, Document) or document_findings(loaded, "charter", None):
        return None
    return parse_charter(loaded.data)


def document_findings(doc: Document, kind: str, team: str | None = None, name: Namer | None = None) -> list[Finding]:
    """Schema findings, then days and numbers outside what govkit can count with.

    `name` says how messages name a place (see `schema_findings`)."""
    findings = schema_findings(doc, kind, team, name)
    if findings:
        return findings
    return [
        Finding(
            rule="schema",
            severity=Severity.ERROR,
            message=message,
            location=doc.where(path),
            team=team,
        )
        for path, message in implausible_values(doc.data)
    ]
