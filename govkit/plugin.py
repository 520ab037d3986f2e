"""What a check-type plugin may import: the public, stable face of govkit's checks.

A plugin is an installed package with an entry point in the `govkit.checks` group naming an
object (usually a module) with `ID`, `EVIDENCE`, `PARAMS` and either `check(evidence, params)`,
which yields Problems, or, for git history, `watch(evidence, params)`, which returns a Watcher
whose `see(repo, commit)` judges each commit of the team's repos (streamed once for all rules)
and whose `done(evidence)` judges what the whole pass showed. With `SCOPE = "portfolio"`,
`check(portfolio, params)` sees every team's evidence at once and names each Problem's `team`.
`paths_pattern(globs)` matches paths as guarded paths do. See the README's "Your own rules".
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from govkit.checks.base import (
    ACTIVITY,
    CHARTER,
    GIT,
    HISTORY,
    PORTFOLIO,
    Portfolio,
    Problem,
    RepoRef,
    TeamEvidence,
    Watcher,
    commit_day,
    commit_text,
    params_schema,
)
from govkit.checks.guarded_paths import paths_pattern
from govkit.evidence.activity import Event
from govkit.evidence.charter import Charter, Member, Metric, Repo
from govkit.git.log import Commit
from govkit.trailers import emails_in

__all__ = [
    "ACTIVITY",
    "CHARTER",
    "GIT",
    "HISTORY",
    "PORTFOLIO",
    "Charter",
    "Commit",
    "Event",
    "Member",
    "Metric",
    "Portfolio",
    "Problem",
    "Repo",
    "RepoRef",
    "TeamEvidence",
    "Watcher",
    "commit_day",
    "commit_text",
    "emails_in",
    "evidence_for",
    "params_schema",
    "paths_pattern",
]


def evidence_for(
    charter: str, activity: str | None = None, as_of: dt.date | None = None, today: dt.date | None = None
) -> TeamEvidence:
    """A team's evidence from a charter's (and an activity log's) YAML text, read exactly as govkit reads
    a charter repo: for a plugin's own tests. Without `as_of`, it is read as `lint` reads it."""
    from govkit.evidence.read import read_team
    from govkit.repo import CharterRepo

    with tempfile.TemporaryDirectory(prefix="govkit-plugin-") as scratch:
        folder = Path(scratch) / "teams" / "example-team"
        folder.mkdir(parents=True)
        text = "\n".join("team: example-team" if line.startswith("team:") else line for line in charter.splitlines())
        (folder / "charter.yaml").write_text(text + "\n", encoding="utf-8")
        if activity is not None:
            (folder / "activity.yaml").write_text(activity, encoding="utf-8")
        return read_team(CharterRepo(Path(scratch).resolve()), "example-team", as_of, today or dt.date.today())
