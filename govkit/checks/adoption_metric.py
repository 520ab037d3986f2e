"""adoption-metric: the team is accountable for user adoption.

Passes: a metric with `kind: adoption` and a `target`.
Fails: no metrics, or an adoption metric without a target.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema

ID = "adoption-metric"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    adoption = [metric for metric in evidence.charter.metrics if metric.kind == "adoption"]
    if not adoption:
        yield Problem(
            "No metric of `kind: adoption`; add one that measures how many users adopt the capability, with a target.",
            evidence.at("metrics"),
        )
    elif all(metric.target is None for metric in adoption):
        yield Problem(
            f"The adoption metric `{adoption[0].id}` has no `target`; add the number you aim for.",
            evidence.at("metrics", adoption[0].index),
        )
