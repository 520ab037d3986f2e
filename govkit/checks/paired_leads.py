"""paired-leads: one business lead and one technology lead share the responsibility.

Passes: two different leads, both members, the business lead on the business side and the
technology lead on the technology side.
Fails: the same person named twice, a lead who is not a member, or a lead on the wrong side.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govkit.checks.base import CHARTER, Judged, Problem, TeamEvidence, params_schema
from govkit.evidence.charter import Charter
from govkit.wording import TYPO_LETTERS

ID = "paired-leads"
EVIDENCE = frozenset({CHARTER})
PARAMS = params_schema({})


def check(evidence: TeamEvidence, params: Mapping[str, Any]) -> Iterator[Judged]:
    charter = evidence.charter
    leads = charter.leads
    if leads.business.lower() == leads.technology.lower():
        yield Problem(
            f"{leads.business} is named as both leads; name two different people.",
            evidence.at("leads", "technology"),
        )
    for role, email in leads.items():
        side = charter.side_of(email)
        if side is None:
            yield Problem(_not_a_member(charter, role, email), evidence.at("leads", role))
        elif side != role:
            yield Problem(
                f"The {role} lead {email} is a member on the {side} side; the {role} lead must be on the {role} side.",
                evidence.at("leads", role),
            )


def _not_a_member(charter: Charter, role: str, email: str) -> str:
    """A misspelt member's email is a typo to correct, not a new person to add."""
    close = charter.closest_member(email)
    if close is not None and close[2] <= TYPO_LETTERS:
        member, known, _ = close
        return (
            f"The {role} lead {email} is not in `members`; did you mean {known} ({member.name})? "
            "Correct the email under `leads`."
        )
    return f"The {role} lead {email} is not in `members`; add them there with `side: {role}`."
