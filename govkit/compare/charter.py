"""Two charters, agreement by agreement: who is on the team, what it owns, how it is governed.

Items are matched by what identifies them (a member's email, a metric's id, a cadence's event
type, a guardrail's repo and area, an exemption's process, a waiver's rule), so reordering a
list is not a change. Durations are compared in days: a shorter cadence, reading interval or
response time is `tightened`, a longer one `loosened`; `2w` and `14d` are the same agreement.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    written,
)
from govkit.evidence.charter import Capability, Charter, Guard, Member, Repo


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
    for key, label, old, new, show in (
        ("team", "Team id", before.team, after.team, _code),
        ("name", "Name", before.name, after.name, quoted),
        ("status", "Status", before.status, after.status, str),
        ("purpose", "Purpose", before.purpose, after.purpose, quoted),
        ("policy", "Policy pin", before.policy, after.policy, _code),
    ):
        change = field_change("identity", key, label, old, new, show=show)
        if change:
            yield change
    yield from _capability_changes(before.capabilities, after.capabilities)


def _capability_text(capability: Capability) -> str:
    return f"{quoted(capability.name)} ({capability.criticality})"


def _capability_changes(before: tuple[Capability, ...], after: tuple[Capability, ...]) -> Iterator[Change]:
    if len(before) == 1 and len(after) == 1:
        pairs = [("capability", before[0], after[0])]
        added: list[tuple[str, Capability]] = []
        removed: list[tuple[str, Capability]] = []
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
        for label, old_value, new_value, show in (
            ("Capability name", old.name, new.name, quoted),
            ("Capability criticality", old.criticality, new.criticality, str),
            ("Capability users", written(old.users), written(new.users), quoted),
            ("Capability description", written(old.description), written(new.description), quoted),
        ):
            change = field_change("identity", subject, label, old_value, new_value, show=show)
            if change:
                yield change


def _name(item: Capability | Repo) -> str:
    return item.name


def timebox_changes(before: Charter, after: Charter) -> Iterator[Change]:
    old, new = before.timebox, after.timebox
    if old == new:
        return
    moved = []
    if old.start != new.start:
        moved.append(f"starts {new.start} instead of {old.start}")
    if old.end != new.end:
        moved.append(f"ends {new.end} instead of {old.end}")
    kind = stricter_when_lower(old.days, new.days)
    verb = {TIGHTENED: "shortened", LOOSENED: "extended"}.get(kind, "moved")
    length = f"still {old.days / 7:.1f} weeks" if kind == CHANGED else f"{old.days / 7:.1f} to {new.days / 7:.1f} weeks"
    yield Change("timebox", kind, "timebox", old, new, f"Time box {verb}: {', '.join(moved)} ({length})")


def lead_changes(before: Charter, after: Charter) -> Iterator[Change]:
    for (role, old), (_, new) in zip(before.leads.items(), after.leads.items(), strict=True):
        change = field_change("leads", role, f"{role.capitalize()} lead", old, new)
        if change:
            yield change


def _email(member: Member) -> str:
    return member.email.lower()


def _member_text(member: Member) -> str:
    facts = [member.side, member.role, f"{member.allocation}%"]
    return f"{member.email} ({', '.join(fact for fact in facts if fact)})"


def _aliases(member: Member) -> list[str] | None:
    """Other identities, in any order and case: the same identities are the same member."""
    return sorted(alias.lower() for alias in member.aliases) or None


def member_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.members, _email), keyed(after.members, _email))
    for _, member in added:
        yield Change("members", ADDED, member.email, None, member, f"Member {_member_text(member)} joined")
    for _, member in removed:
        yield Change("members", REMOVED, member.email, member, None, f"Member {_member_text(member)} left")
    for _, old, new in differing:
        email = new.email
        for label, before_value, after_value, show in (
            ("name", old.name, new.name, listed),
            ("side", old.side, new.side, listed),
            ("role", written(old.role), written(new.role), listed),
            ("allocation", old.allocation, new.allocation, _percent),
            ("aliases", _aliases(old), _aliases(new), listed),
            ("joined date", old.joined, new.joined, listed),
        ):
            change = field_change("members", email, f"Member {email} {label}", before_value, after_value, show=show)
            if change:
                yield change


def _percent(value: Any) -> str:
    return f"{value}%"


def repo_changes(before: Charter, after: Charter) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before.repos, _name), keyed(after.repos, _name))
    for name, repo in added:
        guards = "; ".join(_guard_text(g) for g in repo.guards) or "no guarded paths"
        yield Change("repos", ADDED, name, None, repo, f"Repo `{name}` added at {repo.path} ({guards})")
    for name, repo in removed:
        yield Change("repos", REMOVED, name, repo, None, f"Repo `{name}` removed, with its guarded paths")
    for name, old, new in differing:
        change = field_change("repos", name, f"Repo `{name}` path", old.path, new.path)
        if change:
            yield change
        yield from _guard_changes(name, old.guards, new.guards)


def _guard_text(guard: Guard) -> str:
    return f"{guard.area} owned by {guard.owner}: {listed(guard.paths)}"


def _area(guard: Guard) -> str:
    return guard.area


def _guard_changes(repo: str, before: tuple[Guard, ...], after: tuple[Guard, ...]) -> Iterator[Change]:
    added, removed, differing = pair(keyed(before, _area), keyed(after, _area))
    for name, guard in added:
        yield Change(
            "repos", ADDED, f"{repo}: {name}", None, guard, f"Guardrail on `{repo}` added: {_guard_text(guard)}"
        )
    for name, guard in removed:
        text = f"Guardrail on `{repo}` removed: {_guard_text(guard)}"
        yield Change("repos", REMOVED, f"{repo}: {name}", guard, None, text)
    for name, old, new in differing:
        subject, label = f"{repo}: {name}", f"Guardrail `{name}` on `{repo}`"
        owner = field_change("repos", subject, f"{label} owner", old.owner, new.owner)
        if owner:
            yield owner
        gained = [p for p in new.paths if p not in old.paths]
        lost = [p for p in old.paths if p not in new.paths]
        if gained and not lost:
            yield Change("repos", TIGHTENED, subject, old.paths, new.paths, f"{label} now also guards {listed(gained)}")
        elif lost and not gained:
            yield Change("repos", LOOSENED, subject, old.paths, new.paths, f"{label} no longer guards {listed(lost)}")
        elif gained:
            text = f"{label} paths changed from {listed(old.paths)} to {listed(new.paths)}"
            yield Change("repos", CHANGED, subject, old.paths, new.paths, text)
