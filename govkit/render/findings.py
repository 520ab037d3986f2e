"""The findings a rendered page shows, and the status they give each team.

This is the one place render asks for findings, so that `govkit check` (all rules,
including activity and git evidence, as of a date) can take lint's place here by
changing the line marked below. Lint's findings do not depend on the date.
"""

from __future__ import annotations

import datetime as dt

from govkit.model import Result, status_of
from govkit.repo import CharterRepo


def team_findings(repo: CharterRepo, teams: list[str], as_of: dt.date) -> Result:
    """The findings about `teams` as of a date, with each team's status."""
    return lint_findings(repo, teams, as_of)  # the source of findings


def lint_findings(repo: CharterRepo, teams: list[str], as_of: dt.date) -> Result:
    from govkit.lint import lint

    linted = lint(repo)
    wanted = set(teams)
    result = Result(command="render", as_of=as_of.isoformat(), rule_help=linted.rule_help)
    result.findings = [f for f in linted.findings if f.team in wanted]
    result.teams = [status_of(team, result.findings) for team in teams]
    return result
