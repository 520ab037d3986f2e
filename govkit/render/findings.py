"""The findings a rendered page shows, and the status they give each team: those of `govkit check`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from govkit.model import Result
from govkit.repo import CharterRepo

if TYPE_CHECKING:
    from govkit.commands.check import Observe


def team_findings(repo: CharterRepo, teams: list[str], as_of: dt.date, observe: Observe | None = None) -> Result:
    """Every rule, with activity and git evidence, about `teams` as of a date."""
    from govkit.commands.check import run_check

    checked = run_check(repo, teams, as_of, observe=observe)
    checked.command = "render"
    return checked
