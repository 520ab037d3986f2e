"""Run a policy's rules over one team's evidence, apply waivers."""

from __future__ import annotations

from collections.abc import Iterable

from govkit.checks.base import TeamContext
from govkit.checks.waivers import waived_rules
from govkit.model import Finding
from govkit.policy import Policy


def evaluate(ctx: TeamContext, policy: Policy, offered: Iterable[str]) -> list[Finding]:
    """Every rule whose evidence is offered, as findings; validly waived ones marked so."""
    available = frozenset(offered)
    findings: list[Finding] = []
    for rule in policy.rules:
        if not available >= rule.check.EVIDENCE:
            continue
        for problem in rule.check.check(ctx, rule.params):
            findings.append(
                Finding(
                    rule=rule.id,
                    severity=problem.severity or rule.severity,
                    message=problem.message,
                    location=problem.location,
                    team=ctx.team,
                    commit=problem.commit,
                )
            )
    waived = waived_rules(ctx)
    return [finding.waive() if finding.rule in waived else finding for finding in findings]
