"""`govkit render`'s pages: each team's charter as a page, and a portfolio page of every team's health.

read (govkit.evidence.read) → judge (govkit.engine, as `govkit check` does, and week by week, in
govkit.commands.render) → view-models → templates → a folder written atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govkit import __version__
from govkit.repo import CharterRepo

if TYPE_CHECKING:
    from govkit.engine import TeamResult
    from govkit.evidence.team import TeamEvidence
    from govkit.render.views import TeamView
    from govkit.review import Review

EXTENSIONS = {"html": "html", "md": "md"}


@dataclass(frozen=True, slots=True)
class TeamPage:
    """What a team's page shows, shaped (in a worker process, when there are several) before any template runs."""

    view: TeamView
    review: Review | None


def team_page(
    evidence: TeamEvidence, result: TeamResult, weeks: tuple[tuple[dt.date, str], ...], extension: str
) -> TeamPage:
    """What one team's page shows: its view, and its review when its charter can be judged."""
    from govkit.render.views import team_view
    from govkit.review import review_of

    return TeamPage(
        team_view(evidence, result, weeks, extension), review_of(evidence, result) if evidence.judgeable else None
    )


def site_pages(repo: CharterRepo, output_format: str, as_of: dt.date, shown: Sequence[TeamPage]) -> dict[str, str]:
    """The portfolio page and each team's page (file name → text), in the order of `shown`."""
    from govkit.render.environment import make_environment, render_page
    from govkit.render.views import portfolio_view

    extension = EXTENSIONS[output_format]
    env = make_environment(repo, output_format)
    common = {"as_of": as_of.isoformat(), "version": __version__, "index": f"index.{extension}"}
    views = [page.view for page in shown]
    pages = {
        f"index.{extension}": render_page(
            env, repo, f"portfolio.{extension}.j2", {**common, "portfolio": portfolio_view(views)}
        )
    }
    for page in shown:
        context = {**common, "team": page.view, "review": page.review}
        pages[page.view.page] = render_page(env, repo, f"team.{extension}.j2", context)
    return pages
