"""A realistic pilot for `govkit check` tests: a charter repo beside a real team repo.

`healthy()` builds a team that keeps every agreement up to AS_OF; tests then break one thing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import HEALTHY_CHARTER, Repo, Run, govkit
from tests.gitrepo import GitRepo

AS_OF = "2026-10-15"
TOM = "Tom Becker <tom.becker@example.com>"
RAJ = "Raj Patel <raj.patel@example.com>"

EVENTS = [
    ("2026-09-07", "metric"),
    ("2026-09-10", "demo"),
    ("2026-09-12", "customer-feedback"),
    ("2026-09-14", "retro"),
    ("2026-09-14", "metric"),
    ("2026-09-20", "knowledge-share"),
    ("2026-09-21", "metric"),
    ("2026-09-22", "demo"),
    ("2026-09-24", "customer-feedback"),
    ("2026-09-28", "retro"),
    ("2026-09-28", "metric"),
    ("2026-10-02", "escalation"),
    ("2026-10-05", "demo"),
    ("2026-10-05", "metric"),
    ("2026-10-06", "customer-feedback"),
    ("2026-10-06", "escalation-resolved"),
    ("2026-10-10", "knowledge-share"),
    ("2026-10-12", "retro"),
    ("2026-10-12", "metric"),
]


def event_yaml(day: str, kind: str, **extra: str) -> str:
    lines = [f"  - date: {day}", f"    type: {kind}"]
    if kind == "metric":
        extra = {"metric": "weekly-reorderers", "value": "40", **extra}
    if kind.startswith("escalation"):
        extra = {"ref": "esc-1", **extra}
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


class Pilot:
    def __init__(self, tmp_path: Path) -> None:
        self.charters = Repo(tmp_path / "charters")
        self.team_repo = GitRepo(tmp_path / "reorder-service")
        self.charter_text = HEALTHY_CHARTER
        self.events = list(EVENTS)

    def activity_text(self) -> str:
        if not self.events:
            return "govkit: 1\nevents: []\n"
        return "govkit: 1\nevents:\n" + "".join(event_yaml(day, kind) for day, kind in self.events)

    def write(self) -> Pilot:
        self.charters.charter(self.charter_text)
        self.charters.activity(self.activity_text())
        return self

    def commits_every(self, days: int, start: str = "2026-09-02", end: str = "2026-10-14", author: str = TOM) -> None:
        day = dt.date.fromisoformat(start)
        while day <= dt.date.fromisoformat(end):
            self.team_repo.commit(day.isoformat(), author=author, message=f"Work of {day}")
            day += dt.timedelta(days=days)

    def check(self, *args: str, as_of: str = AS_OF) -> Run:
        return govkit("check", "--root", str(self.charters.root), "--as-of", as_of, "--format", "json", *args)

    def findings(self, rule: str | None = None, as_of: str = AS_OF) -> list[dict]:
        run = self.check(as_of=as_of)
        assert run.exit_code in (0, 1), run.stderr
        return [f for f in run.json()["findings"] if rule is None or f["rule"] == rule]


def healthy(tmp_path: Path) -> Pilot:
    pilot = Pilot(tmp_path)
    pilot.commits_every(3)
    pilot.team_repo.commit(
        "2026-09-15",
        {"auth/login.py": "check()"},
        message="Harden login",
        trailers=["Reviewed-by: IT Security <it-security@example.com>"],
    )
    return pilot.write()
