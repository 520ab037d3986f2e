"""waivers: an exemption from a rule is explicit, justified, co-signed and temporary.

Passes: a waiver naming an existing rule, with a `reason`, `approved_by` both leads, and an
`expires` date. Fails: an unknown rule, no reason, one lead's approval only, or no expiry.
An expired waiver is reported (as info) and no longer waives anything.

A waiver counts only in a version of the charter both leads approved (see
`amendment-signoff`): one added without their approval waives nothing. `amendment-signoff` and
`waivers` themselves cannot be waived.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.evidence.charter import Waiver
from govkit.measurements import Waiver as WaiverMeasure
from govkit.model import Severity

ID = "waivers"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})
UNWAIVABLE = frozenset({ID, "amendment-signoff"})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    for waiver in evidence.charter.waivers:
        problems = list(waiver_problems(evidence, waiver))
        yield from problems
        if evidence.as_of is not None:
            yield WaiverMeasure(
                rule=waiver.rule,
                reason=waiver.reason or "",
                approved_by=waiver.approved_by,
                expires=waiver.expires,
                valid=not problems,
                expires_in=(waiver.expires - evidence.as_of).days if waiver.expires else None,
            )


def waiver_problems(evidence: TeamEvidence, waiver: Waiver) -> Iterator[Problem]:
    """Why this waiver cannot waive anything; nothing when it is valid and in force."""
    rule, index = waiver.rule, waiver.index
    if rule in UNWAIVABLE:
        yield Problem(
            f"The waiver names `{rule}`, which cannot be waived: it is what makes every other agreement count. "
            "Remove the waiver.",
            evidence.at("waivers", index, "rule"),
        )
    elif rule not in evidence.rule_ids:
        known = ", ".join(sorted(evidence.rule_ids))
        yield Problem(
            f"The waiver names rule `{rule}`, which the policy does not have. Known rules: {known}.",
            evidence.at("waivers", index, "rule"),
        )
    if not waiver.reason:
        yield Problem(
            f"The waiver of `{rule}` gives no `reason`; say why the team needs it.",
            evidence.at("waivers", index, "rule"),
        )
    approvers = {email.lower() for email in waiver.approved_by}
    for role, lead in evidence.charter.leads.items():
        if not approvers & evidence.charter.identities_of(lead):
            yield Problem(
                f"The waiver of `{rule}` is not approved by the {role} lead {lead}; both leads must be in "
                "`approved_by`.",
                evidence.at("waivers", index, "approved_by" if waiver.approved_by else "rule"),
            )
    day = evidence.judged_day  # lint judges waivers as of today
    if waiver.expires is None:
        yield Problem(
            f"The waiver of `{rule}` has no `expires` date; every waiver must end.",
            evidence.at("waivers", index, "rule"),
        )
    elif waiver.expires < day:
        yield Problem(
            f"The waiver of `{rule}` expired on {waiver.expires} and no longer waives anything; remove or renew it.",
            evidence.at("waivers", index, "expires"),
            severity=Severity.INFO,
        )


def waived_rules(evidence: TeamEvidence) -> set[str]:
    """The rule ids this charter validly waives on the as-of date."""
    return {waiver.rule for waiver in evidence.charter.waivers if not any(waiver_problems(evidence, waiver))}
