"""release-cadence: the team delivers at least as often as it agreed.

Evidence is both commits in the team's repos and `release` events in the activity log: any
day with either counts. Gaps count from the time-box start to the first delivery, between
deliveries, and up to the as-of date; each is judged by the cadence in force on its last day.

Passes (release 7d): commits every few days. Fails: nothing for 12 days.
A closed charter is no longer checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, GIT, Problem, RepoRef, TeamContext, params_schema
from govkit.dates import days_text, duration_days, spans
from govkit.git import Commit
from govkit.model import Location

ID = "release-cadence"
EVIDENCE = frozenset({CHARTER, ACTIVITY, GIT})
PARAMS = params_schema({})


class _Deliveries:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.commit_days: dict[str, tuple[str, str, int]] = {}  # day → (its newest commit's text, sha, repo)

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        if commit.day not in self.commit_days:
            self.commit_days[commit.day] = (f"commit {commit.sha[:10]} in {repo.name}", commit.sha, repo.index)
        return ()

    def done(self) -> Iterable[Problem]:
        ctx = self.ctx
        if ctx.standing()["status"] == "closed":
            return
        # day → what was delivered, where it is written down, and its commit if it was one
        what_by_day: dict[dt.date, tuple[str, Location, str | None]] = {
            dt.date.fromisoformat(day): (text, ctx.at("repos", repo, "path"), sha)
            for day, (text, sha, repo) in self.commit_days.items()
        }
        for event in ctx.events:
            if event.type == "release":
                what_by_day[event.day] = (f"the release on {event.day}", event.location, None)
        days = sorted(what_by_day)
        start, end = ctx.window()
        for span in spans(days, start, end):
            agreed = ctx.in_force(span.end).get("cadences", {}).get("release")
            if agreed is None or span.days <= duration_days(agreed):
                continue
            sha = None
            if span.after is None:
                since, location = ", counted from the time-box start", ctx.at("timebox", "start")
            else:
                text, location, sha = what_by_day[days[span.after]]
                since = f", after {text}"
            yield Problem(
                f"No release or commit for {days_text(span.days)} ({span.start} to {span.end}{since}); "
                f"the charter agrees a release every {agreed}.",
                location,
                commit=sha,
            )


def watch(ctx: TeamContext, params: Mapping[str, Any]) -> _Deliveries:
    return _Deliveries(ctx)
