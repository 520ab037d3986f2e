"""Git evidence nobody can dodge or forge: crafted commit text, odd dates, evil merges, shallow history."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from tests.conftest import govkit
from tests.gitrepo import GitRepo
from tests.pilot import healthy

BOTH = ["Approved-by: Ana Silva <ana.silva@example.com>", "Approved-by: raj.patel@example.com"]
GUARDED = {"infra/open.tf": "ingress 0.0.0.0/0"}
# What a record of the old `git log` output looked like, separators included: a sha, an
# outsider's email and name, two dates, a subject, no trailers, and a guarded file.
FAKE_RECORD = "\x1e" + "\x1f".join(["f" * 40, "mallory@evil.example", "Mallory", "2026-10-01", "2026-10-01", "Fake"])
FAKE_RECORD += "\x1f\x1fauth/evil.py"


def guarded_findings(pilot, **options):
    return {f["commit"]: f["message"] for f in pilot.findings("guarded-paths", **options)}


def commit_charters(pilot, versions):
    """Commit each (day, charter text, message) to the charter repo, in order."""
    repo = GitRepo(pilot.charters.root)
    for day, text, message in versions:
        pilot.charters.charter(text)
        repo.commit(day, message=message)
    return repo


# Commit text cannot forge or hide commits.


def test_a_subject_ending_in_a_record_separator_is_still_judged(tmp_path):
    pilot = healthy(tmp_path)
    sha = pilot.team_repo.commit("2026-10-01", GUARDED, message="W\x1e")
    assert pilot.team_repo.git("log", "-1", "--format=[%s]") == "[W\x1e]"  # git kept the separator
    assert list(guarded_findings(pilot)) == [sha]


@pytest.mark.parametrize("where", ["subject", "trailer value"])
def test_a_fake_record_in_commit_text_invents_no_commit_and_hides_none(tmp_path, where):
    pilot = healthy(tmp_path)
    if where == "subject":
        sha = pilot.team_repo.commit("2026-10-01", GUARDED, message="Tidy up" + FAKE_RECORD)
    else:
        trailer = "Signed-off-by: Tom Becker <tom.becker@example.com>" + FAKE_RECORD
        sha = pilot.team_repo.commit("2026-10-01", GUARDED, message="Tidy up", trailers=[trailer])
    found = pilot.findings()
    assert [(f["rule"], f["commit"]) for f in found] == [("guarded-paths", sha)]
    assert "changes infra/open.tf, guarded" in found[0]["message"]


def test_a_subject_cannot_forge_a_review_or_hide_the_files_a_commit_changed(tmp_path):
    pilot = healthy(tmp_path)
    crafted = "Tidy up\x1fReviewed-by: it-security@example.com\x1fREADME.md"
    sha = pilot.team_repo.commit("2026-10-01", GUARDED, message=crafted)
    assert list(guarded_findings(pilot)) == [sha]


def test_a_subject_cannot_forge_the_leads_approval_of_an_amendment(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    crafted = "Loosen the retro\x1fApproved-by: ana.silva@example.com, raj.patel@example.com"
    commit_charters(pilot, [("2026-08-25", pilot.charter_text, "Agree the charter"), ("2026-09-10", looser, crafted)])
    [finding] = pilot.findings("amendment-signoff")
    assert "business lead ana.silva@example.com and the technology lead raj.patel@example.com" in finding["message"]


def test_approved_by_lines_in_the_body_are_not_the_leads_approval(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    body = "Loosen the retro\n\n" + "\n".join(BOTH) + "\n\nAgreed in the last retro, to be signed off later."
    commit_charters(pilot, [("2026-08-25", pilot.charter_text, "Agree the charter"), ("2026-09-10", looser, body)])
    assert len(pilot.findings("amendment-signoff")) == 1


def test_a_commit_object_holding_nul_bytes_forges_nothing_and_hides_nothing(tmp_path):
    pilot = healthy(tmp_path)
    noon = int(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC).timestamp())
    # git itself refuses NUL bytes in a commit, so the object is written by hand: a NUL in the
    # author's name, and after the subject a NUL-separated record claiming a review.
    headers = (
        f"author Mal\0lory <mallory@evil.example> {noon} +0000\ncommitter Mallory <mallory@evil.example> {noon} +0000\n"
    )
    fake = "\0".join(["f" * 40, "2026-10-01", "2026-10-01", "raj.patel@example.com", "Raj", "Fake", "", "f" * 40])
    message = f"Tidy up\0\0{fake}\0\n\nReviewed-by: it-security@example.com\n"
    sha = pilot.team_repo.commit_object(headers.encode(), message.encode(), GUARDED)
    assert (
        b"\0"
        in subprocess.run(["git", "cat-file", "commit", sha], cwd=pilot.team_repo.path, capture_output=True).stdout
    )
    run = pilot.check()
    found = run.json()["findings"]
    assert sorted((f["rule"], f["commit"]) for f in found) == [("guarded-paths", sha), ("roster-authors", sha)]
    assert "f" * 40 not in run.stdout


def test_a_commit_whose_dates_git_cannot_read_is_a_git_error(tmp_path):
    pilot = healthy(tmp_path)
    headers = b"author Tom Becker <tom.becker@example.com>\ncommitter Tom Becker <tom.becker@example.com>\n"
    sha = pilot.team_repo.commit_object(headers, b"Undated\n", GUARDED)
    [finding] = pilot.findings("git")
    assert finding["severity"] == "error" and sha[:10] in finding["message"] and "git fsck" in finding["message"]


def test_file_names_that_look_like_records_are_only_file_names(tmp_path):
    pilot = healthy(tmp_path)
    files = {"\nnotes.txt": "x", "f" * 40: "x", "mallory@evil.example": "x", "auth/keys.py": "x"}
    sha = pilot.team_repo.commit("2026-10-01", files)
    [(commit, message)] = guarded_findings(pilot).items()
    assert commit == sha and "auth/keys.py" in message


def test_a_local_replacement_does_not_hide_a_commit(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.team_repo
    sha = repo.commit("2026-10-01", GUARDED, message="Open the firewall")
    stand_in = repo.git("commit-tree", f"{sha}^^{{tree}}", "-p", f"{sha}^", "-m", "Nothing to see")
    repo.git("replace", sha, stand_in)
    assert repo.git("log", "-1", "--format=%s") == "Nothing to see"  # what git shows from now on
    assert list(guarded_findings(pilot)) == [sha]


# Back-dating and forward-dating: either date in the window counts, the later one judges.


@pytest.mark.parametrize(
    ("authored", "committed"), [("2026-08-01", "2026-09-20"), ("2026-09-20", "2026-08-01")], ids=["author", "committer"]
)
def test_a_commit_with_one_date_set_before_the_time_box_is_judged(tmp_path, authored, committed):
    pilot = healthy(tmp_path)
    sha = pilot.team_repo.commit(authored, GUARDED, committed=committed, message="Back-dated")
    [(commit, message)] = guarded_findings(pilot).items()
    assert commit == sha
    assert f"authored {authored}, committed {committed}" in message


@pytest.mark.parametrize(("authored", "committed"), [("2026-09-20", "2026-10-05"), ("2026-10-05", "2026-09-20")])
def test_a_commit_is_judged_by_the_charter_in_force_on_the_later_of_its_dates(tmp_path, authored, committed):
    pilot = healthy(tmp_path)
    unguarded = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**"]')
    repo = GitRepo(pilot.charters.root)
    pilot.charters.charter(unguarded)
    repo.commit("2026-08-25", message="Agree the charter")
    pilot.charters.charter(pilot.charter_text)
    repo.commit("2026-10-01", message="Guard infra too", trailers=BOTH)
    sha = pilot.team_repo.commit(authored, GUARDED, committed=committed)
    assert list(guarded_findings(pilot)) == [sha]


def open_time_box(pilot, today: dt.date) -> None:
    """The pilot's time box runs from a month ago to a month from now."""
    start, end = today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    text = pilot.charter_text.replace("start: 2026-09-01", f"start: {start}").replace("end: 2026-12-18", f"end: {end}")
    pilot.charters.charter(text)


def test_a_commit_dated_after_today_counts_while_the_time_box_is_open(tmp_path):
    pilot = healthy(tmp_path)
    today = dt.date.today()
    open_time_box(pilot, today)
    ahead = (today + dt.timedelta(days=400)).isoformat()
    sha = pilot.team_repo.commit(ahead, GUARDED, message="From the future")
    run = govkit("check", "--root", str(pilot.charters.root), "--format", "json")
    assert run.exit_code == 1, run.stderr
    found = [f for f in run.json()["findings"] if f["rule"] == "guarded-paths"]
    assert [f["commit"] for f in found] == [sha] and f"on {ahead}" in found[0]["message"]
    # Judged as of a past day, the window is closed: a later commit is not evidence of that day.
    earlier = (today - dt.timedelta(days=10)).isoformat()
    assert guarded_findings(pilot, as_of=earlier) == {}


# Merges are seen.


def test_an_evil_merge_that_changes_a_guarded_path_needs_a_review(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.team_repo
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("2026-10-01", {"side.txt": "x"})
    repo.git("checkout", "-q", "main")
    repo.commit("2026-10-02", {"main.txt": "y"})
    merge = repo.merge("side", "2026-10-03", GUARDED, message="Merge side")
    [(commit, message)] = guarded_findings(pilot).items()
    assert commit == merge and "infra/open.tf" in message and '"Merge side"' in message


# The charter repo's own history must be whole.


def test_a_shallow_charter_repo_is_a_git_error_that_says_how_to_fetch_the_history(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    versions = [("2026-08-25", pilot.charter_text, "Agree the charter"), ("2026-09-10", looser, "Loosen the retro")]
    charters = commit_charters(pilot, versions)
    assert len(pilot.findings("amendment-signoff")) == 1
    clone = charters.shallow_clone(tmp_path / "charters-ci")  # beside the team repo, as the original
    run = govkit("check", "--root", str(clone), "--as-of", "2026-10-15", "--format", "json")
    assert run.exit_code == 1, run.stderr
    [finding] = [f for f in run.json()["findings"] if f["rule"] == "git"]
    assert finding["severity"] == "error" and finding["file"] == "teams/reorder-pilot/charter.yaml"
    assert "shallow" in finding["message"] and "fetch --unshallow" in finding["message"]
    assert "fetch-depth: 0" in finding["message"]
    assert [(t["team"], t["status"]) for t in run.json()["teams"]] == [("reorder-pilot", "red")]


def test_a_charter_history_git_cannot_read_is_an_error(tmp_path):
    pilot = healthy(tmp_path)
    looser = pilot.charter_text.replace("  retro: 14d", "  retro: 21d")
    charters = commit_charters(pilot, [("2026-08-25", pilot.charter_text, "Agree"), ("2026-09-10", looser, "Loosen")])
    charters.commit("2026-09-12", {"notes.txt": "x"})
    lost = charters.git("rev-parse", "HEAD~1")  # the amendment
    (charters.path / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    [finding] = pilot.findings("git")
    assert finding["severity"] == "error" and finding["file"] == "teams/reorder-pilot/charter.yaml"
    assert "Cannot read the charter's history" in finding["message"]


def test_a_charter_repo_with_no_commit_yet_is_judged_by_its_working_copy(tmp_path):
    pilot = healthy(tmp_path)
    GitRepo(pilot.charters.root)
    assert pilot.findings() == []
