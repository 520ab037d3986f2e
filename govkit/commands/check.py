"""`govkit check`: every rule, with the activity log and git history as evidence, as of a date.

One team's broken files never stop the others being checked. Teams are judged by `jobs`
processes (govkit.commands.teams); with a shard, only the shard's share of the teams, and each
team's week-by-week statuses as well, so the merged shards can also be rendered. Rules across
teams (scope `portfolio`) see every team of the repo, even when only some teams are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from govkit.commands.teams import Across, judge_teams
from govkit.engine import Evaluation, TeamResult
from govkit.evidence.team import TeamEvidence
from govkit.model import Result, Shard
from govkit.policy import rule_help
from govkit.repo import CharterRepo


@dataclass(frozen=True, slots=True)
class TeamJudgement:
    """One team's judgement as of the date asked, and (for a shard) as of the end of each week."""

    result: TeamResult
    weeks: tuple[tuple[str, str], ...] = ()


def run_check(
    repo: CharterRepo,
    teams: Sequence[str],
    as_of: dt.date,
    today: dt.date | None = None,
    *,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
) -> Result:
    """Check `teams` (all when none are named) with `jobs` processes; with `shard` (K, N), the K-th share of N."""
    today = today or dt.date.today()
    chosen = repo.chosen(teams)
    result = Result(command="check", as_of=as_of.isoformat())
    policies = repo.policies()
    result.findings.extend(repo.policy_findings)
    result.findings.extend(repo.superseded())
    if not teams:
        result.findings.extend(repo.stray_folders())
    if shard is not None:
        result.shard = Shard(shard[0], shard[1], tuple(chosen))
        chosen = [team for team in chosen if result.shard.holds(team)]
    for judged in judge_teams(repo, chosen, as_of, today, jobs, judged_by_week if shard else judged_once):
        team = judged.result
        result.add(team.status, team.findings, team.measurements)
        if shard is not None:
            result.weeks[team.team] = judged.weeks
    result.rule_help = rule_help(policies.values())
    return result


def judged_once(repo: CharterRepo, evidence: TeamEvidence, evaluation: Evaluation, across: Across) -> TeamJudgement:
    return TeamJudgement(evaluation.result(evidence, across(evidence.team, evidence.judged_day)))


def judged_by_week(repo: CharterRepo, evidence: TeamEvidence, evaluation: Evaluation, across: Across) -> TeamJudgement:
    from govkit.render.views import week_days  # only shards carry weeks: a plain check need not load the views

    days = week_days(evidence)
    weeks = evaluation.weekly(days, {day: across(evidence.team, day) for day in days})
    result = evaluation.result(evidence, across(evidence.team, evidence.judged_day))
    return TeamJudgement(result, tuple((day.isoformat(), status) for day, status in weeks))


def team_results(repo: CharterRepo, teams: Sequence[str], as_of: dt.date, today: dt.date) -> list[TeamResult]:
    """Each team's findings, measurements and status, judged as `check` judges them, in one process."""
    return [judged.result for judged in judge_teams(repo, teams, as_of, today, 1, judged_once)]
