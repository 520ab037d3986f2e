"""`govkit review TEAM`: how a pilot did, from the same reading and judgement as `govkit check`."""

from __future__ import annotations

import datetime as dt

from govkit.engine import evaluate, portfolio_findings
from govkit.errors import GovkitError
from govkit.evidence.read import read_team, whole_portfolio
from govkit.repo import CharterRepo
from govkit.review import Review, review_of


def review_team(repo: CharterRepo, team: str, as_of: dt.date, today: dt.date) -> Review:
    repo.chosen([team])
    evidence = read_team(repo, team, as_of, today)
    if not evidence.judgeable:
        first = next(iter(evidence.findings), None)
        detail = f" ({first.location}: {first.message})" if first else ""
        raise GovkitError(f"The charter of {team} has problems; run `govkit lint` and fix them first{detail}.")
    shared = portfolio_findings(whole_portfolio(repo, {team: evidence}, as_of, today), today)
    return review_of(evidence, evaluate(evidence, shared.get(team, ())))
