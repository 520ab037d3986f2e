"""`govkit render`: the portfolio and team pages, from teams judged on every core or from shards' results.

Judged here (govkit.commands.teams), each team's page is shaped in the process that judged it;
the templates run once all are in, in the order asked. From shards' results (`--from`), the
judgement is the merged one and nothing is judged again: only the charter repo is read, for
the sections of each charter (the version in force, from the charter repo's own history) and
the recent activity. The team repos are not read at all.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

from govkit.commands.merge import merge_files
from govkit.commands.teams import Across, judge_teams
from govkit.engine import Evaluation, TeamResult
from govkit.errors import GovkitError
from govkit.evidence.read import read_team
from govkit.evidence.team import TeamEvidence
from govkit.measurements import Measurements
from govkit.model import Finding, Shard
from govkit.render import EXTENSIONS, TeamPage, site_pages, team_page
from govkit.render.site import check_out, write_site
from govkit.render.views import week_days
from govkit.repo import CharterRepo


def render_teams(
    repo: CharterRepo,
    teams: Sequence[str],
    out: Path,
    output_format: str,
    as_of: dt.date,
    today: dt.date | None = None,
    *,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
) -> list[str]:
    """Judge and render the chosen teams (all when none are named, or a shard's share) into `out`."""
    check_out(out, repo.root)
    chosen = repo.chosen(teams)
    if shard is not None:
        chosen = [team for team in chosen if Shard(*shard).holds(team)]
    work = functools.partial(_page, EXTENSIONS[output_format])
    shown = list(judge_teams(repo, chosen, as_of, today or dt.date.today(), jobs, work))
    pages = site_pages(repo, output_format, as_of, shown)
    write_site(pages, out, repo.root)
    return list(pages)


def _page(
    extension: str, repo: CharterRepo, evidence: TeamEvidence, evaluation: Evaluation, across: Across
) -> TeamPage:
    days = week_days(evidence)
    # The same read of the history, judged week by week, as `check --as-of` would judge each week.
    weeks = evaluation.weekly(days, {day: across(evidence.team, day) for day in days})
    result = evaluation.result(evidence, across(evidence.team, evidence.judged_day))
    return team_page(evidence, result, weeks, extension)


def render_from(
    repo: CharterRepo, parts: Sequence[Path], out: Path, output_format: str, today: dt.date | None = None
) -> tuple[list[str], dt.date]:
    """Render every team of the shards' results in `parts` into `out`; the file names written and the date."""
    check_out(out, repo.root)
    result = merge_files(parts)
    as_of = dt.date.fromisoformat(result.as_of or "")
    known = set(repo.team_ids())
    findings: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings.setdefault(finding.team or "", []).append(finding)
    shown = []
    for status in result.teams:
        team = status.team
        if team not in known:
            raise GovkitError(
                f"The results hold team {team}, which is not in {repo.root / 'teams'}: render from the charter "
                "repo that the shards checked (--root)."
            )
        evidence = read_team(repo, team, as_of, today or dt.date.today())
        measured = result.measured.get(team, Measurements())
        judged = TeamResult(team, evidence.name, status, tuple(findings.get(team, ())), measured)
        weeks = tuple((dt.date.fromisoformat(day), week) for day, week in result.weeks.get(team, ()))
        shown.append(team_page(evidence, judged, weeks, EXTENSIONS[output_format]))
    pages = site_pages(repo, output_format, as_of, shown)
    write_site(pages, out, repo.root)
    return list(pages), as_of
