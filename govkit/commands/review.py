"""`govkit review TEAM`: how a pilot did, for the decision to extend, close or firewall the next team.

Built from the same evidence as `govkit check`: the charter and its history, the activity
log and one streamed `git log` per repo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from govkit.check import check_team
from govkit.checks.base import Problem, RepoRef, TeamContext, Watcher
from govkit.checks.guarded_paths import paths_pattern
from govkit.compare.charter import charter_changes
from govkit.dates import duration_days, spans
from govkit.errors import GovkitError
from govkit.evidence.activity import escalations
from govkit.git import Commit
from govkit.model import Finding, Severity
from govkit.repo import CharterRepo


@dataclass(frozen=True, slots=True)
class MetricReview:
    id: str
    kind: str
    target: float | None
    latest: float | None
    readings: list[tuple[str, float]]

    @property
    def progress(self) -> int | None:
        if self.target in (None, 0) or self.latest is None:
            return None
        return round(100 * self.latest / self.target)


@dataclass(frozen=True, slots=True)
class EscalationReview:
    ref: str
    opened: str
    resolved: str | None
    days: int
    within: bool


@dataclass(slots=True)
class Review:
    team: str
    name: str
    status: str
    as_of: str
    timebox: tuple[str, str]
    elapsed_percent: int
    exit_criteria: list[str]
    metrics: list[MetricReview] = field(default_factory=list)
    adherence: dict[str, int] = field(default_factory=dict)  # cadence type → % of days within it
    escalations: list[EscalationReview] = field(default_factory=list)
    guarded_changes: int = 0
    unreviewed_changes: int = 0
    commits: int = 0
    waivers: list[dict[str, Any]] = field(default_factory=list)
    amendments: list[dict[str, str]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the agreement at the time-box start → as of
    last_commit: tuple[str, str] | None = None  # (day, "commit <sha> in <repo>: <subject>"), the newest
    findings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for metric, source in zip(data["metrics"], self.metrics, strict=True):
            metric["progress_percent"] = source.progress
        return {"govkit": 1, "command": "review", **data}


def review_team(repo: CharterRepo, team: str, as_of: dt.date, today: dt.date) -> Review:
    if team not in repo.team_ids():
        raise GovkitError(
            f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {', '.join(repo.team_ids()) or 'none yet'}."
        )
    reviews = Reviews()
    findings = check_team(repo, team, as_of, today, reviews.observe)
    review = reviews.review(team, findings, as_of)
    if review is None:
        first = next((f for f in findings if f.severity is Severity.ERROR), findings[0])
        raise GovkitError(
            f"The charter of {team} has problems; run `govkit lint` and fix them first ({first.message})."
        )
    return review


class Reviews:
    """What each team's review needs, gathered while `govkit check` reads its evidence.

    Pass `observe` to `run_check` or `check_team`; then `review` each team with its findings.
    """

    def __init__(self) -> None:
        self.seen: dict[str, tuple[TeamContext, _Tally]] = {}

    def observe(self, team: str, ctx: TeamContext) -> list[Watcher]:
        tally = _Tally(ctx.charter)
        self.seen[team] = (ctx, tally)
        return [tally]

    def review(self, team: str, findings: list[Finding], as_of: dt.date) -> Review | None:
        """The team's review, or None when its charter was too broken to judge."""
        if team not in self.seen:
            return None
        ctx, tally = self.seen[team]
        return _summary(team, ctx, tally, findings, as_of)


def _summary(team: str, ctx: TeamContext, tally: _Tally, findings: list[Finding], as_of: dt.date) -> Review:
    charter = ctx.charter
    start, end = (dt.date.fromisoformat(charter["timebox"][k]) for k in ("start", "end"))
    total = max((end - start).days, 1)
    review = Review(
        team=team,
        name=charter["name"],
        status=charter["status"],
        as_of=as_of.isoformat(),
        timebox=(start.isoformat(), end.isoformat()),
        elapsed_percent=max(0, min(100, round(100 * (as_of - start).days / total))),
        exit_criteria=list(charter.get("exit_criteria", [])),
    )
    review.metrics = _metrics(ctx)
    review.commits, review.guarded_changes, review.last_commit = tally.commits, tally.guarded, tally.last
    review.adherence = _adherence(ctx, tally.days)
    review.escalations = _escalations(ctx)
    review.unreviewed_changes = sum(1 for f in findings if f.rule == "guarded-paths" and not f.waived)
    for label in ("error", "warning", "info"):
        review.findings[label] = sum(1 for f in findings if not f.waived and f.severity is Severity.parse(label))
    waived_counts = {
        w["rule"]: sum(1 for f in findings if f.waived and f.rule == w["rule"]) for w in charter.get("waivers", [])
    }
    review.waivers = [
        {
            "rule": w["rule"],
            "reason": w.get("reason"),
            "expires": w.get("expires"),
            "findings_waived": waived_counts[w["rule"]],
        }
        for w in charter.get("waivers", [])
    ]
    review.amendments = [
        {
            "date": a.commit.committed_day,
            "commit": a.commit.sha,
            "subject": a.commit.subject,
            "approved_by": ", ".join(a.commit.trailer_values("approved-by")) or "nobody",
        }
        for a in (ctx.history.amendments if ctx.history else [])
        if a.commit.committed_day <= review.as_of
    ]
    review.changes = [change.text for change in charter_changes(ctx.in_force(start), ctx.in_force(as_of))]
    return review


def _metrics(ctx: TeamContext) -> list[MetricReview]:
    found = []
    for metric in ctx.charter.get("metrics", []):
        readings = [
            (e.day.isoformat(), float(e.value))
            for e in ctx.events
            if e.type == "metric" and e.metric == metric["id"] and e.value is not None
        ]
        found.append(
            MetricReview(
                metric["id"], metric["kind"], metric.get("target"), readings[-1][1] if readings else None, readings
            )
        )
    return found


class _Tally:
    """Commit days, commits and guarded changes, seen in the same pass as the rules' (a Watcher)."""

    def __init__(self, charter: Mapping[str, Any]) -> None:
        self.guards = {  # repo name → its guarded paths, as the charter says now
            entry["name"]: paths_pattern(p for g in entry.get("guarded", []) for p in g["paths"])
            for entry in charter.get("repos", [])
        }
        self.days: set[dt.date] = set()
        self.commits = 0
        self.guarded = 0
        self.last: tuple[str, str] | None = None  # (day, "commit <sha> in <repo>: <subject>"), the newest

    def see(self, repo: RepoRef, commit: Commit) -> Iterable[Problem]:
        self.commits += 1
        self.days.add(dt.date.fromisoformat(commit.day))
        if self.last is None or commit.day > self.last[0]:
            self.last = (commit.day, f"commit {commit.sha[:10]} in {repo.name}: {commit.subject}")
        guarded = self.guards.get(repo.name)
        if guarded is not None and guarded.pattern and any(guarded.match(path) for path in commit.files):
            self.guarded += 1
        return ()

    def done(self) -> Iterable[Problem]:
        return ()


def _adherence(ctx: TeamContext, commit_days: set[dt.date]) -> dict[str, int]:
    """Per agreed cadence, the share of days the team was within it."""
    start, end = ctx.window()
    result = {}
    for kind, agreed in ctx.charter.get("cadences", {}).items():
        days = {e.day for e in ctx.events if e.type == kind}
        if kind == "release":
            days |= commit_days
        limit = duration_days(agreed)
        stretches = spans(sorted(days), start, end)
        covered = sum(span.days for span in stretches)
        within = sum(min(span.days, limit) for span in stretches)
        result[kind] = round(100 * within / covered) if covered else 100
    return result


def _escalations(ctx: TeamContext) -> list[EscalationReview]:
    as_of = ctx.as_of or dt.date.today()
    found = []
    for event, closed in escalations(ctx.events):
        limit = duration_days(ctx.in_force(event.day).get("escalation", {}).get("respond_within", "10000d"))
        days = ((closed or as_of) - event.day).days
        found.append(
            EscalationReview(
                event.ref or "", event.day.isoformat(), closed.isoformat() if closed else None, days, days <= limit
            )
        )
    return found
