"""amendment-signoff: both leads approve every change to the agreement.

Every commit in the charter repo that changes a charter after its first version carries
`Approved-by:` trailers naming both leads of the charter as it stood before the change.
Edits of a draft are not amendments; the commit that makes a draft active is one.

Passes: `Approved-by: Ana Silva <ana.silva@example.com>` and `Approved-by: raj.patel@example.com`.
Fails: an amendment approved by one lead only, or by nobody.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import HISTORY, Problem, TeamContext, emails_in, identities_of, params_schema
from govkit.model import Location

ID = "amendment-signoff"
EVIDENCE = frozenset({HISTORY})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    if ctx.history is None:
        return
    for amendment in ctx.history.amendments:
        commit = amendment.commit
        if ctx.as_of is not None and commit.committed_day > ctx.as_of.isoformat():
            continue
        approvers = emails_in(commit.trailer_values("approved-by"))
        missing = [
            f"the {role} lead {lead}"
            for role, lead in amendment.before["leads"].items()
            if not approvers & identities_of(amendment.before, lead)
        ]
        if missing:
            yield Problem(
                f'Commit {commit.sha[:10]} by {commit.author_name} on {commit.committed_day} ("{commit.subject}") '
                f"changed the charter without `Approved-by:` from {' and '.join(missing)}. Every amendment needs "
                "both leads' approval: add `Approved-by: Name <email>` trailers (`git commit --trailer`).",
                Location(ctx.charter_doc.name),
                commit=commit.sha,
            )
