"""`govkit approve TEAM`: a lead approves the team's pending charter changes, without an editor.

The approval is an empty commit by the lead's own git identity that names each change it
approves (`Approves: <sha>`) and the approver (`Approved-by: Name <email>`). Once both leads of
the version a change amends approved it, the change is in force (govkit.evidence.history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govkit.compare.charter import charter_changes
from govkit.errors import GovkitError
from govkit.evidence.history import Amendment
from govkit.evidence.read import read_team
from govkit.git.run import commit_empty, identity
from govkit.repo import CharterRepo


@dataclass(frozen=True, slots=True)
class Pending:
    """A change waiting for this lead's approval, and what it changes, in words."""

    amendment: Amendment
    changes: tuple[str, ...]


def pending_for(repo: CharterRepo, team: str, today: dt.date) -> tuple[str, str, list[Pending]]:
    """The current git identity (name, email) and the team's changes that still need its approval."""
    repo.chosen([team])
    log = repo.history.commits()
    if log is None:
        raise GovkitError(
            f"The charter repo {repo.root} has no git history, so there is nothing to approve: approvals are "
            "commits. Commit the charter first."
        )
    evidence = read_team(repo, team, today, today)
    if evidence.history is None:
        reasons = "; ".join(f.message for f in evidence.findings if f.rule == "git")
        raise GovkitError(f"Cannot read the history of {team}'s charter: {reasons or 'see govkit check'}.")
    if evidence.history.uncommitted:
        raise GovkitError(
            f"teams/{team}/charter.yaml has changes that are not committed. Commit them first "
            '(`git commit -am "What changed and why"`), then approve the commit.'
        )
    name, email = identity(log[0])
    waiting = []
    roles: dict[str, str] = {}  # everyone who approves a pending change → their role, in words
    approves_any = False
    for amendment in evidence.history.pending(today):
        mine = amendment.before.identities_of(email)
        leads = {lead.lower(): f"{side} lead" for side, lead in amendment.before.leads.items()}
        owners = {w.guard.owner.lower(): f"owner of the {w.guard.area} guard it narrows" for w in amendment.weakened}
        roles.update({**owners, **leads})
        if not mine & {approver.lower() for approver in amendment.approvers()}:
            continue  # not this person's to approve: it weakens no guard of theirs
        approves_any = True
        if any(a.email in mine for a in amendment.approvals):
            continue  # already approved by this person; another approver's turn
        changes = tuple(change.text for change in charter_changes(amendment.before, amendment.after))
        waiting.append(Pending(amendment, changes))
    if roles and not approves_any:
        listed = " and ".join(f"{who} ({role})" for who, role in roles.items())
        raise GovkitError(
            f"You commit as {email}, who is not a lead of {team} nor the owner of a guard its pending changes "
            f"narrow; only {listed} approve them. Run govkit approve as one of them (`git config user.email`)."
        )
    return name, email, waiting


def approve(repo: CharterRepo, team: str, name: str, email: str, waiting: list[Pending]) -> str:
    """Record the approval as one commit naming every waiting change; its sha."""
    log = repo.history.commits()
    assert log is not None and waiting
    shas = [p.amendment.commit.sha for p in waiting]
    subject = f"Approve {len(shas)} change{'s' if len(shas) != 1 else ''} to the charter of {team}"
    trailers = [*(f"Approves: {sha}" for sha in shas), f"Approved-by: {name} <{email}>"]
    return commit_empty(log[0], subject, trailers)
