"""amendment-signoff: both leads approve every change to the agreement.

Every commit in the charter repo that changes a charter after its first version needs the
approval of both leads of the version it changes: `Approved-by:` trailers on the change itself,
or later commits that name it (`Approves: <sha>` with `Approved-by:`, as `govkit approve` makes
them). A change that removes or narrows a guard of a repo (a glob no longer guarded by the same
owner and area) needs that guard owner's approval as well. Until both approved, the change is not in force: the version before it keeps being the
one each day is judged by. Edits of a draft are not amendments; the commit that makes a draft
active is one. This rule cannot be waived.

Passes: `Approved-by: Ana Silva <ana.silva@example.com>` and `Approved-by: raj.patel@example.com`.
Fails: an amendment approved by one lead only, or by nobody; or one that drops `auth/**` from the
security guard, approved by both leads but not by the guard's owner.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import HISTORY, Judged, Problem, TeamEvidence, params_schema
from govkit.measurements import Amendment as AmendmentMeasure
from govkit.model import Location, Severity

ID = "amendment-signoff"
EVIDENCE = frozenset({HISTORY})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    history, as_of = evidence.history, evidence.judged_day
    if history is None:
        return
    where = Location(evidence.document.name) if evidence.document else evidence.at()
    for amendment in history.amendments:
        if amendment.day > as_of:
            continue
        approved = amendment.approved_on is not None and amendment.approved_on <= as_of
        yield AmendmentMeasure(
            day=amendment.day,
            commit=amendment.commit.sha,
            subject=amendment.commit.subject,
            approved_by=tuple(sorted({a.email for a in amendment.approvals if a.day <= as_of})),
            approved_on=amendment.approved_on if approved else None,
        )
        if approved:
            continue
        missing = [f"the {side} lead {lead}" for side, lead in amendment.missing_leads(as_of)]
        missing += [
            f"{w.guard.owner}, owner of the {w.guard.area} guard it narrows or removes ({', '.join(w.paths)} in "
            f"{w.repo})"
            for w in amendment.missing_owners(as_of)
        ]
        commit = amendment.commit
        who = "Each lead approves it" if not amendment.weakened else "Each of them approves it"
        yield Problem(
            f"A change to the charter is not in force: it waits for the approval of {' and '.join(missing)} "
            f'(commit {commit.sha[:10]} by {commit.author_name} on {amendment.day}, "{commit.subject}"). {who} '
            f"with `govkit approve {evidence.team}`.",
            where,
            commit=commit.sha,
            day=amendment.day,
        )
    if history.uncommitted and history.versions[-1].commit is not None and as_of >= evidence.today:
        yield Problem(
            f"{where.file} has changes that are not committed; they are not in force until they are committed "
            "and both leads approve them.",
            where,
            severity=Severity.INFO,
        )
