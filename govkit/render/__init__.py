"""`govkit render`: each team's charter as a page, and a portfolio page of every team's health.

read (govkit.evidence.read) → judge (govkit.engine, as `govkit check` does, and week by week)
→ view-models → templates → a folder written atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govkit import __version__
from govkit.model import Finding
from govkit.repo import CharterRepo

EXTENSIONS = {"html": "html", "md": "md"}


def render_site(
    repo: CharterRepo, teams: list[str], out: Path, output_format: str, as_of: dt.date, today: dt.date | None = None
) -> list[str]:
    """Render the chosen teams (all when none are named) into `out`; the file names written."""
    from govkit.engine import Evaluation, portfolio_findings
    from govkit.evidence.read import across_teams, read_team, whole_portfolio
    from govkit.render.environment import make_environment, render_page
    from govkit.render.site import check_out, write_site
    from govkit.render.views import portfolio_view, team_view, week_days
    from govkit.review import review_of

    check_out(out, repo.root)
    today = today or dt.date.today()
    extension = EXTENSIONS[output_format]
    chosen = repo.chosen(teams)
    # Rules across teams need every team's evidence at once; without them, each team is read,
    # judged and let go in turn, so memory stays that of one team.
    read = {team: read_team(repo, team, as_of, today) for team in chosen} if across_teams(repo) else {}
    everyone = whole_portfolio(repo, read, as_of, today)
    shared: dict[dt.date, dict[str, list[Finding]]] = {}  # day → the rules across teams' findings, by team

    def across(day: dt.date) -> dict[str, list[Finding]]:
        if day not in shared:
            shared[day] = portfolio_findings([e.on(day) for e in everyone], today) if everyone else {}
        return shared[day]

    views, reviews = [], []
    for team in chosen:
        evidence = read.get(team) or read_team(repo, team, as_of, today)
        evaluation = Evaluation(evidence)  # one read of the team's history, for the page and every week
        result = evaluation.result(evidence, across(as_of).get(team, ()))
        days = week_days(evidence)
        weeks = evaluation.weekly(days, {day: across(day).get(team, []) for day in days} if everyone else None)
        views.append(team_view(evidence, result, weeks, extension))
        reviews.append(review_of(evidence, result) if evidence.judgeable else None)
    env = make_environment(repo, output_format)
    common = {"as_of": as_of.isoformat(), "version": __version__, "index": f"index.{extension}"}
    pages = {
        f"index.{extension}": render_page(
            env, repo, f"portfolio.{extension}.j2", {**common, "portfolio": portfolio_view(views)}
        )
    }
    for view, review in zip(views, reviews, strict=True):
        pages[view.page] = render_page(env, repo, f"team.{extension}.j2", {**common, "team": view, "review": review})
    write_site(pages, out, repo.root)
    return list(pages)
