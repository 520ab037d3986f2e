"""A charter's versions over time, and which of them were in force on each day.

Agreements change, and each day is judged by the version in force that day. The first version
covers the days before it was written down. Every later change to an active charter is an
amendment, in force only once both leads (of the version it amends) approved it: by
`Approved-by:` trailers on the change itself, or by later commits that name it
(`Approves: <sha>`, as `govkit approve` writes them). An amendment that removes or narrows a
guard (a repo's guarded paths) needs that guard's owner's approval as well: a guardrail stays
with IT, so a team cannot drop it by editing its own charter. Until then the version before it stays in
force, so an unapproved loosening loosens nothing and an unapproved waiver waives nothing.
Edits of a draft are not amendments; the change that makes a draft active is one.

A version comes into force on the day its commit entered the repo (the later of its author and
committer dates) or on the day its last approval did, whichever is later.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govkit.evidence.charter import Charter, Guard
from govkit.git.log import Commit
from govkit.trailers import emails_in

_SHA = re.compile(r"\b[0-9a-f]{7,40}\b")


@dataclass(frozen=True, slots=True)
class Approval:
    email: str  # lower-cased, as named in an `Approved-by:` trailer
    day: dt.date
    commit: str  # the commit that carries it: the change itself or an approval commit


@dataclass(frozen=True, slots=True)
class Weakened:
    """A guard an amendment removes or narrows: the globs of it the repo is no longer guarded by."""

    repo: str
    guard: Guard
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Amendment:
    """A change to an active charter, the version it amended, and who approved it when."""

    commit: Commit
    day: dt.date  # the day the change entered the repo
    before: Charter  # the version in force when the change was made: its leads must approve
    after: Charter
    approvals: tuple[Approval, ...]
    approved_on: dt.date | None  # the day every approver had approved; None while one has not
    weakened: tuple[Weakened, ...] = ()  # guards it removes or narrows: their owners must approve too

    def missing_leads(self, as_of: dt.date | None) -> list[tuple[str, str]]:
        """(side, email) of each lead of `before` with no approval on or before `as_of`."""
        given = {a.email for a in self.approvals if as_of is None or a.day <= as_of}
        return [(side, lead) for side, lead in self.before.leads.items() if not given & self.before.identities_of(lead)]

    def missing_owners(self, as_of: dt.date | None) -> list[Weakened]:
        """Each guard removed or narrowed whose owner gave no approval on or before `as_of`."""
        given = {a.email for a in self.approvals if as_of is None or a.day <= as_of}
        return [w for w in self.weakened if not given & self.before.identities_of(w.guard.owner)]

    def approvers(self) -> list[str]:
        """Everyone who must approve: both leads of `before`, then the owner of each guard it weakens."""
        owners = [w.guard.owner for w in self.weakened]
        return list(dict.fromkeys([lead for _, lead in self.before.leads.items()] + owners))


@dataclass(frozen=True, slots=True)
class Version:
    charter: Charter
    commit: Commit | None  # None: the working copy
    in_force_from: dt.date | None  # None: never approved, so never in force


@dataclass(frozen=True, slots=True)
class CharterHistory:
    versions: tuple[Version, ...]  # oldest first
    amendments: tuple[Amendment, ...]
    uncommitted: bool  # the working copy differs from the last committed version
    committed: int  # how many versions come from commits

    def in_force(self, day: dt.date) -> Charter:
        """The newest version in force on `day`: approved by then, and not newer than it."""
        for version in reversed(self.versions):
            if version.in_force_from is not None and version.in_force_from <= day:
                return version.charter
        return self.versions[0].charter

    def pending(self, as_of: dt.date) -> list[Amendment]:
        """Amendments made by `as_of` that both leads had not approved by then."""
        return [a for a in self.amendments if a.day <= as_of and (a.approved_on is None or a.approved_on > as_of)]


def only_version(charter: Charter) -> CharterHistory:
    """The history of a charter that git knows nothing about: its one version, always in force."""
    return CharterHistory((Version(charter, None, dt.date.min),), (), False, 0)


def build_history(
    committed: Sequence[tuple[Commit, Charter | None]],
    approval_commits: Iterable[Commit],
    working: Charter,
    working_is_committed: bool,
    today: dt.date,
) -> CharterHistory:
    """The versions in force, from the commits that changed the charter (oldest first, each with its
    sound version or None) and every commit that may approve one (`Approves:`)."""
    approvals = _approvals_by_commit(approval_commits, [commit.sha for commit, _ in committed], today)
    versions: list[Version] = []
    amendments: list[Amendment] = []
    for commit, charter in committed:
        if charter is None:
            continue  # a version that is not sound was never an agreement anyone could keep
        day = _day(commit, today)
        if not versions:
            versions.append(Version(charter, commit, dt.date.min))
            continue
        before = _last_in_force(versions)
        if before.status == "draft" and charter.status == "draft":
            versions.append(Version(charter, commit, day))
            continue
        given = (*_trailer_approvals(commit, day), *approvals.get(commit.sha, ()))
        amendment = _amendment(commit, day, before, charter, given)
        amendments.append(amendment)
        start = max(day, amendment.approved_on) if amendment.approved_on else None
        versions.append(Version(charter, commit, start))
    uncommitted = bool(versions) and not working_is_committed
    if not versions:
        versions.append(Version(working, None, dt.date.min))
    elif uncommitted and _last_in_force(versions).status == "draft" and working.status == "draft":
        versions.append(Version(working, None, today))  # a draft's edit needs no approval
    return CharterHistory(tuple(versions), tuple(amendments), uncommitted, len(committed))


def _last_in_force(versions: list[Version]) -> Charter:
    return next(v.charter for v in reversed(versions) if v.in_force_from is not None)


def _amendment(commit: Commit, day: dt.date, before: Charter, after: Charter, given: Sequence[Approval]) -> Amendment:
    weakened = tuple(weakened_guards(before, after))
    draft = Amendment(commit, day, before, after, tuple(given), None, weakened)
    days = []
    for approver in draft.approvers():
        names = before.identities_of(approver)
        days.append(min((a.day for a in given if a.email in names), default=None))
    approved_on = max(days) if all(day is not None for day in days) else None  # type: ignore[type-var]
    return Amendment(commit, day, before, after, tuple(given), approved_on, weakened)


def weakened_guards(before: Charter, after: Charter) -> list[Weakened]:
    """The guards of `before` that `after` removes or narrows: a glob no guard of the same owner and
    area lists any more in that repo (a repo dropped from the charter drops all its guards)."""
    kept: dict[tuple[str, str, str], set[str]] = {}
    for repo in after.repos:
        for guard in repo.guards:
            kept.setdefault((repo.name, guard.owner.lower(), guard.area), set()).update(guard.paths)
    found = []
    for repo in before.repos:
        for guard in repo.guards:
            still = kept.get((repo.name, guard.owner.lower(), guard.area), set())
            lost = tuple(path for path in guard.paths if path not in still)
            if lost:
                found.append(Weakened(repo.name, guard, lost))
    return found


def _trailer_approvals(commit: Commit, day: dt.date) -> list[Approval]:
    return [Approval(email, day, commit.sha) for email in sorted(emails_in(commit.trailer_values("approved-by")))]


def _approvals_by_commit(commits: Iterable[Commit], shas: list[str], today: dt.date) -> dict[str, list[Approval]]:
    """sha of a charter change → the approvals later commits gave it by naming it in `Approves:`."""
    found: dict[str, list[Approval]] = {}
    for commit in commits:
        named = {match for value in commit.trailer_values("approves") for match in _SHA.findall(value.lower())}
        if not named:
            continue
        emails = sorted(emails_in(commit.trailer_values("approved-by")))
        for prefix in named:
            targets = [sha for sha in shas if sha.startswith(prefix)]
            if len(targets) == 1:  # an ambiguous abbreviation approves nothing
                found.setdefault(targets[0], []).extend(Approval(e, _day(commit, today), commit.sha) for e in emails)
    return found


def _day(commit: Commit, today: dt.date) -> dt.date:
    """The day a commit entered the repo: the later of its two dates, so back-dating gains nothing,
    and never after today (a clock set forward)."""
    return min(dt.date.fromisoformat(commit.day), today)
