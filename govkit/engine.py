"""Run a policy's rules over one team's evidence: findings, measurements and a status.

The team's repos are streamed once (one `git log` each, shared with every team of the run that
lists the same repo: govkit.streams), every commit shown to every git rule.
What each rule judged can then be asked as of any date up to the one the evidence was read for,
which is how a team's week-by-week history is judged exactly as `check --as-of` would judge it.

Rules of scope `portfolio` run once over every team's evidence (`portfolio_findings`); each
team's share of what they found joins its own findings before waivers and status.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from govkit.checks.base import (
    GIT,
    PORTFOLIO,
    AnyCheck,
    Check,
    Judged,
    Portfolio,
    PortfolioCheck,
    Problem,
    RepoRef,
    TeamEvidence,
    Watcher,
    scope_of,
)
from govkit.checks.waivers import waived_rules
from govkit.errors import GovkitError
from govkit.git.log import Commit
from govkit.git.run import RepoProblem
from govkit.measurements import MEASURES, Measurements
from govkit.model import Finding, Severity, TeamStatus
from govkit.policy import Rule
from govkit.status import team_status
from govkit.streams import read_repos


@dataclass(frozen=True, slots=True)
class TeamResult:
    """Everything one team's rules found and measured, as of one date."""

    team: str
    name: str
    status: TeamStatus
    findings: tuple[Finding, ...]
    measurements: Measurements


def evaluate(evidence: TeamEvidence, portfolio: Sequence[Finding] = ()) -> TeamResult:
    """Every rule whose evidence is offered, as of the evidence's date; `portfolio`: the team's
    findings from the rules across teams (see `portfolio_findings`)."""
    return Evaluation(evidence).result(evidence, portfolio)


def portfolio_rules(teams: Iterable[TeamEvidence]) -> list[Rule]:
    """The distinct rules of scope `portfolio` in the policies these teams are judged by."""
    found: dict[tuple[str, str, str], Rule] = {}
    for policy in {id(e.policy): e.policy for e in teams if e.policy is not None}.values():
        for rule in policy.rules:
            if scope_of(rule.check) == PORTFOLIO:
                found.setdefault(_rule_key(rule), rule)
    return list(found.values())


def portfolio_findings(teams: Sequence[TeamEvidence], today: dt.date) -> dict[str, list[Finding]]:
    """team → its findings from the rules that hold across teams, each rule run once over every team.

    Every judgeable team is seen; a finding is kept for a team whose own policy holds that rule."""
    judged = tuple(evidence for evidence in teams if evidence.judgeable)
    found: dict[str, list[Finding]] = {}
    if not judged:
        return found
    by_team = {evidence.team: evidence for evidence in judged}
    held: dict[int, set[tuple[str, str, str]]] = {}  # policy (by identity: teams share one) → its rules' keys
    for evidence in judged:
        policy = evidence.policy
        if policy is not None and id(policy) not in held:
            held[id(policy)] = {_rule_key(r) for r in policy.rules if scope_of(r.check) == PORTFOLIO}
    portfolio = Portfolio(judged, today, judged[0].as_of)
    for rule in portfolio_rules(judged):
        key = _rule_key(rule)
        holds = {e.team for e in judged if key in held[id(e.policy)]}
        for item in cast(PortfolioCheck, rule.check).check(portfolio, rule.params):
            if isinstance(item, Problem) and item.team not in by_team:
                raise GovkitError(
                    f"The check type `{rule.check.ID}` (rule `{rule.id}`) found a problem without naming a team of "
                    f"the repo (`team={item.team!r}`): a check across teams names the team of each problem. "
                    "This is a bug in the check type; report it to its authors."
                )
            if isinstance(item, Problem) and item.team in holds:
                evidence = by_team[item.team]
                if evidence.offered >= rule.check.EVIDENCE:
                    found.setdefault(evidence.team, []).append(_finding(evidence, rule, item))
    return found


def _rule_key(rule: Rule) -> tuple[str, str, str]:
    return rule.id, rule.check.ID, json.dumps(rule.params, sort_keys=True, default=str)


class Evaluation:
    """One team's rules over its evidence, its repos read once; judged as of any date up to the evidence's.

    With `read=False` the repos are not read yet: `govkit.streams.read_repos` reads them for several
    teams' evaluations at once, so a repo they share is read once.
    """

    def __init__(self, evidence: TeamEvidence, *, read: bool = True) -> None:
        self.evidence = evidence
        policy = evidence.policy
        rules = (
            [r for r in policy.rules if evidence.offered >= r.check.EVIDENCE and scope_of(r.check) != PORTFOLIO]
            if policy and evidence.judgeable
            else []
        )
        self.static = [rule for rule in rules if not _watches(rule.check)]
        self.watching: list[tuple[Rule, Watcher]] = [
            (rule, rule.check.watch(evidence, rule.params))  # type: ignore[union-attr]
            for rule in rules
            if _watches(rule.check)
        ]
        self.seers = [(rule, watcher.see) for rule, watcher in self.watching]
        self.seen: list[tuple[Rule, RepoRef, Problem]] = []  # what `see` found, commit by commit
        self.unread: list[Finding] = []  # repos whose history could not be read
        if read:
            read_repos([self])

    def result(self, evidence: TeamEvidence, portfolio: Sequence[Finding] = ()) -> TeamResult:
        """Findings, measurements and status as of `evidence.as_of` (the evidence this was built on, or
        earlier), with the team's findings from the rules across teams judged as of the same date."""
        findings = [_dated(f, evidence) for f in evidence.findings]
        measured: list[tuple[str, object]] = []
        if evidence.judgeable:
            for rule in self.static:
                self._judge(evidence, rule, cast(Check, rule.check).check(evidence, rule.params), findings, measured)
            day = evidence.judged_day
            for rule, repo, problem in self.seen:
                if problem.day is None or problem.day <= day:
                    findings.append(_finding(evidence, rule, problem, repo))
            for rule, watcher in self.watching:
                self._judge(evidence, rule, watcher.done(evidence), findings, measured)
            findings.extend(_dated(f, evidence) for f in self.unread)
            findings.extend(portfolio)
            waived = waived_rules(evidence)
            findings = [f.waive() if f.rule in waived else f for f in findings]
        recovery = evidence.policy.recovery.days if evidence.policy else 28
        charter_status = evidence.version.status if evidence.version else None
        status = team_status(evidence.team, findings, evidence.judged_day, recovery, charter_status)
        return TeamResult(evidence.team, evidence.name, status, tuple(findings), Measurements(tuple(measured)))  # type: ignore[arg-type]

    def weekly(
        self, days: Sequence[dt.date], portfolio: Mapping[dt.date, Sequence[Finding]] | None = None
    ) -> tuple[tuple[dt.date, str], ...]:
        """The team's status on each of `days` (none after the evidence's date), as `check --as-of` judges it;
        `portfolio`: the team's findings from the rules across teams, judged as of each of those days."""
        return tuple(
            (day, self.result(self.evidence.on(day), (portfolio or {}).get(day, ())).status.status) for day in days
        )

    def _judge(
        self,
        evidence: TeamEvidence,
        rule: Rule,
        judged: Iterable[Judged],
        findings: list[Finding],
        measured: list[tuple[str, object]],
    ) -> None:
        for item in judged:
            if isinstance(item, Problem):
                findings.append(_finding(evidence, rule, item))
            elif isinstance(item, MEASURES):
                measured.append((rule.id, item))

    # What govkit.streams needs of a reader: the team's repos in order, its window, and each commit.

    def reading(self) -> tuple[RepoRef, ...]:
        return self.evidence.repos if self.watching else ()

    def window(self) -> tuple[str, str, str]:
        """Since, until and today (YYYY-MM-DD): see `govkit.git.log.in_window`."""
        start, end = self.evidence.window()
        return start.isoformat(), end.isoformat(), self.evidence.today.isoformat()

    def see(self, repo: RepoRef, commit: Commit) -> None:
        for rule, see in self.seers:
            # The hot loop: most commits raise nothing, so skip the bookkeeping then.
            if problems := see(repo, commit):
                self.seen.extend((rule, repo, problem) for problem in problems)

    def cannot_read(self, repo: RepoRef, problem: RepoProblem) -> None:
        self.unread.append(
            Finding(
                rule="git",
                severity=Severity.ERROR,
                message=f"Cannot read the history of repo `{repo.name}`: {problem}.",
                location=self.evidence.at("repos", repo.index, "path"),
                team=self.evidence.team,
            )
        )


def _watches(check: AnyCheck) -> bool:
    return GIT in check.EVIDENCE and hasattr(check, "watch")


def _finding(evidence: TeamEvidence, rule: Rule, problem: Problem, repo: RepoRef | None = None) -> Finding:
    # A problem found in a repo's history, with no place of its own, points at the repo's
    # entry in the charter, so every report (SARIF included) can place it.
    location = problem.location
    if location is None and repo is not None:
        location = evidence.at("repos", repo.index, "path")
    day = problem.day or evidence.judged_day
    return Finding(
        rule=rule.id,
        severity=problem.severity or rule.severity,
        message=problem.message,
        location=location,
        team=evidence.team,
        commit=problem.commit,
        day=day.isoformat(),
        until=problem.until.isoformat() if problem.until else None,
    )


def _dated(finding: Finding, evidence: TeamEvidence) -> Finding:
    """A finding about the files as they are: it holds on the day judged."""
    return dataclasses.replace(
        finding, team=finding.team or evidence.team, day=finding.day or evidence.judged_day.isoformat()
    )
