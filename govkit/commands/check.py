"""`govkit check`: every rule, with the activity log and git history as evidence, as of a date.

One team's broken files never stop the others being checked. Rules across teams (scope
`portfolio`) see every team of the repo, even when only some teams are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from govkit.engine import TeamResult, evaluate, portfolio_findings
from govkit.evidence.read import across_teams, read_team, whole_portfolio
from govkit.model import Result
from govkit.policy import rule_help
from govkit.repo import CharterRepo


def run_check(repo: CharterRepo, teams: Sequence[str], as_of: dt.date, today: dt.date | None = None) -> Result:
    today = today or dt.date.today()
    chosen = repo.chosen(teams)
    result = Result(command="check", as_of=as_of.isoformat())
    policies = repo.policies()
    result.findings.extend(repo.policy_findings)
    result.findings.extend(repo.superseded())
    if not teams:
        result.findings.extend(repo.stray_folders())
    for team_result in team_results(repo, chosen, as_of, today):
        result.add(team_result.status, team_result.findings, team_result.measurements)
    result.rule_help = rule_help(policies.values())
    return result


def team_results(repo: CharterRepo, teams: Sequence[str], as_of: dt.date, today: dt.date) -> Iterator[TeamResult]:
    """Each team's findings, measurements and status, read and judged once."""
    if not across_teams(repo):
        # Nothing looks at two teams at once: judge each as it is read, and let it go.
        for team in teams:
            yield evaluate(read_team(repo, team, as_of, today))
        return
    read = {team: read_team(repo, team, as_of, today) for team in teams}
    shared = portfolio_findings(whole_portfolio(repo, read, as_of, today), today)
    for team in teams:
        yield evaluate(read[team], shared.get(team, ()))
