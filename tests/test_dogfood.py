"""This project's own example teams, checked like any charter repo, against a sample team repo."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from govkit.sample import SampleCommit, every, write_history
from tests.conftest import govkit, line_of, statuses

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-20"
MEMBERS = [
    "Raj Patel <raj.patel@example.com>",
    "Tom Becker <tom.becker@example.com>",
    "Ana Silva <ana.silva@example.com>",
]


def reorder_service_history() -> list[SampleCommit]:
    days = every(dt.date(2026, 9, 2), dt.date(2026, 11, 19), 2)
    commits = [SampleCommit(day, MEMBERS[i % 3], f"Reorder work {day}") for i, day in enumerate(days)]
    commits += [
        SampleCommit(
            dt.date(2026, 10, 14),
            "Tom Becker <tom.becker@example.com>",
            "Rotate session keys",
            {"auth/session.py": "ROTATE = True\n"},
            ("Reviewed-by: IT Security <it-security@example.com>",),
            hour=15,
        ),
        SampleCommit(dt.date(2026, 10, 27), "Sam Vendor <sam@vendor.example>", "Hotfix price rounding", hour=16),
        SampleCommit(
            dt.date(2026, 11, 5),
            "Tom Becker <tom.becker@example.com>",
            "Open port 8443",
            {"infra/network.tf": "8443\n"},
            hour=17,
        ),
    ]
    return sorted(commits, key=lambda c: (c.day, c.hour))


def test_the_example_teams_check_with_the_expected_findings(tmp_path):
    charters = tmp_path / "charters"
    shutil.copytree(ROOT / "teams", charters / "teams")
    shutil.copytree(ROOT / "policies", charters / "policies")
    write_history(tmp_path / "reorder-service", reorder_service_history())
    run = govkit("check", "--root", str(charters), "--as-of", AS_OF, "--format", "json")
    data = run.json()
    activity = (ROOT / "teams/reorder-pilot/activity.yaml").read_text()
    charter = (ROOT / "teams/reorder-pilot/charter.yaml").read_text()
    found = sorted((f["rule"], f["severity"], f["waived"], f.get("line")) for f in data["findings"])
    assert found == sorted(
        [
            ("dedicated-members", "warning", True, line_of(charter, "allocation: 60")),
            ("knowledge-share-cadence", "warning", False, line_of(activity, "date: 2026-10-15")),
            ("guarded-paths", "error", False, line_of(charter, "path: ../reorder-service")),
            ("roster-authors", "warning", False, line_of(charter, "path: ../reorder-service")),
        ]
    )
    messages = {f["rule"]: f["message"] for f in data["findings"]}
    assert "infra/network.tf" in messages["guarded-paths"] and "Open port 8443" in messages["guarded-paths"]
    assert "Sam Vendor <sam@vendor.example>" in messages["roster-authors"]
    assert statuses(data) == {"field-service-pilot": "green", "reorder-pilot": "red"}
    assert [team["team"] for team in data["teams"]] == ["field-service-pilot", "reorder-pilot"]
    assert run.exit_code == 1
