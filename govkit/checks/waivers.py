"""waivers: an exemption from a rule is explicit, justified, co-signed and temporary.

Passes: a waiver naming an existing rule, with a `reason`, `approved_by` both leads, and an
`expires` date. Fails: an unknown rule, no reason, one lead's approval only, or no expiry.
An expired waiver is reported (as info) and no longer waives anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema
from govkit.dates import parse_date
from govkit.model import Severity

ID = "waivers"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    for index, waiver in enumerate(ctx.charter.get("waivers", [])):
        yield from waiver_problems(ctx, index, waiver)


def waiver_problems(ctx: TeamContext, index: int, waiver: Mapping[str, Any]) -> Iterator[Problem]:
    """Why this waiver cannot waive anything; nothing when it is valid and in force."""
    rule = waiver["rule"]
    if rule not in ctx.policy_rule_ids:
        known = ", ".join(sorted(ctx.policy_rule_ids))
        yield Problem(
            f"The waiver names rule `{rule}`, which the policy does not have. Known rules: {known}.",
            ctx.at("waivers", index, "rule"),
        )
    if not waiver.get("reason"):
        yield Problem(
            f"The waiver of `{rule}` gives no `reason`; say why the team needs it.", ctx.at("waivers", index, "rule")
        )
    approvers = {email.lower() for email in waiver.get("approved_by", [])}
    for role, lead in ctx.charter["leads"].items():
        if lead.lower() not in approvers:
            yield Problem(
                f"The waiver of `{rule}` is not approved by the {role} lead {lead}; both leads must be in `approved_by`.",
                ctx.at("waivers", index, "approved_by")
                if "approved_by" in waiver
                else ctx.at("waivers", index, "rule"),
            )
    if "expires" not in waiver:
        yield Problem(
            f"The waiver of `{rule}` has no `expires` date; every waiver must end.", ctx.at("waivers", index, "rule")
        )
    elif parse_date(waiver["expires"]) < (ctx.as_of or dt.date.today()):  # lint judges waivers as of today
        yield Problem(
            f"The waiver of `{rule}` expired on {waiver['expires']} and no longer waives anything; remove or renew it.",
            ctx.at("waivers", index, "expires"),
            severity=Severity.INFO,
        )


def waived_rules(ctx: TeamContext) -> set[str]:
    """The rule ids this charter validly waives on `ctx.as_of`."""
    return {
        waiver["rule"]
        for index, waiver in enumerate(ctx.charter.get("waivers", []))
        if waiver["rule"] != ID and not any(waiver_problems(ctx, index, waiver))
    }
