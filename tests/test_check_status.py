"""Status, waivers and the time box in `govkit check`."""

from __future__ import annotations

from tests.conftest import line_of
from tests.pilot import healthy

WAIVER = """waivers:
  - rule: demo-cadence
    reason: Demo room closed for refurbishment
    approved_by: [ana.silva@example.com, raj.patel@example.com]
    expires: {expires}
"""


def test_a_valid_waiver_keeps_the_finding_but_not_the_failure(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.charter_text += WAIVER.format(expires="2999-12-31")
    pilot.write()
    run = pilot.check()
    [finding] = [f for f in run.json()["findings"] if f["rule"] == "demo-cadence"]
    assert finding["waived"] is True
    assert run.exit_code == 0 and run.json()["teams"][0]["status"] == "green"
    assert run.json()["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_an_expired_waiver_no_longer_waives(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-10-05", "demo"))  # the gap since 2026-09-22 still runs on the as-of date
    pilot.charter_text += WAIVER.format(expires="2026-10-01")
    pilot.write()
    run = pilot.check()
    found = run.json()["findings"]
    assert [f["waived"] for f in found if f["rule"] == "demo-cadence"] == [False]
    [expired] = [f for f in found if f["rule"] == "waivers"]
    assert expired["severity"] == "info" and expired["line"] == line_of(pilot.charter_text, "expires: 2026-10-01")
    assert run.exit_code == 1 and run.json()["teams"][0]["status"] == "red"


def test_an_active_charter_past_its_end_is_in_breach_until_closed(tmp_path):
    pilot = healthy(tmp_path)
    [finding] = pilot.findings("timebox", as_of="2026-12-20")
    assert "ended on 2026-12-18" in finding["message"] and "Close the charter" in finding["message"]
    pilot.charter_text = pilot.charter_text.replace("status: active", "status: closed")
    pilot.write()
    assert pilot.findings("timebox", as_of="2026-12-20") == []


def test_a_closed_charter_is_not_checked_for_cadences(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace("status: active", "status: closed")
    pilot.write()
    rules = {f["rule"] for f in pilot.findings(as_of="2026-12-01")}
    assert not rules & {"demo-cadence", "retro-cadence", "release-cadence", "metric-readings"}


def test_a_draft_charter_gets_no_activity_or_git_rules(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace("status: active", "status: draft")
    pilot.events = []
    pilot.write()
    pilot.team_repo.commit("2026-10-01", author="Eve <eve@vendor.example>")
    assert pilot.findings() == []


def test_lint_ignores_activity_and_git(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events = []
    pilot.write()
    from tests.conftest import lint_json

    assert lint_json(pilot.charters)["findings"] == []


def test_an_error_that_ended_keeps_the_team_amber_within_the_recovery_window(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))  # 09-10 to 10-05: 25 days without a demo, ended by the 10-05 demo
    pilot.write()
    run = pilot.check()
    [gap] = [f for f in run.json()["findings"] if f["rule"] == "demo-cadence"]
    assert (gap["day"], gap["open"], gap["until"]) == ("2026-09-25", False, "2026-10-05")
    [team] = run.json()["teams"]
    assert team["status"] == "amber" and team["reason"].startswith("Recovering since 2026-10-05: No demo for 25 days")
    assert run.exit_code == 0  # a past breach is reported, but does not fail the run


def test_past_the_policy_recovery_window_the_team_is_green_again(tmp_path):
    from pathlib import Path

    import govkit

    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.write()
    builtin = Path(govkit.__file__).parent / "builtin" / "policies" / "firewalled-pilot.yaml"
    policy = builtin.read_text().replace("rules:\n", "recovery: 7d\nrules:\n", 1)
    pilot.charters.write("policies/firewalled-pilot.yaml", policy)
    [team] = pilot.check().json()["teams"]
    assert (team["status"], team["reason"]) == ("green", "Keeping its agreements")
