"""adoption-metric: the team is accountable for user adoption.

Passes: a metric with `kind: adoption` and a `target`.
Fails: no metrics, or an adoption metric without a target.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Problem, TeamContext, params_schema

ID = "adoption-metric"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(ctx: TeamContext, params: Mapping[str, Any]) -> Iterator[Problem]:
    metrics = ctx.charter.get("metrics", [])
    adoption = [(i, m) for i, m in enumerate(metrics) if m["kind"] == "adoption"]
    if not adoption:
        yield Problem(
            "No metric of `kind: adoption`; add one that measures how many users adopt the capability, with a target.",
            ctx.at("metrics") if "metrics" in ctx.charter else ctx.at(),
        )
    elif not any("target" in m for _, m in adoption):
        index, metric = adoption[0]
        yield Problem(
            f"The adoption metric `{metric['id']}` has no `target`; add the number you aim for.",
            ctx.at("metrics", index),
        )
