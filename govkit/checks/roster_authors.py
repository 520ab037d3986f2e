"""roster-authors: the work inside the firewall is done by the team.

Every commit in the team's repos during the time box is by a member, under their email or one
of their `aliases`, as the roster stood on the commit's day.

Passes: commits by members. Fails (a warning per commit): a commit by someone outside the team.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govkit.checks.base import GIT, Problem, RepoRef, TeamContext, commit_text, member_sides, params_schema
from govkit.git import Commit

ID = "roster-authors"
EVIDENCE = frozenset({GIT})
PARAMS = params_schema({})


class _Roster:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.rosters: dict[int, dict[str, str]] = {}

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        version = self.ctx.in_force_on(commit.day)
        roster = self.rosters.get(id(version))
        if roster is None:
            roster = self.rosters[id(version)] = member_sides(version)
        if commit.author_email.lower() in roster:
            return ()
        return (
            Problem(
                f"The {commit_text(repo, commit)} is by someone who was not a member of the team that day. "
                "Add them to `members` (or their email to a member's `aliases`), or keep their work out of the team's repo.",
                commit=commit.sha,
            ),
        )

    def done(self) -> Iterable[Problem]:
        return ()


def watch(ctx: TeamContext, params: Mapping[str, Any]) -> _Roster:
    return _Roster(ctx)
