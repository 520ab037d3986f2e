"""dependency-review: a change to the team's dependencies is reviewed by a technologist.

Dependencies decide what runs in production and under which licence. Every commit in the team's
repos that touches a file matching `paths` (globs read as .gitignore reads them) carries a
`Reviewed-by:` trailer naming a technology-side member of the charter in force that day, other
than the commit's author.

Passes: a commit changing requirements.txt with `Reviewed-by: Raj Patel <raj.patel@example.com>`.
Fails: the same commit with no trailer, or reviewed only by its own author.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govkit.plugin import (
    GIT,
    Commit,
    Problem,
    RepoRef,
    TeamEvidence,
    commit_day,
    commit_text,
    emails_in,
    params_schema,
    paths_pattern,
)

ID = "dependency-review"
EVIDENCE = frozenset({GIT})
PARAMS = params_schema(
    {
        "paths": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["requirements*.txt", "package-lock.json", "poetry.lock", "go.sum"],
            "description": "Globs of the files that pin the team's dependencies.",
        }
    }
)


class DependencyReviews:
    """Sees each commit of the team's repos once, in govkit's one streamed pass over their history."""

    def __init__(self, evidence: TeamEvidence, params: Mapping[str, Any]) -> None:
        self.evidence = evidence
        self.pattern = paths_pattern(params["paths"])

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        touched = [path for path in commit.files if self.pattern.match(path)]
        if not touched:
            return ()  # most commits: nothing to judge, so nothing else to look at
        day = commit_day(commit, self.evidence.today)
        charter = self.evidence.in_force(day)
        reviewers = emails_in(commit.trailer_values("reviewed-by"))
        technologists = {
            identity for member in charter.members if member.side == "technology" for identity in member.identities
        }
        if reviewers & (technologists - charter.identities_of(commit.author_email)):
            return ()
        return (
            Problem(
                f"The {commit_text(repo, commit)} changes {', '.join(touched)} without a review by a "
                "technology-side member. Record it as `Reviewed-by: Name <email>` in the commit message.",
                commit=commit.sha,
                day=day,
            ),
        )

    def done(self, evidence: TeamEvidence) -> Iterable[Problem]:
        return ()  # every judgement was made commit by commit


def watch(evidence: TeamEvidence, params: Mapping[str, Any]) -> DependencyReviews:
    return DependencyReviews(evidence, params)
