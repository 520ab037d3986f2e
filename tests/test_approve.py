"""`govkit approve`: each lead approves a charter change in one command, from their own clone."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from govkit.cli import cli
from tests.pilot import healthy
from tests.test_check_history import charter_history

TODAY = dt.date.today().isoformat()


def as_person(name: str, email: str) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


ANA = as_person("Ana Silva", "ana.silva@example.com")
RAJ = as_person("Raj Patel", "raj.patel@example.com")


def approve(pilot, who: dict[str, str], *args: str, input: str | None = None):
    runner = CliRunner()
    return runner.invoke(
        cli, ["approve", "reorder-pilot", "--root", str(pilot.charters.root), *args], env=who, input=input
    )


def loosened(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  demo: 14d", "  demo: 21d")
    repo, shas = charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-15", looser, None)])
    return pilot, repo, shas


def test_each_lead_approves_in_one_command_and_then_the_change_is_in_force(tmp_path):
    pilot, repo, shas = loosened(tmp_path)
    run = approve(pilot, ANA, "--yes")
    assert run.exit_code == 0, run.output
    assert shas[1][:10] in run.output and "demo" in run.output and "14d to 21d" in run.output
    trailers = repo.git("log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.splitlines() == [f"Approves: {shas[1]}", "Approved-by: Ana Silva <ana.silva@example.com>"]
    assert repo.git("log", "-1", "--format=%ae") == "ana.silva@example.com"
    assert len(pilot.findings("amendment-signoff", as_of=TODAY)) == 1  # one lead is not enough
    assert "Nothing" in approve(pilot, ANA, "--yes").output  # her part is done
    assert approve(pilot, RAJ, "--yes").exit_code == 0
    assert pilot.findings("amendment-signoff", as_of=TODAY) == []


def test_someone_who_is_not_a_lead_cannot_approve(tmp_path):
    pilot, repo, _ = loosened(tmp_path)
    run = approve(pilot, as_person("Tom Becker", "tom.becker@example.com"), "--yes")
    assert run.exit_code == 2 and "not a lead" in run.output and "internal error" not in run.output
    assert "Approves:" not in repo.git("log", "-1", "--format=%B")


def test_in_a_terminal_it_asks_and_no_means_nothing_is_recorded(tmp_path):
    pilot, repo, _ = loosened(tmp_path)
    before = repo.git("rev-parse", "HEAD")
    run = approve(pilot, ANA, input="n\n")  # CliRunner's input is not a terminal: it must refuse to ask
    assert run.exit_code == 2 and "--yes" in run.output
    assert repo.git("rev-parse", "HEAD") == before


def test_staged_work_stays_out_of_the_approval(tmp_path):
    pilot, repo, _ = loosened(tmp_path)
    (pilot.charters.root / "notes.txt").write_text("draft notes")
    repo.git("add", "notes.txt")
    assert approve(pilot, ANA, "--yes").exit_code == 0
    assert repo.git("show", "--name-only", "--format=", "HEAD") == ""
    assert "notes.txt" in repo.git("diff", "--cached", "--name-only")


def test_uncommitted_charter_edits_must_be_committed_before_approval(tmp_path):
    pilot, _, _ = loosened(tmp_path)
    pilot.charters.charter(pilot.charter_text.replace("  retro: 14d", "  retro: 7d"))
    run = approve(pilot, ANA, "--yes")
    assert run.exit_code == 2 and "not committed" in run.output and "internal error" not in run.output
