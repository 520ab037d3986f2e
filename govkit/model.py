"""Values that cross module boundaries: severities, locations, findings, results."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file, relative to the charter repo root; line/column are 1-based."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location | None = None
    team: str | None = None
    commit: str | None = None
    waived: bool = False
    day: str | None = None  # YYYY-MM-DD: the day the breach happened or began
    until: str | None = None  # YYYY-MM-DD: the day a past breach ended; None while it still holds

    @property
    def open(self) -> bool:
        """True while the breach still holds on the as-of date."""
        return self.until is None

    def waive(self) -> Finding:
        return dataclasses.replace(self, waived=True)

    def counts_at(self, threshold: Severity | None) -> bool:
        """True when this finding should fail a run with `--fail-on threshold`: unwaived, at or above
        it, and still holding. A past breach stays in every report, but a team that recovered from it
        does not fail CI for the rest of its pilot."""
        return threshold is not None and not self.waived and self.open and self.severity >= threshold


@dataclass(frozen=True, slots=True)
class TeamStatus:
    team: str
    status: str  # red | amber | green
    reason: str = ""  # why, in one line of plain words


@dataclass(frozen=True, slots=True)
class ExamplesRun:
    """What `govkit policy test` ran: how many examples, proving how many rules."""

    examples: int
    rules: int


@dataclass(frozen=True, slots=True)
class Shard:
    """The K-th of N shares of a run's teams. A team's share depends on its id alone, so the same
    team always lands in the same shard, whatever other teams there are."""

    index: int  # 1 to count
    count: int
    teams: tuple[str, ...] = ()  # every team of the whole run, in its order: what merging the shards needs

    def holds(self, team: str) -> bool:
        return share_of(team, self.count) == self.index

    @property
    def name(self) -> str:
        return f"{self.index}/{self.count}"


def share_of(team: str, count: int) -> int:
    """The shard (1 to count) that holds `team`: a hash of its id, the same on every machine and run."""
    import hashlib

    return 1 + int.from_bytes(hashlib.sha256(team.encode()).digest()[:8], "big") % count


@dataclass(slots=True)
class Result:
    """Everything one command run found, in the order it was found."""

    command: str
    as_of: str | None = None
    findings: list[Finding] = field(default_factory=list)
    teams: list[TeamStatus] = field(default_factory=list)
    rule_help: dict[str, str] = field(default_factory=dict)  # rule id → user documentation
    examples_run: ExamplesRun | None = None  # `govkit policy test` only
    # What code scanning files this run's alerts under (SARIF `automationDetails.id`), so a run
    # for some teams or one shard does not close the alerts of another; None: `govkit/<command>/`.
    category: str | None = None
    measured: dict[str, Any] = field(default_factory=dict)  # team → its Measurements (`check`)
    shard: Shard | None = None  # the share of the teams this run judged; None: all of them
    weeks: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # team → (day, status) a week

    def add(self, status: TeamStatus, findings: Iterable[Finding], measurements: Any = None) -> None:
        """One team's judgement: its status, findings and, in `check`, what its rules measured."""
        self.teams.append(status)
        self.findings.extend(findings)
        if measurements is not None:
            self.measured[status.team] = measurements

    def status_of(self, team: str) -> TeamStatus:
        return next(t for t in self.teams if t.team == team)

    def summary(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            if not finding.waived:
                counts[finding.severity.label] += 1
        return counts

    def exit_code(self, fail_on: Severity | None) -> int:
        return 1 if any(f.counts_at(fail_on) for f in self.findings) else 0
