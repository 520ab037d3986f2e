"""`govkit review`: a finished pilot's summary, computed from the real evidence."""

from __future__ import annotations

from tests.conftest import govkit
from tests.pilot import healthy
from tests.test_check_history import BOTH, charter_history


def review(pilot, *args: str, as_of: str = "2026-10-15"):
    return govkit("review", "reorder-pilot", "--root", str(pilot.charters.root), "--as-of", as_of, *args)


def test_a_healthy_pilot_reviews_at_full_adherence(tmp_path):
    pilot = healthy(tmp_path)
    data = review(pilot, "--format", "json").json()
    assert data["command"] == "review" and data["as_of"] == "2026-10-15"
    assert data["adherence"] == {
        "demo": 100,
        "customer-feedback": 100,
        "retro": 100,
        "release": 100,
        "knowledge-share": 100,
    }
    assert data["elapsed_percent"] == 100 * 44 // 108  # as the time box measurement counts it, everywhere
    [metric] = data["metrics"]
    assert (metric["latest"], metric["target"], metric["progress_percent"]) == (40.0, 200, 20)
    assert len(metric["readings"]) == 6
    assert data["escalations"] == [
        {"ref": "esc-1", "opened": "2026-10-02", "resolved": "2026-10-06", "days": 4, "within": True}
    ]
    assert (data["guarded_changes"], data["unreviewed_changes"]) == (1, 0)
    assert data["findings"] == {"error": 0, "warning": 0, "info": 0}


def test_adherence_is_the_share_of_days_within_the_cadence(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.write()
    data = review(pilot, "--format", "json").json()
    # demos 09-10 and 10-05 over 09-01..10-15: stretches of 9, 25 and 10 days, 25 is 11 over 14d
    assert data["adherence"]["demo"] == round(100 * (44 - 11) / 44)


def test_unreviewed_guarded_changes_and_late_escalations_show(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit("2026-10-01", {"infra/x.tf": "x"})
    pilot.events.remove(("2026-10-06", "escalation-resolved"))
    pilot.write()
    data = review(pilot, "--format", "json").json()
    assert (data["guarded_changes"], data["unreviewed_changes"]) == (2, 1)
    assert data["escalations"][0] == {
        "ref": "esc-1",
        "opened": "2026-10-02",
        "resolved": None,
        "days": 13,
        "within": False,
    }


def test_amendments_over_the_timebox_are_listed_with_their_approvers(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 10d")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-10", looser, BOTH)])
    data = review(pilot, "--format", "json").json()
    [amendment] = data["amendments"]
    assert amendment["date"] == "2026-09-10" and "ana.silva@example.com" in amendment["approved_by"]
    assert data["changes"] == ["Cadence `retro` tightened from 14d to 10d"]


def test_text_and_markdown_read_as_a_report(tmp_path):
    pilot = healthy(tmp_path)
    text = review(pilot).stdout
    assert "Review of One-click Reorder Pilot (reorder-pilot) as of 2026-10-15" in text
    assert "weekly-reorderers (adoption): 40 of target 200 (20%)" in text
    markdown = review(pilot, "--format", "markdown").stdout
    assert markdown.startswith("# Review of") and "## Cadence adherence" in markdown


def test_markdown_shows_what_users_wrote_as_typed(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace(
        "  - 200 weekly reorderers by the end of the time box", '  - "<b>200</b> *weekly* reorderers"'
    )
    pilot.write()
    markdown = review(pilot, "--format", "markdown").stdout
    assert "- \\<b\\>200\\</b\\> \\*weekly\\* reorderers" in markdown
    assert "<b>200</b> *weekly* reorderers" in review(pilot).stdout


def test_a_metric_without_readings_shows_its_target_and_no_percentage(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events = [event for event in pilot.events if event[1] != "metric"]
    pilot.write()
    text = review(pilot).stdout
    assert "  weekly-reorderers (adoption): no reading yet (target 200)\n" in text and "None" not in text
    markdown = review(pilot, "--format", "markdown").stdout
    assert "- weekly-reorderers (adoption): no reading yet (target 200)\n" in markdown


def test_counts_of_one_read_in_the_singular(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-10-12", "metric"))  # the one warning: a reading late
    pilot.events.remove(("2026-10-06", "escalation-resolved"))
    pilot.events.append(("2026-10-03", "escalation-resolved"))
    pilot.write()
    text = review(pilot).stdout
    assert "Findings now: 0 errors, 1 warning.\n" in text
    assert "esc-1: opened 2026-10-02, resolved 2026-10-03 after 1 day\n" in text


def test_an_unknown_team_or_broken_charter_cannot_be_reviewed(tmp_path):
    pilot = healthy(tmp_path)
    run = govkit("review", "nope", "--root", str(pilot.charters.root))
    assert run.exit_code == 2 and "no team `nope`" in run.stderr
    pilot.charters.charter("govkit: [\n")
    run = review(pilot)
    assert run.exit_code == 2 and "govkit lint" in run.stderr


def test_commits_and_the_newest_one_are_counted_within_the_timebox(tmp_path):
    pilot = healthy(tmp_path)
    late = pilot.team_repo.commit("2026-10-20", {"src/late.py": "x"}, message="After the as-of date")
    newest = pilot.team_repo.commit("2026-10-14", {"src/new.py": "x"}, message="Show reorder history")
    days = pilot.team_repo.git("log", "--format=%as").split()
    data = review(pilot, "--format", "json").json()
    assert data["commits"] == sum(1 for day in days if "2026-09-01" <= day <= "2026-10-15") > 1
    assert data["last_commit"] == ["2026-10-14", f"commit {newest[:10]} in reorder-service: Show reorder history"]
    assert late[:10] not in review(pilot).stdout


def test_a_draft_team_is_reviewed_as_check_judges_a_draft(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace("status: active", "status: draft")
    pilot.write()
    data = review(pilot, "--format", "json").json()
    # A draft's activity is not checked, so the review reports none of it: it never judges on its own.
    assert data["status"] == "draft" and data["commits"] == 0 and data["adherence"] == {}
    assert (data["health"], data["reason"]) == ("green", "A draft: its activity is not checked yet")
    assert data["findings"] == {"error": 0, "warning": 0, "info": 0}
