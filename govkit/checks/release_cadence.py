"""release-cadence: the team delivers at least as often as it agreed.

Evidence is both commits in the team's repos and `release` events in the activity log: any
day with either counts (a commit counts on the day it entered the repo, the later of its author
and committer dates). Gaps count from the time-box start to the first delivery, between
deliveries, and up to the as-of date; each is judged by the cadence in force on its last day.

Passes (release 7d): commits every few days. Fails: nothing for 12 days.
A charter that lists no repos is judged on its `release` events alone, and its findings say so.
A closed charter is no longer checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from govkit.checks.base import (
    ACTIVITY,
    CHARTER,
    GIT,
    Judged,
    Problem,
    RepoRef,
    TeamEvidence,
    commit_day_text,
    day_of,
    params_schema,
)
from govkit.checks.pacing import cadence_measure, paced_gaps
from govkit.dates import days_text
from govkit.git.log import Commit
from govkit.measurements import Commits
from govkit.model import Location

ID = "release-cadence"
EVIDENCE = frozenset({CHARTER, ACTIVITY, GIT})
PARAMS = params_schema({})


class _Deliveries:
    def __init__(self, today: dt.date) -> None:
        self.today = today.isoformat()
        # day (YYYY-MM-DD) → its newest commit's text, sha, repo index and subject; and how many that day
        self.newest: dict[str, tuple[str, str, int, str]] = {}
        self.count: dict[str, int] = {}
        # The last commit's `Commit.day` (None before the first) and the day it is judged by.
        self.raw_day: str | None = None
        self.day = ""

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        if commit.day == self.raw_day:  # consecutive commits mostly share a day: the newest is known
            self.count[self.day] += 1
            return ()
        self.raw_day = commit.day
        day = self.day = commit_day_text(commit, self.today)
        seen = self.count.get(day)
        if seen is None:  # history streams newest first: the first commit seen on a day is its newest
            self.newest[day] = (f"commit {commit.sha[:10]} in {repo.name}", commit.sha, repo.index, commit.subject)
            self.count[day] = 1
        else:
            self.count[day] = seen + 1
        return ()

    def done(self, evidence: TeamEvidence) -> Iterable[Judged]:
        as_of = evidence.judged_day.isoformat()
        committed = {day_of(day): seen for day, seen in self.newest.items() if day <= as_of}
        last_commit = max(committed, default=None)
        yield Commits(
            count=sum(count for day, count in self.count.items() if day <= as_of),
            last_day=last_commit,
            last_what=f"{committed[last_commit][0]}: {committed[last_commit][3]}" if last_commit else None,
        )
        # day → what was delivered, where it is written down, and its commit if it was one
        delivered: dict[dt.date, tuple[str, Location, str | None]] = {
            day: (text, evidence.at("repos", repo, "path"), sha) for day, (text, sha, repo, _) in committed.items()
        }
        for event in evidence.events_of("release"):
            delivered[event.day] = (f"the release on {event.day}", event.location, None)
        days = sorted(delivered)
        gaps = paced_gaps(evidence, days, lambda charter: charter.cadence("release"))
        last = (days[-1], _described(delivered[days[-1]][0], committed.get(days[-1]))) if days else None
        yield cadence_measure("release", evidence, gaps, last)
        if evidence.charter.status == "closed":
            return
        for gap in gaps:
            if not gap.over:
                continue
            span, sha = gap.span, None
            if span.after is None:
                since, location = ", counted from the time-box start", evidence.at("timebox", "start")
            else:
                text, location, sha = delivered[days[span.after]]
                since = f", after {text}"
            yield Problem(
                f"No release or commit for {days_text(span.days)} ({span.start} to {span.end}{since}); "
                f"the charter agrees a release every {gap.agreed}.{_without_repos(evidence)}",
                location,
                commit=sha,
                day=gap.breach_day,
                until=gap.breach_end,
            )


def _without_repos(evidence: TeamEvidence) -> str:
    """With no repos in the charter, only logged releases count: say so, and how to log one."""
    if evidence.charter.repos:
        return ""
    return (
        " The charter lists no repos, so releases count only when they are logged: record each with "
        f"`govkit log {evidence.team} release`."
    )


def _described(text: str, commit: tuple[str, str, int, str] | None) -> str:
    """What the last delivery was: a commit with its subject, or a release event."""
    return f"{text}: {commit[3]}" if commit is not None and text == commit[0] else text


def watch(evidence: TeamEvidence, params: Mapping[str, Any]) -> _Deliveries:
    return _Deliveries(evidence.today)
