"""The findings a rendered page shows, and the status they give each team: those of `govkit check`."""

from __future__ import annotations

import datetime as dt

from govkit.model import Result
from govkit.repo import CharterRepo


def team_findings(repo: CharterRepo, teams: list[str], as_of: dt.date) -> Result:
    """Every rule, with activity and git evidence, about `teams` as of a date."""
    from govkit.check import run_check

    checked = run_check(repo, teams, as_of)
    checked.command = "render"
    return checked
