"""Run a policy's rules over one team's evidence, apply waivers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from govkit.checks.base import GIT, AnyCheck, Problem, RepoRef, TeamContext, Watcher
from govkit.checks.waivers import waived_rules
from govkit.git import RepoProblem, probe, stream_commits
from govkit.model import Finding, Severity
from govkit.policy import Policy, Rule


def evaluate(
    ctx: TeamContext, policy: Policy, offered: Iterable[str], observers: Sequence[Watcher] = ()
) -> list[Finding]:
    """Every rule whose evidence is offered, as findings; validly waived ones marked so.

    `observers` see every commit of the same streamed pass without raising findings (the
    review's tallies), so nothing reads the history twice.
    """
    available = frozenset(offered)
    findings: list[Finding] = []
    watching: list[tuple[Rule, Watcher]] = []
    for rule in policy.rules:
        if not available >= rule.check.EVIDENCE:
            continue
        if _watches(rule.check):
            watching.append((rule, rule.check.watch(ctx, rule.params)))  # type: ignore[union-attr]
        else:
            findings.extend(_as_findings(ctx, rule, rule.check.check(ctx, rule.params)))  # type: ignore[union-attr]
    if watching or observers:
        findings.extend(_stream_repos(ctx, watching, observers))
    waived = waived_rules(ctx)
    return [finding.waive() if finding.rule in waived else finding for finding in findings]


def _watches(check: AnyCheck) -> bool:
    return GIT in check.EVIDENCE and hasattr(check, "watch")


def _as_findings(
    ctx: TeamContext, rule: Rule, problems: Iterable[Problem], repo: RepoRef | None = None
) -> list[Finding]:
    # A problem found in a repo's history, with no place of its own, points at the repo's
    # entry in the charter, so every report (SARIF included) can place it.
    fallback = ctx.at("repos", repo.index, "path") if repo is not None else None
    return [
        Finding(
            rule=rule.id,
            severity=problem.severity or rule.severity,
            message=problem.message,
            location=problem.location or fallback,
            team=ctx.team,
            commit=problem.commit,
        )
        for problem in problems
    ]


def _stream_repos(
    ctx: TeamContext, watching: list[tuple[Rule, Watcher]], observers: Sequence[Watcher]
) -> list[Finding]:
    """One streamed `git log` per repo, each commit shown to every git rule in turn."""
    findings: list[Finding] = []
    start, end = ctx.window()
    today = dt.date.today().isoformat()  # commits dated after it still count while the window is open
    for repo in ctx.repos:
        try:
            probe(repo.path)
            for commit in stream_commits(repo.path, start.isoformat(), end.isoformat(), today):
                for rule, watcher in watching:
                    # The hot loop: most commits raise nothing, so skip the wrapping then.
                    if problems := watcher.see(repo, commit):
                        findings.extend(_as_findings(ctx, rule, problems, repo))
                for observer in observers:
                    observer.see(repo, commit)
        except RepoProblem as problem:
            findings.append(
                Finding(
                    rule="git",
                    severity=Severity.ERROR,
                    message=f"Cannot read the history of repo `{repo.name}`: {problem}.",
                    location=ctx.at("repos", repo.index, "path"),
                    team=ctx.team,
                )
            )
    for rule, watcher in watching:
        findings.extend(_as_findings(ctx, rule, watcher.done()))
    return findings
