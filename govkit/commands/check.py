"""`govkit check`: every rule, with the activity log and git history as evidence, as of a date.

One team's broken files never stop the others being checked. Rules across teams (scope
`portfolio`) see every team of the repo, even when only some teams are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from govkit.checks.base import PORTFOLIO, scope_of
from govkit.engine import TeamResult, evaluate, portfolio_findings
from govkit.errors import GovkitError
from govkit.evidence.read import read_team
from govkit.evidence.team import TeamEvidence
from govkit.model import Result
from govkit.policy import rule_help
from govkit.repo import CharterRepo


def run_check(repo: CharterRepo, teams: Sequence[str], as_of: dt.date, today: dt.date | None = None) -> Result:
    today = today or dt.date.today()
    chosen = chosen_teams(repo, teams)
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


def across_teams(repo: CharterRepo) -> bool:
    """Whether a policy of the repo holds a rule across teams (scope `portfolio`)."""
    return any(scope_of(rule.check) == PORTFOLIO for policy in repo.policies().values() for rule in policy.rules)


def whole_portfolio(
    repo: CharterRepo, read: Mapping[str, TeamEvidence], as_of: dt.date | None, today: dt.date
) -> list[TeamEvidence]:
    """Every team's evidence, when a policy in use holds a rule across teams (the teams not in `read`
    are read now, once); else none, as nothing would look at it."""
    if not across_teams(repo):
        return []
    return [read.get(team) or read_team(repo, team, as_of, today) for team in repo.team_ids()]


def chosen_teams(repo: CharterRepo, teams: Sequence[str]) -> list[str]:
    """The teams named (each must exist), in the order given; every team when none is named."""
    known = repo.team_ids()
    for team in teams:
        if team not in known:
            listed = ", ".join(known) or "none yet"
            raise GovkitError(f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {listed}.")
    return list(dict.fromkeys(teams)) or known
