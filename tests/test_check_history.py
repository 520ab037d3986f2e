"""Agreements change: each day is judged by the charter in force that day; amendments need both leads."""

from __future__ import annotations

from tests.gitrepo import GitRepo
from tests.pilot import healthy

BOTH = ["Approved-by: Ana Silva <ana.silva@example.com>", "Approved-by: raj.patel@example.com"]
NEW_MEMBER = """  - name: Lea Novak
    email: lea.novak@example.com
    side: technology
    role: Developer
    allocation: 100
"""


def charter_history(pilot, versions):
    """Commit each (day, charter text, trailers) to the charter repo, in order."""
    repo = GitRepo(pilot.charters.root)
    shas = []
    for day, text, trailers in versions:
        pilot.charters.charter(text)
        shas.append(repo.commit(day, message=f"Charter as of {day}", trailers=trailers))
    return repo, shas


def test_a_path_guarded_from_october_does_not_flag_a_september_commit(tmp_path):
    pilot = healthy(tmp_path)
    unguarded = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**"]')
    charter_history(pilot, [("2026-08-25", unguarded, None), ("2026-10-01", pilot.charter_text, BOTH)])
    pilot.team_repo.commit("2026-09-20", {"infra/a.tf": "x"}, message="September infra")
    october = pilot.team_repo.commit("2026-10-05", {"infra/b.tf": "y"}, message="October infra")
    assert [f["commit"] for f in pilot.findings("guarded-paths")] == [october]


def test_a_member_who_joined_in_october_is_an_outsider_in_september(tmp_path):
    pilot = healthy(tmp_path)
    joined = pilot.charter_text.replace("repos:\n", NEW_MEMBER + "repos:\n", 1)
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-10-01", joined, BOTH)])
    lea = "Lea Novak <lea.novak@example.com>"
    september = pilot.team_repo.commit("2026-09-25", author=lea)
    pilot.team_repo.commit("2026-10-03", author=lea)
    assert [f["commit"] for f in pilot.findings("roster-authors")] == [september]


def test_uncommitted_charter_edits_count_from_today_only(tmp_path):
    pilot = healthy(tmp_path)
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None)])
    pilot.charters.charter(
        pilot.charter_text.replace("    role: Developer\n", "    role: Developer\n", 1) + "\n# edited\n"
    )
    pilot.team_repo.commit("2026-10-03", author="Lea Novak <lea.novak@example.com>")
    pilot.charters.charter(pilot.charter_text.replace("repos:\n", NEW_MEMBER + "repos:\n", 1))
    assert len(pilot.findings("roster-authors")) == 1


def test_an_amendment_signed_by_both_leads_passes(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-10", looser, BOTH)])
    assert pilot.findings("amendment-signoff") == []


def test_an_amendment_signed_by_one_lead_names_the_missing_lead_and_commit(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    _, shas = charter_history(
        pilot,
        [("2026-08-25", pilot.charter_text, None), ("2026-09-10", looser, ["Approved-by: ana.silva@example.com"])],
    )
    [finding] = pilot.findings("amendment-signoff")
    assert finding["commit"] == shas[1]
    assert finding["file"] == "teams/reorder-pilot/charter.yaml"
    assert "technology lead raj.patel@example.com" in finding["message"]
    assert "business lead" not in finding["message"]


def test_the_first_version_needs_no_signoff_and_later_amendments_after_as_of_are_ignored(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-10-20", looser, None)])
    assert pilot.findings("amendment-signoff") == []
    assert len(pilot.findings("amendment-signoff", as_of="2026-10-21")) == 1


def test_a_cadence_gap_is_judged_by_the_cadence_in_force_when_it_ends(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.write()
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 28d")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-10-01", looser, BOTH)])
    pilot.charters.activity(pilot.activity_text())
    assert pilot.findings("demo-cadence") == []


def test_a_past_as_of_date_is_judged_by_the_status_and_time_box_of_that_day(tmp_path):
    pilot = healthy(tmp_path)
    short = pilot.charter_text.replace("end: 2026-12-18", "end: 2026-10-10")
    closed = short.replace("status: active", "status: closed")
    charter_history(pilot, [("2026-08-25", short, None), ("2026-10-20", closed, BOTH)])
    [finding] = pilot.findings("timebox", as_of="2026-10-15")
    assert finding["message"].startswith("The time box ended on 2026-10-10, 5 days before 2026-10-15")
    # Closed from 10-20 on: a missed demo still counts on 10-15, but no longer on 11-20.
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.charter_text = closed
    pilot.write()
    assert len(pilot.findings("demo-cadence", as_of="2026-10-15")) == 1
    assert pilot.findings("demo-cadence", as_of="2026-11-20") == []


def test_a_team_that_was_still_a_draft_on_the_as_of_date_gets_no_activity_rules(tmp_path):
    pilot = healthy(tmp_path)
    draft = pilot.charter_text.replace("status: active", "status: draft")
    charter_history(pilot, [("2026-08-25", draft, None), ("2026-09-20", pilot.charter_text, BOTH)])
    pilot.events.clear()
    pilot.write()  # the working copy is the committed active charter
    assert pilot.findings(as_of="2026-09-15") == []
    assert {f["rule"] for f in pilot.findings(as_of="2026-10-15")} >= {"demo-cadence", "metric-readings"}


def test_editing_a_draft_needs_no_approval_but_making_it_active_does(tmp_path):
    pilot = healthy(tmp_path)
    draft = pilot.charter_text.replace("status: active", "status: draft")
    fuller = draft.replace("  retro: 14d", "  retro: 10d")
    repo, _ = charter_history(pilot, [("2026-08-20", draft, None), ("2026-08-22", fuller, None)])
    pilot.charter_text = fuller.replace("status: draft", "status: active")
    pilot.write()
    repo.commit("2026-08-25", message="Start the pilot")
    [finding] = pilot.findings("amendment-signoff")
    assert '"Start the pilot"' in finding["message"]
    who = {"GIT_COMMITTER_NAME": "Ana Silva", "GIT_COMMITTER_EMAIL": "ana.silva@example.com"}
    who["GIT_COMMITTER_DATE"] = "2026-08-25T12:00:00+00:00"  # as the commit it replaces
    repo.git("commit", "-q", "--amend", "-m", "Start the pilot\n\n" + "\n".join(BOTH), env=who)
    assert pilot.findings("amendment-signoff") == []
    assert repo.git("log", "-1", "--format=%cs") == "2026-08-25"
