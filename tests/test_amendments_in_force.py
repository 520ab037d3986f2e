"""An amendment is in force only once both leads approved it; a waiver cannot approve itself."""

from __future__ import annotations

from tests.gitrepo import GitRepo
from tests.pilot import healthy
from tests.test_check_history import BOTH, charter_history

ANA = "Approved-by: Ana Silva <ana.silva@example.com>"
RAJ = "Approved-by: Raj Patel <raj.patel@example.com>"
WAIVER = """waivers:
  - rule: {rule}
    reason: We asked ourselves
    approved_by: [ana.silva@example.com, raj.patel@example.com]
    expires: 2026-12-31
"""


def without_two_demos(tmp_path):
    """A healthy pilot whose demos stop after 2026-09-10: a gap that runs to the as-of date 2026-10-15."""
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.events.remove(("2026-10-05", "demo"))
    pilot.write()
    return pilot


def approve(
    repo: GitRepo, sha: str, day: str, *trailers: str, author: str = "Ana Silva <ana.silva@example.com>"
) -> str:
    return repo.commit(day, message=f"Approve {sha[:10]}", trailers=[f"Approves: {sha}", *trailers], author=author)


def test_an_unapproved_loosening_loosens_nothing(tmp_path):
    pilot = without_two_demos(tmp_path)
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 60d")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", looser, None)])
    found = pilot.findings()
    assert [f["rule"] for f in found if f["rule"] == "demo-cadence"] == ["demo-cadence"]
    [unapproved] = [f for f in found if f["rule"] == "amendment-signoff"]
    assert "not in force" in unapproved["message"] and unapproved["open"] is True


def test_approval_by_later_commits_puts_the_amendment_in_force_from_the_last_approval(tmp_path):
    pilot = without_two_demos(tmp_path)
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 60d")
    repo, shas = charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", looser, None)])
    approve(repo, shas[1], "2026-09-20", ANA)
    assert len(pilot.findings("demo-cadence")) == 1  # one lead is not enough
    approve(repo, shas[1], "2026-10-01", RAJ, author="Raj Patel <raj.patel@example.com>")
    assert pilot.findings("amendment-signoff") == []
    assert pilot.findings("demo-cadence") == []  # the gap ends on 10-15, judged by the 60d then in force
    # As of 09-28 neither the second approval nor the looser cadence existed yet.
    assert len(pilot.findings("amendment-signoff", as_of="2026-09-28")) == 1
    assert len(pilot.findings("demo-cadence", as_of="2026-09-28")) == 1


def test_an_approval_naming_no_single_commit_approves_nothing(tmp_path):
    pilot = without_two_demos(tmp_path)
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 60d")
    repo, shas = charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", looser, None)])
    approve(repo, "0000000", "2026-09-20", ANA, RAJ)  # no such commit
    approve(repo, shas[1][:3], "2026-09-21", ANA, RAJ)  # too short to name one
    assert len(pilot.findings("amendment-signoff")) == 1 and len(pilot.findings("demo-cadence")) == 1


def test_a_waiver_added_without_approval_waives_nothing(tmp_path):
    pilot = without_two_demos(tmp_path)
    waived = pilot.charter_text + WAIVER.format(rule="demo-cadence")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", waived, None)])
    [demo] = pilot.findings("demo-cadence")
    assert demo["waived"] is False


def test_a_waiver_added_with_both_leads_approval_waives(tmp_path):
    pilot = without_two_demos(tmp_path)
    waived = pilot.charter_text + WAIVER.format(rule="demo-cadence")
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", waived, BOTH)])
    [demo] = pilot.findings("demo-cadence")
    assert demo["waived"] is True


def test_amendment_signoff_cannot_be_waived(tmp_path):
    pilot = healthy(tmp_path)
    waived = pilot.charter_text + WAIVER.format(rule="amendment-signoff")
    looser = waived.replace("  retro: 14d", "  retro: 21d")
    charter_history(
        pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", waived, BOTH), ("2026-09-20", looser, None)]
    )
    found = pilot.findings()
    [signoff] = [f for f in found if f["rule"] == "amendment-signoff"]
    assert signoff["waived"] is False
    [refused] = [f for f in found if f["rule"] == "waivers" and "cannot be waived" in f["message"]]
    assert refused["severity"] == "error"


def test_a_back_dated_amendment_is_in_force_from_the_day_it_was_committed(tmp_path):
    pilot = without_two_demos(tmp_path)
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 60d")
    repo, _ = charter_history(pilot, [("2026-08-25", pilot.charter_text, None)])
    pilot.charters.charter(looser)
    # Authored "in August", committed on 10-20: after the as-of date, so not in force then.
    repo.commit("2026-08-26", message="Looser demos", trailers=BOTH, committed="2026-10-20")
    assert len(pilot.findings("demo-cadence")) == 1
    assert pilot.findings("demo-cadence", as_of="2026-10-25") == []
