"""`govkit render`: each team's charter as a page, and a portfolio page of every team's health.

load (charter, activity log, findings) → view-models → templates → a folder written atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govkit import __version__
from govkit.errors import GovkitError
from govkit.repo import CharterRepo

EXTENSIONS = {"html": "html", "md": "md"}


def render_site(repo: CharterRepo, teams: list[str], out: Path, output_format: str, as_of: dt.date) -> list[str]:
    """Render the chosen teams (all when none are named) into `out`; the file names written."""
    from govkit.render.environment import make_environment, render_page
    from govkit.render.findings import team_findings
    from govkit.render.site import check_out, write_site
    from govkit.render.sources import read_team
    from govkit.render.views import portfolio_view, team_view
    from govkit.review import Reviews

    check_out(out, repo.root)
    chosen = _chosen_teams(repo, teams)
    extension = EXTENSIONS[output_format]
    gathered = Reviews()
    result = team_findings(repo, chosen, as_of, gathered.observe)  # one read of each team's history, for both
    reviews = {team: gathered.review(team, [f for f in result.findings if f.team == team], as_of) for team in chosen}
    latest = {team: review.last_commit if (review := reviews[team]) else None for team in chosen}
    views = [team_view(read_team(repo, team), result, as_of, extension, latest[team]) for team in chosen]
    env = make_environment(repo, output_format)
    common = {"as_of": as_of.isoformat(), "version": __version__, "index": f"index.{extension}"}
    pages = {
        f"index.{extension}": render_page(
            env, repo, f"portfolio.{extension}.j2", {**common, "portfolio": portfolio_view(views)}
        )
    }
    for team, view in zip(chosen, views, strict=True):
        context = {**common, "team": view, "review": reviews[team]}
        pages[view.page] = render_page(env, repo, f"team.{extension}.j2", context)
    write_site(pages, out, repo.root)
    return list(pages)


def _chosen_teams(repo: CharterRepo, teams: list[str]) -> list[str]:
    known = repo.team_ids()
    for team in teams:
        if team not in known:
            listed = ", ".join(known) or "none"
            raise GovkitError(
                f"There is no team `{team}` (a folder teams/{team}/ with a charter.yaml). Teams: {listed}."
            )
    return list(dict.fromkeys(teams)) or known
